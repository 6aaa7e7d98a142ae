package ui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

// A study whose label, title and population run to thousands of characters (pasted by
// mistake, or hostile) opens its source at once: every label shows a sane length, and
// the whole text is one button away, listed line by line and copyable.
func TestLongTextIsCutWithTheWholeOneClickAway(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	st := *ex.current.StudyByID("elekt-d")
	st.Label = strings.Repeat("Ketamine label ", 700)
	st.Title = strings.Repeat("esketamine title ", 600)
	st.Population = strings.Repeat("ß", 100_000) // no space to break at, two bytes each
	st.Summary = strings.Repeat("long summary ", 200)
	if n := utf8.RuneCountInString(st.Name()); n > domain.LabelLimit {
		t.Errorf("the study's name is %d characters", n)
	}
	showSource(w, st, "")
	top := w.Canvas().Overlays().Top()
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && utf8.RuneCountInString(l.Text) > shownLimit+1 {
			t.Errorf("a label shows %d characters", utf8.RuneCountInString(l.Text))
		}
	})
	for _, want := range []string{"Show all 100000 characters", "Show all 10500 characters"} {
		if buttonNamed(top, want) == nil {
			t.Errorf("no %q button", want)
		}
	}
	if !strings.Contains(texts(top), "Whole label") {
		t.Error("the cut label has no whole-label field")
	}

	test.Tap(buttonNamed(top, "Show all 100000 characters"))
	full := w.Canvas().Overlays().Top()
	var list *widget.List
	walk(full, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.List); ok {
			list = l
		}
	})
	if list == nil {
		t.Fatal("the whole text is not shown")
	}
	var got strings.Builder
	for i := 0; i < list.Length(); i++ {
		item := list.CreateItem()
		list.UpdateItem(i, item)
		got.WriteString(item.(*widget.Label).Text)
	}
	if got.String() != st.Population {
		t.Errorf("the lines hold %d characters, want the whole %d", utf8.RuneCountInString(got.String()), 100_000)
	}
	test.Tap(buttonNamed(full, "Copy all"))
	if fyne.CurrentApp().Clipboard().Content() != st.Population {
		t.Error("Copy all did not copy the whole text")
	}
}

func TestBreakLinesKeepsEveryWord(t *testing.T) {
	text := "a short line\n" + strings.Repeat("word ", 50) + strings.Repeat("x", 25)
	lines := breakLines(text, 20)
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 20 {
			t.Errorf("line %q is longer than 20", l)
		}
	}
	squeeze := strings.NewReplacer(" ", "", "\n", "")
	if lines[0] != "a short line" || squeeze.Replace(strings.Join(lines, "")) != squeeze.Replace(text) {
		t.Errorf("lines %q", lines)
	}
}

// No text of the bundle is cut in the window: every headline shows whole.
func TestTheBundleIsNeverCut(t *testing.T) {
	ex, _ := newExplorer(t)
	for i, ind := range ex.indications {
		ex.Select(i)
		if page := texts(ex.shown()); !strings.Contains(page, ind.Headline) {
			t.Errorf("%s: the headline is not shown whole", ind.Key)
		}
	}
}
