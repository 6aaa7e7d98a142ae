package ui

import (
	"fmt"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// A page shows an indication's first pageStudies studies (randomized evidence first), and
// each card its first cardItems items: enough for a room to read, and a page costs the
// same however large the evidence database grows. The CLI's show and export give all.
const (
	pageStudies = 200
	cardItems   = 30
)

// pageRead is what a page is built from: an indication's evidence under a filter, and its
// charts sized (sizing lays a chart out and measures all its text).
type pageRead struct {
	key     string
	filter  domain.Filter
	ev      domain.IndicationEvidence
	figures []sizedFigure
	err     error
}

// pages is the life of the window's indication pages: which are built, which indication is
// wanted, how a page is read (one path, off the UI goroutine once the window is up) and
// whether a read is still wanted when it lands. Building a page's widgets is make's, given
// by the window; pages touches no widget itself.
type pages struct {
	svc   *evidence.Service
	make  func(i int, r *pageRead) *page // builds a read page's widgets and queues its pieces
	built map[string]*page
	// offUI runs work off the UI goroutine, then done on it; nil runs both at once (tests,
	// and start-up, where the first page is read before anything else can happen)
	offUI      func(work, done func())
	generation int       // counts resets: a read begun before the last one is dropped
	wanted     int       // the indication chosen last, shown once its page is read
	ahead      *pageRead // the first page, read while the window was created
}

func newPages(svc *evidence.Service, make func(int, *pageRead) *page) *pages {
	return &pages{svc: svc, make: make, built: map[string]*page{}}
}

// readEvidence reads what ind's page shows under f; it touches no widget.
func (ps *pages) readEvidence(ind domain.Indication, f domain.Filter) (domain.IndicationEvidence, error) {
	ev, err := ps.svc.Evidence(ind.Key, f, pageStudies)
	if err != nil {
		return ev, fmt.Errorf("could not load %s: %w", ind.Name, err)
	}
	return ev, nil
}

// read reads what ind's page is built from under f; it touches no widget, so it may run
// off the UI goroutine.
func (ps *pages) read(ind domain.Indication, f domain.Filter, dataset string) *pageRead {
	r := &pageRead{key: ind.Key, filter: f}
	if r.ev, r.err = ps.readEvidence(ind, f); r.err != nil {
		return r
	}
	// a talk shows the unfiltered evidence, whose charts a filter renumbers: a chart is
	// pinned by the ID of the unfiltered chart of its title ("" if there is none)
	unfiltered := map[string]string{}
	if f.Active() {
		all, err := ps.readEvidence(ind, domain.Filter{})
		if r.err = err; err != nil {
			return r
		}
		for _, fig := range charts.For(all, dataset) {
			unfiltered[fig.Kind+"|"+fig.Title] = fig.ID
		}
	}
	for _, fig := range charts.For(r.ev, dataset) {
		sf := sized(fig)
		sf.pick = fig.ID
		if f.Active() {
			sf.pick = unfiltered[fig.Kind+"|"+fig.Title]
		}
		r.figures = append(r.figures, sf)
	}
	return r
}

// evidence is ind's evidence under f as its page shows it: the built page's, or read now.
func (ps *pages) evidence(ind domain.Indication, f domain.Filter) (domain.IndicationEvidence, error) {
	if p := ps.built[ind.Key]; p != nil {
		return p.ev, nil
	}
	return ps.readEvidence(ind, f)
}

// get hands the i-th indication's page (ind, under f) to then: at once when it is built or
// was read ahead, else once it has been read (off the UI goroutine when offUI is set). A
// reset in between drops the read: then is not called, whoever reset reads anew.
func (ps *pages) get(i int, ind domain.Indication, f domain.Filter, dataset string, then func(*page, error)) {
	if p := ps.built[ind.Key]; p != nil {
		then(p, nil)
		return
	}
	if r := ps.takeAhead(ind.Key, f); r != nil || ps.offUI == nil {
		if r == nil {
			r = ps.read(ind, f, dataset)
		}
		ps.land(i, r, then)
		return
	}
	generation := ps.generation
	var r *pageRead
	ps.offUI(func() { r = ps.read(ind, f, dataset) }, func() {
		switch p := ps.built[ind.Key]; {
		case generation != ps.generation:
		case p != nil: // built meanwhile, by a visit or the prebuilding
			then(p, nil)
		default:
			ps.land(i, r, then)
		}
	})
}

// land builds the page r read, or hands on its error.
func (ps *pages) land(i int, r *pageRead, then func(*page, error)) {
	if r.err != nil {
		then(nil, r.err)
		return
	}
	p := ps.make(i, r)
	ps.built[r.key] = p
	then(p, nil)
}

// takeAhead takes the page read while the window was created, if it is still what is
// wanted: the same indication under the same filter. Any other use drops it.
func (ps *pages) takeAhead(key string, f domain.Filter) *pageRead {
	r := ps.ahead
	ps.ahead = nil
	if r == nil || r.key != key || r.filter != f {
		return nil
	}
	return r
}

// reset forgets every page (a new filter, database or import) and drops the reads under
// way; it returns the pages that were built.
func (ps *pages) reset() map[string]*page {
	was := ps.built
	ps.generation++
	ps.built = map[string]*page{}
	return was
}
