package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
)

// Compare modes.
const (
	compareIndications = "Two indications"
	compareStudies     = "Two studies"
)

// comparer is the compare window: two indications or two studies side by side, charts of
// the same measure and unit on one shared axis, the rest said to be on different scales.
type comparer struct {
	*state
	window      fyne.Window
	mode        *widget.RadioGroup
	left, right *dropDown
	body        *fyne.Container
	scroll      *container.Scroll
	// sides are the choices of the current mode: what each option's label stands for
	sides map[string]domain.IndicationEvidence
}

// showCompare opens the compare window on the indication shown and the next one.
func (ex *Explorer) showCompare() {
	if ex.compare != nil {
		ex.compare.window.RequestFocus()
		return
	}
	c := &comparer{state: ex.state, window: fyne.CurrentApp().NewWindow("Compare — Ketamine Evidence Explorer"), body: container.NewVBox()}
	ex.compare = c
	c.window.SetOnClosed(func() { ex.compare = nil })
	// a choice hands the keys back to the window, so Esc closes it whatever was used last
	chosen := func(then func()) func(string) {
		return func(string) {
			c.window.Canvas().Unfocus()
			then()
		}
	}
	c.left = newDropDown(nil, chosen(c.draw))
	c.right = newDropDown(nil, chosen(c.draw))
	c.mode = widget.NewRadioGroup([]string{compareIndications, compareStudies}, chosen(c.fill))
	c.mode.Horizontal = true
	top := container.NewVBox(c.mode, container.NewGridWithColumns(2, c.left, c.right))
	c.scroll = container.NewVScroll(container.NewPadded(c.body))
	c.window.SetContent(container.NewBorder(container.NewPadded(top), nil, nil, nil, c.scroll))
	c.window.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			c.window.Close()
		}
	})
	c.window.Resize(ex.window.Canvas().Size())
	c.mode.SetSelected(compareIndications)
	c.window.Show()
}

// fill offers the indications, or every study as "indication · study", for the mode.
func (c *comparer) fill() {
	c.sides = map[string]domain.IndicationEvidence{}
	var options []string
	for i, ind := range c.indications {
		ev, err := c.evidenceFor(i)
		if err != nil {
			dialog.ShowError(err, c.window)
			return
		}
		if c.mode.Selected == compareIndications {
			options = append(options, ind.Name)
			c.sides[ind.Name] = ev
			continue
		}
		for _, st := range ev.Studies {
			label := ind.Name + " · " + st.Name()
			one := ev
			one.Studies = []domain.Study{st}
			options = append(options, label)
			c.sides[label] = one
		}
	}
	c.left.Options, c.right.Options = options, options
	c.left.ClearSelected()
	c.right.ClearSelected()
	if len(options) > 1 {
		c.left.SetSelected(options[0])
		c.right.SetSelected(options[1])
	}
}

// chooseStudies compares the two studies with these IDs.
func (c *comparer) chooseStudies(left, right string) {
	c.mode.SetSelected(compareStudies)
	for label, ev := range c.sides {
		switch ev.Studies[0].ID {
		case left:
			c.left.SetSelected(label)
		case right:
			c.right.SetSelected(label)
		}
	}
}

// draw lays the two sides out, pair by pair, from the top.
func (c *comparer) draw() {
	c.body.Objects = nil
	c.scroll.ScrollToTop()
	l, lok := c.sides[c.left.Selected]
	r, rok := c.sides[c.right.Selected]
	if !lok || !rok {
		c.body.Refresh()
		return
	}
	open := rowOpener(c.window, l, r)
	side := func(f *charts.Figure) fyne.CanvasObject {
		if f == nil {
			return wrapped("Nothing on this side has the same measure at the same time point in the same unit, so this chart is drawn alone, on its own scale.", false)
		}
		return newChartView(sized(*f), open)
	}
	heads := container.NewGridWithColumns(2, heading(c.left.Selected), heading(c.right.Selected))
	c.body.Add(heads)
	pairs := charts.Compare(charts.For(l, c.datasetLabel()), charts.For(r, c.datasetLabel()))
	if len(pairs) == 0 {
		c.body.Add(wrapped("Neither side has a chart.", false))
	}
	for _, p := range pairs {
		note := "No counterpart on the other side with the same measure, time point and unit: drawn alone, on its own scale"
		if p.Shared {
			note = "Same measure, time point and unit (" + p.Left.Axis.Label + "), one shared axis: " + strings.Join(p.Measures, "; ")
		}
		n := widget.NewLabelWithStyle(note, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		c.body.Add(container.NewVBox(widget.NewSeparator(), n, container.NewGridWithColumns(2, side(p.Left), side(p.Right))))
	}
	c.body.Refresh()
}

func heading(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}
