package ui

import (
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"os"
	"testing"

	"fyne.io/fyne/v2"
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

// benchSwitch measures going to an indication not seen before: loading, cards, charts
// and layout (chart pixels are drawn off the UI goroutine: see charts' benchmarks).
func benchSwitch(b *testing.B, synthetic bool) {
	ex := benchExplorer(b, synthetic)
	i := 0
	for b.Loop() {
		ex.pages, ex.page.Objects = map[string]*page{}, nil
		ex.Select(i % len(ex.indications))
		i++
	}
}

func BenchmarkSwitchIndicationBundled(b *testing.B)   { benchSwitch(b, false) }
func BenchmarkSwitchIndicationSynthetic(b *testing.B) { benchSwitch(b, true) }

// BenchmarkSwitchIndicationPrebuilt is going to an indication whose page was built while
// the window was idle after starting (see prebuild), as every visit after start-up is.
func BenchmarkSwitchIndicationPrebuilt(b *testing.B) {
	ex := benchExplorer(b, false)
	for i := range ex.indications {
		if _, err := ex.pageFor(i); err != nil {
			b.Fatal(err)
		}
	}
	i := 0
	for b.Loop() {
		ex.Select(i % len(ex.indications))
		i++
	}
}

func BenchmarkOpenSource(b *testing.B) {
	ex := benchExplorer(b, false)
	ex.Select(0)
	st := ex.current.Studies[3]
	for b.Loop() {
		showSource(ex.window, st, st.Outcomes[0].ID)
		ex.window.Canvas().Overlays().Top().Hide()
	}
}

// BenchmarkFilterChange is a filter set and lifted: the page shown is rebuilt on the UI
// goroutine (the navigator's counts are worked out off it).
func BenchmarkFilterChange(b *testing.B) {
	ex := benchExplorer(b, false)
	ex.Select(0)
	on := domain.Filter{Molecule: domain.Esketamine}
	i := 0
	for b.Loop() {
		if i%2 == 0 {
			ex.SetFilter(on)
		} else {
			ex.SetFilter(domain.Filter{})
		}
		i++
	}
}

// BenchmarkStartPresenterMode is entering presenter mode and leaving it again: the deck's
// slides are laid out and the first shown.
func BenchmarkStartPresenterMode(b *testing.B) {
	ex := benchExplorer(b, false)
	ex.Select(0)
	for b.Loop() {
		ex.Present(false)
		ex.presenting.leave()
	}
}
