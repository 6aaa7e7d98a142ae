package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
)

// deckRow finds, in the deck dialog, the tick named text and its up button.
func deckRow(t *testing.T, o fyne.CanvasObject, text string) (*widget.Check, *widget.Button) {
	t.Helper()
	var check *widget.Check
	var up *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok {
			return
		}
		for _, x := range c.Objects {
			if ch, ok := x.(*widget.Check); ok && ch.Text == text {
				check = ch
				walk(c, func(o fyne.CanvasObject) {
					if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.MoveUpIcon().Name() {
						up = b
					}
				})
			}
		}
	})
	if check == nil || up == nil {
		t.Fatalf("no row %q in the deck dialog", text)
	}
	return check, up
}

// The deck builder picks and orders indications and sections, says how many slides that
// makes, presents exactly that, and remembers it; slides leave out bibliographic unknowns.
func TestDeckBuilderChoosesAndOrdersTheSlides(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	ex.chooseDeck()
	dlg := w.Canvas().Overlays().Top()
	for _, name := range []string{"Chronic pain", "Cognition and neurological disorders", slides.SectionName[slides.SectionCharts]} {
		check, _ := deckRow(t, dlg, name)
		test.Tap(check)
	}
	_, up := deckRow(t, dlg, "Suicidal ideation in major depressive disorder")
	test.Tap(up) // above chronic pain
	_, up = deckRow(t, dlg, "Suicidal ideation in major depressive disorder")
	test.Tap(up) // above treatment-resistant depression
	var count string
	walk(dlg, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && strings.HasSuffix(l.Text, "in this deck") {
			count = l.Text
		}
	})
	test.Tap(buttonNamed(dlg, "Present"))
	p := ex.presenting
	if p == nil {
		t.Fatal("Present did not start presenter mode")
	}
	var order []string
	for _, s := range p.slides {
		if len(order) == 0 || order[len(order)-1] != s.Indication.Key {
			order = append(order, s.Indication.Key)
		}
		if s.Kind == slides.Chart {
			t.Errorf("a chart slide in a deck without charts: %s", s.Figure.Title)
		}
		for _, it := range s.Items {
			if domain.Bibliographic(it.Text) {
				t.Errorf("slide %q lists a bibliographic unknown: %q", s.Title, it.Text)
			}
		}
	}
	if !slices.Equal(order, []string{"si", "trd"}) {
		t.Errorf("the deck runs through %v, want si then trd", order)
	}
	if want := domain.Plural(len(p.slides), "slide", "slides") + " in this deck"; count != want {
		t.Errorf("the builder said %q, the deck has %q", count, want)
	}
	p.leave()
	if d := loadDeck(); !slices.Equal(d.Indications, []string{"si", "trd"}) || slices.Contains(d.Sections, slides.SectionCharts) {
		t.Errorf("the deck was not remembered: %+v", d)
	}
}
