package ui

import (
	"strings"
	"testing"
)

func TestCompareTwoStudiesAndTwoIndications(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(0)
	ex.showCompare()
	c := ex.compare
	if c == nil {
		t.Fatal("no compare window")
	}
	t.Cleanup(c.window.Close)
	// two indications: both names head the columns, every pair says how it is scaled
	body := texts(c.body)
	if !strings.Contains(body, "Treatment-resistant depression") || !strings.Contains(body, "Chronic pain") {
		t.Fatalf("the columns are not the two indications:\n%s", body)
	}
	c.mode.SetSelected(compareStudies)
	c.left.SetSelected("Treatment-resistant depression · ELEKT-D (Anand 2023)")
	c.right.SetSelected("Treatment-resistant depression · TRANSFORM-2 (Popova 2019)")
	body = texts(c.body)
	if !strings.Contains(body, "one shared axis") {
		t.Error("ELEKT-D and TRANSFORM-2 share no axis")
	}
	if !strings.Contains(body, "not drawn on one scale") || !strings.Contains(body, "separate scales") {
		t.Error("charts of different measures are not said to be on separate scales")
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
}
