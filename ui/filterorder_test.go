package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"ketamine-explorer/domain"
)

// randomWalk is a random walk's source and length: make test takes a short walk from a fixed seed;
// make fuzz a long one (KEE_LONG_WALKS=1) from a seed of the clock. The seed is printed, and
// KEE_SEED=N repeats a walk.
func randomWalk(t *testing.T) (*rand.Rand, int) {
	seed, steps := uint64(7), 20
	if os.Getenv("KEE_LONG_WALKS") == "1" {
		seed, steps = uint64(time.Now().UnixNano()), 600
	}
	if s, err := strconv.ParseUint(os.Getenv("KEE_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("a walk of %d random steps from seed %d (KEE_SEED=%d repeats it)", steps, seed, seed)
	return rand.New(rand.NewPCG(seed, 13)), steps
}

// The filters' drop-downs, used in every order of two and in long random sequences mixed
// with opening a drop-down, switching indication and tab, hiding the header and searching,
// never crash the window and always leave a page that says what it shows: the chips name
// exactly the filters on, and a filtered page says how many studies match.
func TestFiltersInAnyOrder(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	fb := ex.filters
	selects := []*dropDown{fb.molecule, fb.route, fb.design, fb.comparator, fb.minN}
	check := func(step string, draw bool) {
		t.Helper()
		if draw {
			w.Canvas().(test.WindowlessCanvas).Capture() // draws it all, as the window would
		}
		on := len(ex.filter.Chips())
		chips := len(chipButtons(fb))
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
	r, steps := randomWalk(t)
	for i, a := range selects {
		for j, b := range selects {
			if i == j {
				continue
			}
			test.Tap(a) // the drop-down opens over the window
			w.Canvas().Overlays().Top().Hide()
			pick(a, r)
			pick(b, r)
			check(fmt.Sprintf("%s then %s", a.PlaceHolder, b.PlaceHolder), true)
			ex.SetFilter(domain.Filter{})
			check("cleared", false)
		}
	}
	for step := 0; step < steps; step++ {
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
			if chips := chipButtons(fb); len(chips) > 0 {
				test.Tap(chips[r.IntN(len(chips))])
			}
			name = "chip"
		}
		check(fmt.Sprintf("step %d (%s)", step, name), true)
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
