package ui

import (
	"strings"
	"testing"

	"ketamine-explorer/domain"
)

// turns collects the builder's turns instead of handing them to the UI goroutine, so a
// test can look at a page between them.
func turns(ex *Explorer) *[]func() {
	var q []func()
	ex.build.post = func(turn func()) { q = append(q, turn) }
	return &q
}

func runTurns(q *[]func()) int {
	n := 0
	for len(*q) > 0 {
		t := (*q)[0]
		*q = (*q)[1:]
		t()
		n++
	}
	return n
}

// A page shows at once with its header and grows a piece per turn; the page on screen is
// built before others, and a filter change drops the pieces of the pages it replaces.
func TestPagesBuildAPieceAtATime(t *testing.T) {
	ex, _ := newExplorer(t)
	q := turns(ex)
	ex.Select(0)
	page := texts(ex.shown())
	if !strings.Contains(page, ex.indications[0].Headline) {
		t.Error("the headline is not on the page as soon as it shows")
	}
	if strings.Contains(page, "49.22") {
		t.Error("the whole page was built at once")
	}
	if n := runTurns(q); n < 3 {
		t.Errorf("the page was built in %d turns", n)
	}
	if !strings.Contains(texts(ex.shown()), "49.22") {
		t.Error("the Meisner IV number is not on the page once its turns ran")
	}

	ex.prebuild(1) // pages built while idle, as after start-up
	ex.Select(3)
	if got := ex.build.queue[0].page; got != ex.indications[3].Key {
		t.Errorf("the first piece to build is %s's, not the page on screen's", got)
	}
	ex.SetFilter(domain.Filter{Molecule: domain.Esketamine})
	for _, s := range ex.build.queue {
		if s.page != ex.current.Indication.Key {
			t.Fatalf("a piece of %s's page, replaced by the filter's, is still queued", s.page)
		}
	}
	runTurns(q)
	if ex.build.pending(ex.current.Indication.Key) {
		t.Error("pieces are left after every turn ran")
	}
}

// Moving through slides faster than their lines come leaves only the shown slide's lines
// to build, and leaving presenter mode leaves none; the window comes back whole.
func TestSlidesMovedPastAreNotBuilt(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	q := turns(ex)
	ex.Present(false)
	runTurns(q)
	p := ex.presenting
	p.goTo(1)
	p.goTo(2)
	lines := 0
	for _, s := range ex.build.queue {
		if s.page == slideLines {
			lines++
		}
	}
	_, want := p.slideView(p.slides[2])
	if len(want) == 0 {
		t.Fatal("the third slide has no lines to build")
	}
	if lines != len(want) {
		t.Errorf("%d slide lines queued, want the %d of the slide shown", lines, len(want))
	}
	p.leave()
	if ex.build.pending(slideLines) {
		t.Error("slide lines are still queued after leaving presenter mode")
	}
	runTurns(q)
	if w.Canvas().Content() != ex.Content() {
		t.Error("the window's content is not back after leaving presenter mode")
	}
}

// A page not built yet is read off the UI goroutine: the page shown stays until the new
// one is read, a read that a filter change overtook is never shown, and the page that
// shows in the end is the filtered one.
func TestAPageIsReadOffTheWindow(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(0)
	type read struct{ off, on func() }
	var reads []read
	ex.pages.offUI = func(off, on func()) { reads = append(reads, read{off, on}) }
	ex.Select(1)
	if len(reads) != 1 || ex.current.Indication.Key != ex.indications[0].Key {
		t.Fatalf("%d reads queued, %s shown: the switch did not wait for its read", len(reads), ex.current.Indication.Key)
	}
	reads[0].off()
	ex.SetFilter(domain.Filter{Molecule: domain.Esketamine}) // overtakes the read
	reads[0].on()
	if ex.current.Indication.Key != ex.indications[0].Key || ex.currentFilter.Active() {
		t.Errorf("a read made before the filter changed was shown (%s), or the page shown is said to be filtered", ex.current.Indication.Key)
	}
	for _, r := range reads[1:] {
		r.off()
		r.on()
	}
	if ex.current.Indication.Key != ex.indications[1].Key {
		t.Fatalf("%s shown after every read, want %s", ex.current.Indication.Key, ex.indications[1].Key)
	}
	if page := texts(ex.shown()); !strings.Contains(page, "match the filters") || ex.currentFilter != ex.filter {
		t.Error("the page shown is not the filtered one")
	}
	if n := len(ex.page.Objects); n != 1 {
		t.Errorf("%d pages in the window's stack, want the one shown: replaced pages stay", n)
	}
}

// The first page is read while the window is created (see Run): it is shown only when it
// is still what the window wants, the same indication under the same filter.
func TestFirstPageReadAheadIsShownOnlyIfStillWanted(t *testing.T) {
	ahead := func(ex *Explorer, i int) *pageRead {
		r := ex.pages.read(ex.indications[i], domain.Filter{}, ex.datasetLabel())
		if r.err != nil {
			t.Fatal(r.err)
		}
		r.ev.Studies = r.ev.Studies[:1] // marks the page read ahead
		return r
	}
	ex, _ := newExplorer(t)
	ex.pages.ahead = ahead(ex, 1)
	ex.Select(1)
	if len(ex.current.Studies) != 1 || ex.pages.ahead != nil {
		t.Errorf("the page read ahead was not shown (%d studies)", len(ex.current.Studies))
	}

	ex, _ = newExplorer(t)
	ex.pages.ahead = ahead(ex, 0)
	ex.filter = domain.Filter{Molecule: domain.Esketamine} // set after the read began
	ex.Select(0)
	if len(ex.current.Studies) == 1 || ex.currentFilter != ex.filter {
		t.Error("a page read ahead under another filter was shown")
	}
	for _, s := range ex.current.Studies {
		if !ex.filter.Keeps(s) {
			t.Errorf("%s shown under an esketamine filter", s.Label)
		}
	}
}
