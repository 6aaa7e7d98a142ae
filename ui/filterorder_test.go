package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

// The filters' drop-downs, used in every order of two and in long random sequences mixed
// with opening a drop-down, switching indication and tab, hiding the header and searching,
// never crash the window and always leave a page that says what it shows: the chips name
// exactly the filters on, and a filtered page says how many studies match.
func TestFiltersInAnyOrder(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	fb := ex.filters
	selects := []*dropDown{fb.molecule, fb.route, fb.design, fb.comparator, fb.minN}
	check := func(step string) {
		t.Helper()
		w.Canvas().(test.WindowlessCanvas).Capture()
		on := len(ex.filter.Chips())
		chips := len(fb.chips.Objects)
		if on > 0 {
			chips-- // Clear all
		}
		if chips != on || fb.chips.Visible() != (on > 0) {
			t.Fatalf("%s: %d chips for %d filters %v", step, chips, on, ex.filter.Chips())
		}
		if page := texts(ex.shown()); ex.filter.Active() != strings.Contains(page, "match the filters") {
			t.Fatalf("%s: the page does not say whether it is filtered (%v)", step, ex.filter.Chips())
		}
	}
	pick := func(s *dropDown, r *rand.Rand) {
		if len(s.Options) > 0 {
			s.SetSelected(s.Options[r.IntN(len(s.Options))])
		}
	}
	r := rand.New(rand.NewPCG(7, 13))
	for i, a := range selects {
		for j, b := range selects {
			if i == j {
				continue
			}
			test.Tap(a) // the drop-down opens over the window
			w.Canvas().Overlays().Top().Hide()
			pick(a, r)
			pick(b, r)
			check(fmt.Sprintf("%s then %s", a.PlaceHolder, b.PlaceHolder))
			ex.SetFilter(domain.Filter{})
			check("cleared")
		}
	}
	for step := 0; step < 60; step++ {
		name := ""
		switch k := r.IntN(10); {
		case k < 5:
			s := selects[r.IntN(len(selects))]
			if r.IntN(3) == 0 {
				test.Tap(s)
				w.Canvas().Overlays().Top().Hide()
			}
			pick(s, r)
			name = "choose " + s.PlaceHolder + " " + s.Selected
		case k == 5:
			ex.Select(r.IntN(len(ex.indications)))
			name = "indication"
		case k == 6:
			ex.ShowView(r.IntN(3))
			name = "tab"
		case k == 7:
			ex.setCompact(!ex.compact)
			name = "header"
		case k == 8:
			fb.search.SetText([]string{"", "esketamine", "MADRS", "zzz-nothing"}[r.IntN(4)])
			fb.search.OnSubmitted(fb.search.Text)
			if top := w.Canvas().Overlays().Top(); top != nil {
				top.Hide() // the search results
			}
			name = "search " + fb.search.Text
		default:
			if n := len(fb.chips.Objects); n > 0 {
				test.Tap(fb.chips.Objects[r.IntN(n)].(*widget.Button))
			}
			name = "chip"
		}
		check(fmt.Sprintf("step %d (%s)", step, name))
	}
}

// A drop-down opens its list only when no other list or dialog is open and it is on a
// canvas: clicks queued while the window was busy opened a second list whose use crashed
// Fyne 2.7 (fyne-io/fyne#4730), as does a list opened by a detached drop-down (#5965).
func TestADropDownNeverOpensASecondList(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	test.Tap(ex.filters.minN)
	test.Tap(ex.filters.molecule)
	if n := len(w.Canvas().Overlays().List()); n != 1 {
		t.Errorf("%d lists open after two clicks", n)
	}
	w.Canvas().Overlays().Top().Hide()
	test.Tap(ex.filters.minN)
	if w.Canvas().Overlays().Top() == nil {
		t.Error("a drop-down does not open once the other list is closed")
	}
	w.Canvas().Overlays().Top().Hide()
	detached := newDropDown([]string{"a", "b"}, nil)
	test.Tap(detached) // must not panic
}

// A panic once the window is up is kept with its stack in the cache folder for a report.
func TestACrashIsKeptForAReport(t *testing.T) {
	note := crashReport("boom", []byte("goroutine 1 [running]:"))
	path := strings.TrimSuffix(strings.TrimPrefix(note, " (details in "), ")")
	b, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(b), "boom") || !strings.Contains(string(b), "goroutine 1") {
		t.Errorf("crash report %q: %v %q", note, err, b)
	}
}
