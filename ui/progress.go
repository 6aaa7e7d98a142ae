package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progress is the dialog shown while long work runs off the UI goroutine: a moving bar, a
// line saying what is going on, and a Cancel button when the work can be stopped.
type progress struct {
	dialog *dialog.CustomDialog
	note   *widget.Label
}

// showProgress shows a progress dialog over w with note under its bar; with cancel, a
// Cancel button calls it and closes the dialog at once.
func showProgress(w fyne.Window, title, note string, cancel func()) *progress {
	p := &progress{note: widget.NewLabel(note)}
	p.note.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(widget.NewProgressBarInfinite(), p.note)
	if cancel != nil {
		box.Add(container.NewCenter(widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
			cancel()
			p.dialog.Hide()
		})))
	}
	p.dialog = dialog.NewCustomWithoutButtons(title, box, w)
	p.dialog.Resize(fyne.NewSize(520, p.dialog.MinSize().Height))
	p.dialog.Show()
	return p
}

// say changes the line under the bar; it may be called from any goroutine.
func (p *progress) say(text string) {
	fyne.Do(func() { p.note.SetText(text) })
}

// hide closes the dialog (on the UI goroutine).
func (p *progress) hide() { p.dialog.Hide() }
