package data_test

import (
	"ketamine-explorer/domain"
	"slices"
	"testing"
)

func ids(ev domain.IndicationEvidence) []string {
	var out []string
	for _, st := range ev.Studies {
		out = append(out, st.ID)
	}
	return out
}

func TestFiltersKeepWhatTheySay(t *testing.T) {
	s := bundled(t)
	trd, _ := s.Evidence("trd")
	si, _ := s.Evidence("si")
	cases := []struct {
		name   string
		ev     domain.IndicationEvidence
		f      domain.Filter
		keep   []string
		remove []string
	}{
		{"esketamine", trd, domain.Filter{Molecule: "esketamine"}, []string{"transform-2", "sustain-1"}, []string{"elekt-d"}},
		{"intravenous", trd, domain.Filter{Route: "intravenous"}, []string{"elekt-d"}, []string{"transform-2", "sustain-1"}},
		{"ECT comparator", trd, domain.Filter{Comparator: "electroconvulsive therapy"}, []string{"elekt-d"}, []string{"transform-2"}},
		{"midazolam comparator", si, domain.Filter{Comparator: "midazolam"}, []string{"grunebaum-2018"}, []string{"aspire-1"}},
		{"randomized", trd, domain.Filter{Design: "randomized trial"}, []string{"elekt-d", "transform-2"}, []string{"sustain-1"}},
		{"N of 300 or more", trd, domain.Filter{MinN: 300}, []string{"elekt-d"}, []string{"transform-2", "meisner-2025"}}, // TRANSFORM-2's N is unknown
		{"text in a measure, any case", trd, domain.Filter{Text: "qids-sr16"}, []string{"elekt-d", "meisner-2025"}, []string{"transform-2"}},
		{"SQL-looking text", trd, domain.Filter{Text: "'; DROP TABLE studies; --"}, nil, []string{"elekt-d"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := ids(c.f.Apply(c.ev))
			for _, id := range c.keep {
				if !slices.Contains(got, id) {
					t.Errorf("%s was filtered out: %v", id, got)
				}
			}
			for _, id := range c.remove {
				if slices.Contains(got, id) {
					t.Errorf("%s was kept: %v", id, got)
				}
			}
			if len(c.f.Chips()) != 1 || c.f.Parts()[0].Without.Active() {
				t.Errorf("chips: %v; lifting the one part leaves %+v", c.f.Chips(), c.f.Parts()[0].Without)
			}
		})
	}
	two := domain.Filter{Molecule: "esketamine", MinN: 100}
	if parts := two.Parts(); len(parts) != 2 || parts[0].Without != (domain.Filter{MinN: 100}) || parts[1].Without != (domain.Filter{Molecule: "esketamine"}) {
		t.Errorf("lifting one part of two: %+v", parts)
	}
	if got := (domain.Filter{}).Apply(trd); len(got.Studies) != len(trd.Studies) {
		t.Error("the empty filter hid studies")
	}
}
