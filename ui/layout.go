package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// twoColumns lays two columns of cards side by side when the width holds both at their
// widest card, and one under the other when it does not: a laptop or a 1024-pixel
// projector has no room for two, and the window must never be wider than the screen.
type twoColumns struct {
	box     *fyne.Container // its container, laid out again when the arrangement changes
	stacked bool
}

func newTwoColumns(a, b fyne.CanvasObject) (*fyne.Container, *twoColumns) {
	l := &twoColumns{}
	l.box = container.New(l, a, b)
	return l.box, l
}

// MinSize is one column's width: the window may narrow until they stack.
func (l *twoColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	if l.stacked {
		return fyne.NewSize(max(a.Width, b.Width), a.Height+theme.Padding()+b.Height)
	}
	return fyne.NewSize(max(a.Width, b.Width), max(a.Height, b.Height))
}

func (l *twoColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	pad := theme.Padding()
	col := (size.Width - pad) / 2
	if stacked := col < max(a.Width, b.Width); stacked != l.stacked {
		l.stacked = stacked
		canvas.Refresh(l.box) // taller or shorter: the scroll around it lays out again
	}
	if l.stacked {
		objs[0].Move(fyne.NewPos(0, 0))
		objs[0].Resize(fyne.NewSize(size.Width, a.Height))
		objs[1].Move(fyne.NewPos(0, a.Height+pad))
		objs[1].Resize(fyne.NewSize(size.Width, b.Height))
		return
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(col, size.Height))
	objs[1].Move(fyne.NewPos(col+pad, 0))
	objs[1].Resize(fyne.NewSize(col, size.Height))
}

// widthWatch lays its one object out at its full size and tells when its width changes:
// the navigator's rows are as tall as their names wrap at its width.
type widthWatch struct {
	width   float32
	changed func()
}

func (l *widthWatch) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l *widthWatch) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	if size.Width != l.width {
		l.width = size.Width
		l.changed()
	}
}
