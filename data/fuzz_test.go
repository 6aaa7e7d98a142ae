package data_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/resources"
)

// FuzzOpen: whatever bytes a file holds, opening it gives a store that works or an error,
// never a panic. Seeds: testdata/fuzz/FuzzOpen and the bundled database cut short.
func FuzzOpen(f *testing.F) {
	f.Add(resources.EvidenceDB[:100])
	f.Add(resources.EvidenceDB[:4096])
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "f.sqlite")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := data.Open(p)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		defer s.Close()
		inds, err := s.Indications()
		if err != nil {
			return
		}
		for _, ind := range inds {
			s.Evidence(ind.Key)
		}
	})
}

// FuzzSearch: any text, however odd (SQL, quotes, wildcards, right-to-left, control
// characters), is matched literally and never breaks the query: the CLI's search in SQL,
// and the window's search box, a text filter over the loaded evidence.
func FuzzSearch(f *testing.F) {
	s, err := data.OpenBytes(resources.EvidenceDB, "bundled")
	if err != nil {
		f.Fatal(err)
	}
	var evs []data.IndicationEvidence
	inds, _ := s.Indications()
	for _, ind := range inds {
		ev, err := s.Evidence(ind.Key)
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
			kept := data.Filter{Text: q}.Apply(ev)
			if len(kept.Studies) > len(ev.Studies) || len(kept.Studies) < len(ev.Studies) && strings.TrimSpace(q) == "" {
				t.Fatalf("text filter %q kept %d of %d", q, len(kept.Studies), len(ev.Studies))
			}
		}
	})
}
