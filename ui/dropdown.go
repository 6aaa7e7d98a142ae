package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dropDown is a Select that opens its list only when it is on a canvas that has no other
// pop-up open. Fyne 2.7 panics when a Select opens its list while detached from its
// canvas (fyne-io/fyne#5965, fixed after 2.7) and when clicks queued while the window was
// busy open a second list and the lower one is used (fyne-io/fyne#4730): a filter change
// rebuilds the page, and a click on the next drop-down during it ended the process.
type dropDown struct {
	widget.Select
}

func newDropDown(options []string, changed func(string)) *dropDown {
	d := &dropDown{}
	d.Options, d.OnChanged = options, changed
	d.ExtendBaseWidget(d)
	return d
}

// canOpen says whether a list may open now.
func (d *dropDown) canOpen() bool {
	c := fyne.CurrentApp().Driver().CanvasForObject(d)
	return c != nil && c.Overlays().Top() == nil
}

// Tapped opens the list, unless it cannot be opened safely (the tap is then dropped).
func (d *dropDown) Tapped(e *fyne.PointEvent) {
	if d.canOpen() {
		d.Select.Tapped(e)
	}
}

// TypedKey is Select's, with the keys that open the list guarded as a tap is.
func (d *dropDown) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		if !d.canOpen() {
			return
		}
	}
	d.Select.TypedKey(e)
}
