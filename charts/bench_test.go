package charts_test

import (
	"testing"

	"ketamine-explorer/charts"
	"ketamine-explorer/data"
	"ketamine-explorer/resources"
)

// BenchmarkDrawTRDChartsAt1080p draws every chart of the busiest indication at
// 1920x1080, as an export or a full-screen chart does.
func BenchmarkDrawTRDChartsAt1080p(b *testing.B) {
	s, err := data.OpenBytes(resources.EvidenceDB, "bundled")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ev, err := s.Evidence("trd")
	if err != nil {
		b.Fatal(err)
	}
	figs := charts.For(ev, "bench")
	for b.Loop() {
		for _, f := range figs {
			if _, err := charts.Image(f, 1920, 1080, charts.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(figs))/1e6, "ms/chart")
}
