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
