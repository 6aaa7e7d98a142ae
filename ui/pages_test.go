package ui

import (
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// pagesOn is the page lifecycle on the bundled evidence, with reads queued instead of run
// off the UI goroutine, so a test decides when each lands. made lists the pages built.
func pagesOn(t *testing.T) (ps *pages, inds []domain.Indication, queued *[][2]func(), made *[]string) {
	t.Helper()
	svc, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Close() })
	inds, err = svc.Indications()
	if err != nil {
		t.Fatal(err)
	}
	queued, made = &[][2]func(){}, &[]string{}
	ps = newPages(svc, func(_ int, r *pageRead) *page {
		*made = append(*made, r.key)
		return &page{ev: r.ev, filter: r.filter}
	})
	ps.offUI = func(work, done func()) { *queued = append(*queued, [2]func(){work, done}) }
	return ps, inds, queued, made
}

// got collects what get hands on.
type got struct {
	pages []*page
	errs  []error
}

func (g *got) then(p *page, err error) {
	if err != nil {
		g.errs = append(g.errs, err)
		return
	}
	g.pages = append(g.pages, p)
}

func TestAPageIsReadOnceAndBuiltOnce(t *testing.T) {
	ps, inds, queued, made := pagesOn(t)
	var g got
	ps.get(0, inds[0], domain.Filter{}, "v", g.then)
	if len(g.pages) != 0 || len(*queued) != 1 {
		t.Fatalf("a page not built was handed on at once (%d) or not read off the UI goroutine (%d reads)", len(g.pages), len(*queued))
	}
	(*queued)[0][0]()
	(*queued)[0][1]()
	ps.get(0, inds[0], domain.Filter{}, "v", g.then)
	if len(g.pages) != 2 || g.pages[0] != g.pages[1] || len(*made) != 1 || len(*queued) != 1 {
		t.Fatalf("pages %d, built %v, reads %d: want the one page, built and read once", len(g.pages), *made, len(*queued))
	}
	if ev, err := ps.evidence(inds[0], domain.Filter{}); err != nil || len(ev.Studies) != len(g.pages[0].ev.Studies) {
		t.Errorf("the evidence of a built page is not its page's: %v", err)
	}
}

// A read that a reset (a new filter, database or import) overtook is dropped; one whose
// page was built meanwhile hands on that page, not a second one.
func TestAReadOvertakenIsDropped(t *testing.T) {
	ps, inds, queued, made := pagesOn(t)
	var g got
	ps.get(0, inds[0], domain.Filter{}, "v", g.then)
	(*queued)[0][0]()
	ps.reset()
	(*queued)[0][1]()
	if len(g.pages)+len(g.errs) != 0 || len(*made) != 0 {
		t.Fatalf("a read begun before a reset was built (%v) or handed on", *made)
	}

	ps.get(1, inds[1], domain.Filter{}, "v", g.then)
	ps.get(1, inds[1], domain.Filter{}, "v", g.then)
	for _, q := range (*queued)[1:] {
		q[0]()
		q[1]()
	}
	if len(g.pages) != 2 || g.pages[0] != g.pages[1] || len(*made) != 1 {
		t.Errorf("two reads of one page built %v", *made)
	}
}

// The page read while the window was created is used only for the same indication under
// the same filter, and only once; any other page is read anew.
func TestThePageReadAheadIsUsedOnlyIfStillWanted(t *testing.T) {
	esketamine := domain.Filter{Molecule: domain.Esketamine}
	for _, c := range []struct {
		name    string
		aheadOf int
		filter  domain.Filter
		used    bool
	}{
		{"same indication and filter", 0, domain.Filter{}, true},
		{"another indication", 1, domain.Filter{}, false},
		{"another filter", 0, esketamine, false},
	} {
		ps, inds, queued, _ := pagesOn(t)
		ps.ahead = ps.read(inds[c.aheadOf], domain.Filter{}, "v")
		var g got
		ps.get(0, inds[0], c.filter, "v", g.then)
		if used := len(*queued) == 0; used != c.used || ps.ahead != nil {
			t.Errorf("%s: read ahead used %v, want %v (kept: %v)", c.name, used, c.used, ps.ahead != nil)
		}
		if c.used && g.pages[0].filter != c.filter {
			t.Errorf("%s: the page is said to be read under %+v", c.name, g.pages[0].filter)
		}
	}
}

// A page that cannot be read hands on its error, naming the indication, and is not built.
func TestAPageThatCannotBeReadSaysWhich(t *testing.T) {
	ps, _, queued, made := pagesOn(t)
	var g got
	ps.get(0, domain.Indication{Key: "nonesuch", Name: "Nonesuch"}, domain.Filter{}, "v", g.then)
	(*queued)[0][0]()
	(*queued)[0][1]()
	if len(g.errs) != 1 || len(*made) != 0 || len(ps.built) != 0 {
		t.Fatalf("errors %v, built %v", g.errs, *made)
	}
	if got := g.errs[0].Error(); !strings.HasPrefix(got, "could not load Nonesuch") {
		t.Errorf("the error does not name the indication: %s", got)
	}
}
