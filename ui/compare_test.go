package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestCompareTwoStudiesAndTwoIndications(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(0)
	ex.showCompare()
	c := ex.compare
	if c == nil {
		t.Fatal("no compare window")
	}
	t.Cleanup(func() {
		if ex.compare != nil {
			c.window.Close()
		}
	})
	// two indications: both names head the columns, every pair says how it is scaled
	body := texts(c.body)
	if !strings.Contains(body, "Treatment-resistant depression") || !strings.Contains(body, "Chronic pain") {
		t.Fatalf("the columns are not the two indications:\n%s", body)
	}
	c.mode.SetSelected(compareStudies)
	// ELEKT-D's response and KetECT's remission are both % of patients: never paired
	c.left.SetSelected("Treatment-resistant depression · ELEKT-D (Anand 2023)")
	c.right.SetSelected("Treatment-resistant depression · KetECT (Ekstrand 2022)")
	if body := texts(c.body); strings.Contains(body, "one shared axis") || !strings.Contains(body, "drawn alone, on its own scale") {
		t.Errorf("ELEKT-D and KetECT are drawn on one axis:\n%s", body)
	}
	// scrolled down, a new choice starts again from the top
	c.scroll.ScrollToBottom()
	c.right.SetSelected(optionWith(t, c.right, "TRANSFORM-3"))
	c.left.SetSelected(optionWith(t, c.left, "TRANSFORM-1"))
	if c.scroll.Offset.Y != 0 {
		t.Errorf("a new choice kept the scroll position %v", c.scroll.Offset)
	}
	body = texts(c.body)
	if !strings.Contains(body, "Same measure, time point and unit (% of patients), one shared axis: Response, day 28") {
		t.Errorf("TRANSFORM-1 and TRANSFORM-3 do not share their response axis:\n%s", body)
	}
	views := chartViews(c.body)
	shared := 0
	for i := range views {
		for j := i + 1; j < len(views); j++ {
			if views[i].fig.Axis == views[j].fig.Axis && views[i].fig.Kind == views[j].fig.Kind {
				shared++
			}
		}
	}
	if shared == 0 {
		t.Error("no two drawn charts have the same axis")
	}
	ex.showCompare() // a second call brings the same window forward
	if ex.compare != c {
		t.Error("a second compare window was opened")
	}
	// Esc closes it, also after a choice in a drop-down
	test.Tap(c.left)
	c.window.Canvas().Overlays().Top().Hide()
	c.left.SetSelected(c.left.Options[3])
	c.window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ex.compare != nil {
		t.Error("Esc did not close the compare window")
	}
}

// optionWith is the drop-down's option that contains text.
func optionWith(t *testing.T, s *dropDown, text string) string {
	t.Helper()
	for _, o := range s.Options {
		if strings.Contains(o, text) {
			return o
		}
	}
	t.Fatalf("no option with %q", text)
	return ""
}
