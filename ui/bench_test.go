package ui

import (
	"os"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// benchExplorer is an explorer in a 1920x1080 test window on the bundled database, or on
// $SYNTH_DB when synthetic is set.
func benchExplorer(b *testing.B, synthetic bool) *Explorer {
	path := ""
	if synthetic {
		if path = os.Getenv("SYNTH_DB"); path == "" {
			b.Skip("SYNTH_DB is not set (make synth)")
		}
	}
	svc, err := evidence.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	ex, _ := explorerOn(b, svc, fyne.NewSize(1920, 1080))
	return ex
}

// stallProbe runs an interaction as the window does: the call itself, then each turn the
// builder hands to the UI goroutine (frames are drawn between them), and each page read
// off the UI goroutine (not counted) with what it then does on it (counted). Each
// iteration's longest hold of the UI goroutine is kept, and their median reported as
// stall-ms: the figure the 16 ms goal is about. ns/op is the whole time, reads included.
type stallProbe struct {
	ex     *Explorer
	turns  []probeTurn
	stalls []float64
}

type probeTurn struct{ off, on func() }

func newStallProbe(ex *Explorer) *stallProbe {
	sp := &stallProbe{ex: ex}
	ex.build.post = func(turn func()) { sp.turns = append(sp.turns, probeTurn{on: turn}) }
	ex.pages.offUI = func(read, done func()) { sp.turns = append(sp.turns, probeTurn{read, done}) }
	return sp
}

func (sp *stallProbe) run(interaction func()) {
	start := time.Now()
	interaction()
	longest := time.Since(start)
	for len(sp.turns) > 0 {
		turn := sp.turns[0]
		sp.turns = sp.turns[1:]
		if turn.off != nil {
			turn.off()
		}
		start := time.Now()
		turn.on()
		longest = max(longest, time.Since(start))
	}
	sp.stalls = append(sp.stalls, float64(longest.Microseconds())/1000)
}

func (sp *stallProbe) report(b *testing.B) {
	slices.Sort(sp.stalls)
	b.ReportMetric(sp.stalls[len(sp.stalls)/2], "stall-ms")
}

// benchSwitch measures going to an indication not seen before: loading, cards, charts
// and layout (chart pixels are drawn off the UI goroutine: see charts' benchmarks).
func benchSwitch(b *testing.B, synthetic bool) {
	ex := benchExplorer(b, synthetic)
	sp := newStallProbe(ex)
	i := 0
	for b.Loop() {
		ex.pages.built, ex.page.Objects = map[string]*page{}, nil
		sp.run(func() { ex.Select(i % len(ex.indications)) })
		i++
	}
	sp.report(b)
}

func BenchmarkSwitchIndicationBundled(b *testing.B)   { benchSwitch(b, false) }
func BenchmarkSwitchIndicationSynthetic(b *testing.B) { benchSwitch(b, true) }

// BenchmarkSwitchIndicationPrebuilt is going to an indication whose page was built while
// the window was idle after starting (see prebuild), as every visit after start-up is.
func BenchmarkSwitchIndicationPrebuilt(b *testing.B) {
	ex := benchExplorer(b, false)
	for i := range ex.indications {
		ex.pageAt(i, func(_ *page, err error) { // read at once: pages are read in place here
			if err != nil {
				b.Fatal(err)
			}
		})
	}
	sp := newStallProbe(ex)
	i := 0
	for b.Loop() {
		sp.run(func() { ex.Select(i % len(ex.indications)) })
		i++
	}
	sp.report(b)
}

// benchInteraction times an interaction with the stall probe on the first indication's
// page of the bundle; i counts the iterations.
func benchInteraction(b *testing.B, interaction func(ex *Explorer, i int)) {
	ex := benchExplorer(b, false)
	ex.Select(0)
	sp := newStallProbe(ex)
	i := 0
	for b.Loop() {
		sp.run(func() { interaction(ex, i) })
		i++
	}
	sp.report(b)
}

// BenchmarkOpenSource opens a number's source and closes it again.
func BenchmarkOpenSource(b *testing.B) {
	benchInteraction(b, func(ex *Explorer, i int) {
		if i%2 == 1 {
			ex.window.Canvas().Overlays().Top().Hide()
			return
		}
		st := ex.current.Studies[3]
		showSource(ex.window, st, st.Outcomes[0].ID)
	})
}

// BenchmarkFilterChange is a filter set and lifted: the page shown is rebuilt a piece per
// turn (the navigator's counts are worked out off the UI goroutine).
func BenchmarkFilterChange(b *testing.B) {
	benchInteraction(b, func(ex *Explorer, i int) {
		f := domain.Filter{}
		if i%2 == 0 {
			f = domain.Filter{Molecule: domain.Esketamine}
		}
		ex.SetFilter(f)
	})
}

// BenchmarkImportFinished is what the window does once an import is written: the
// indications are counted again and the page shown rebuilt.
func BenchmarkImportFinished(b *testing.B) {
	benchInteraction(b, func(ex *Explorer, _ int) { ex.importer.changed() })
}

// BenchmarkStartPresenterMode is entering presenter mode and leaving it again: the slide
// is shown, and the window put back, a piece per turn.
func BenchmarkStartPresenterMode(b *testing.B) {
	benchInteraction(b, func(ex *Explorer, i int) {
		if i%2 == 0 {
			ex.Present(false)
		} else {
			ex.presenting.leave()
		}
	})
}
