package evidence_test

import (
	"os"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

func bundled(t testing.TB) *evidence.Service {
	t.Helper()
	s, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// synthetic opens the database named by $SYNTH_DB (made by `make synth`), or skips.
func synthetic(b *testing.B) *evidence.Service {
	path := os.Getenv("SYNTH_DB")
	if path == "" {
		b.Skip("SYNTH_DB is not set (make synth)")
	}
	s, err := evidence.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func TestSearchFindsStudiesByTextAndMeasure(t *testing.T) {
	s := bundled(t)
	for q, want := range map[string]string{
		"cleveland":             "tankha-2025",
		"QIDS-SR16 reduction":   "meisner-2025",
		"PARKINSON":             "neuro-seed-review",
		"fatigue impact":        "fitzgerald-2021",
		"'; DROP TABLE studies": "",
		"50%":                   "elekt-d", // % is not a wildcard
		"_":                     "",
	} {
		hits, err := s.Search(q, 50)
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		var ids []string
		for _, h := range hits {
			ids = append(ids, h.StudyID)
		}
		if want == "" && len(hits) != 0 || want != "" && !strings.Contains(strings.Join(ids, ","), want) {
			t.Errorf("search %q = %v, want %q", q, ids, want)
		}
	}
	if hits, _ := s.Search("ketamine", 3); len(hits) != 3 {
		t.Errorf("limit not applied: %d hits", len(hits))
	}
}

// FuzzSearch: any text, however odd (SQL, quotes, wildcards, right-to-left, control
// characters), is matched literally and never breaks the query: the one search
// of the CLI, and the window's search box, a text filter over the loaded evidence.
func FuzzSearch(f *testing.F) {
	s := bundled(f)
	var evs []domain.IndicationEvidence
	inds, _ := s.Indications()
	for _, ind := range inds {
		ev, err := s.Evidence(ind.Key, domain.Filter{}, -1)
		if err != nil {
			f.Fatal(err)
		}
		evs = append(evs, ev)
	}
	for _, seed := range []string{"midazolam", "'; DROP TABLE studies; --", "%", "_", "\x00", "كيتامين", "😀", strings.Repeat("a", 5000)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := s.Search(q, 20)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(hits) > 20 {
			t.Fatalf("limit ignored: %d", len(hits))
		}
		for _, ev := range evs {
			kept := domain.Filter{Text: q}.Apply(ev)
			if len(kept.Studies) > len(ev.Studies) || len(kept.Studies) < len(ev.Studies) && strings.TrimSpace(q) == "" {
				t.Fatalf("text filter %q kept %d of %d", q, len(kept.Studies), len(ev.Studies))
			}
		}
	})
}

func benchSearch(b *testing.B, s *evidence.Service) {
	for b.Loop() {
		if _, err := s.Search("measure 3", 50); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearchBundled(b *testing.B)   { benchSearch(b, bundled(b)) }
func BenchmarkSearchSynthetic(b *testing.B) { benchSearch(b, synthetic(b)) }
