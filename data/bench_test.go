package data_test

import (
	"ketamine-explorer/domain"
	"os"
	"testing"

	"ketamine-explorer/data"
)

// synthetic opens the database named by $SYNTH_DB (made by `make synth`), or skips.
func synthetic(b *testing.B) *data.Store {
	path := os.Getenv("SYNTH_DB")
	if path == "" {
		b.Skip("SYNTH_DB is not set (make synth)")
	}
	s, err := data.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func benchEvidence(b *testing.B, s *data.Store) {
	for b.Loop() {
		ev, err := s.Evidence("trd")
		if err != nil || len(ev.Studies) == 0 {
			b.Fatal(err)
		}
		domain.Cards(ev)
	}
}

func BenchmarkEvidenceBundled(b *testing.B)   { benchEvidence(b, bundled(b)) }
func BenchmarkEvidenceSynthetic(b *testing.B) { benchEvidence(b, synthetic(b)) }

// A page of the window loads the first studies only.
func BenchmarkPageSynthetic(b *testing.B) {
	s := synthetic(b)
	for b.Loop() {
		ev, err := s.EvidenceFirst("trd", 200)
		if err != nil || len(ev.Studies) != 200 {
			b.Fatal(err)
		}
		domain.Cards(ev)
	}
}

func benchIndications(b *testing.B, s *data.Store) {
	for b.Loop() {
		if _, err := s.Indications(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkListBundled(b *testing.B)   { benchIndications(b, bundled(b)) }
func BenchmarkListSynthetic(b *testing.B) { benchIndications(b, synthetic(b)) }

// show reads an indication a page at a time, each from the last one's place: a page from
// the middle costs what the first does.
func BenchmarkPageAfterSynthetic(b *testing.B) {
	s := synthetic(b)
	ind, err := s.Indication("trd")
	if err != nil {
		b.Fatal(err)
	}
	half, err := s.StudiesAfter("trd", "", ind.StudyCount/2)
	if err != nil || len(half) == 0 {
		b.Fatal(err)
	}
	middle := half[len(half)-1].ID
	for b.Loop() {
		page, err := s.StudiesAfter("trd", middle, 200)
		if err != nil || len(page) != min(200, ind.StudyCount-len(half)) {
			b.Fatal(err, len(page))
		}
	}
}
