package evidence_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"ketamine-explorer/data"
	"ketamine-explorer/data/synthetic"
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

// synthesized builds and opens a synthetic database of n studies with k outcomes each.
func synthesized(t *testing.T, n, k int) *evidence.Service {
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the files checked once
	path := filepath.Join(t.TempDir(), "synthetic.sqlite")
	if err := data.Build(synthetic.Dataset(n, k), path); err != nil {
		t.Fatal(err)
	}
	s, err := evidence.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// synthDB opens the database named by $SYNTH_DB (made by `make synth`), or skips.
func synthDB(b *testing.B) *evidence.Service {
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
		"50%":                   "elekt-d",        // % is not a wildcard
		"_":                     "periop-ma-2025", // only the one whose DOI has an underscore: _ is no wildcard
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

// loaded is every indication's evidence as the window loads it.
func loaded(t testing.TB, s *evidence.Service) []domain.IndicationEvidence {
	t.Helper()
	inds, err := s.Indications()
	if err != nil {
		t.Fatal(err)
	}
	var evs []domain.IndicationEvidence
	for _, ind := range inds {
		ev, err := s.Evidence(ind.Key, domain.Filter{}, -1)
		if err != nil {
			t.Fatal(err)
		}
		evs = append(evs, ev)
	}
	return evs
}

// sameAsWindow fails unless the service's search (the CLI's, through the full-text index)
// finds exactly the studies that the window's search, a text filter over the loaded
// evidence, finds, in the same order.
func sameAsWindow(t testing.TB, s *evidence.Service, evs []domain.IndicationEvidence, q string) {
	t.Helper()
	if strings.TrimSpace(q) == "" {
		return
	}
	hits, err := s.Search(q, -1)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var got, want []string
	for _, h := range hits {
		got = append(got, h.StudyID)
	}
	for _, ev := range evs {
		for _, st := range (domain.Filter{Text: q}).Apply(ev).Studies {
			want = append(want, st.ID)
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("search %q found %d studies %v; the window finds %d %v", q, len(got), got, len(want), want)
	}
}

// queries are texts a user might type: words and pieces of the evidence's own texts in
// any case, short ones the index cannot cut into trigrams, and the index's own syntax.
func queries(evs []domain.IndicationEvidence, max int) []string {
	out := []string{"a", "iv", "IV ketamine", "IN esketamine", "ketamine", "MADRS", "0.5 mg/kg", "measure 3", "p < 0.05",
		`"`, `"quoted"`, "NEAR(a b)", "ket*", "a OR b", "-", "(", "^", "midazolam AND", "İstanbul", "ß", "😀", "\x00", "\n", "trd\npain"}
	seen := map[string]bool{}
	for _, ev := range evs {
		for _, st := range ev.Studies {
			text := st.SearchText()
			pieces := strings.Fields(text)
			// a piece that runs across two texts: the index holds it, no one text does
			if i := strings.IndexByte(text, '\n'); i > 2 && i+3 < len(text) {
				pieces = append(pieces, text[i-2:i+3])
			}
			for _, w := range pieces {
				if !seen[w] && len(out) < max {
					seen[w] = true
					out = append(out, w, strings.ToUpper(w))
				}
			}
		}
	}
	return out
}

// The CLI's search goes through the database's full-text index and the window's through
// the loaded studies; both find the same studies, on the bundle and on a synthetic
// database, and with an imported study.
func TestIndexedSearchFindsWhatTheWindowFinds(t *testing.T) {
	syn := synthesized(t, 200, 4)
	for name, s := range map[string]*evidence.Service{"bundle": bundled(t), "synthetic": syn} {
		t.Run(name, func(t *testing.T) {
			if !s.Indexed() {
				t.Fatal("no full-text index: build with -tags sqlite_fts5 (the Makefile does)")
			}
			evs := loaded(t, s)
			qs := queries(evs, 1200)
			for _, q := range qs {
				sameAsWindow(t, s, evs, q)
			}
		})
	}
	s := bundled(t)
	if err := s.UseUserDB(filepath.Join(t.TempDir(), "user.sqlite")); err != nil {
		t.Fatal(err)
	}
	importCSV(t, s, "mine-2026")
	evs := loaded(t, s)
	for _, q := range append(queries(evs, 100), "mine-2026") {
		sameAsWindow(t, s, evs, q)
	}
}

// FuzzSearch: any text, however odd (SQL, quotes, wildcards, the index's own syntax,
// right-to-left, control characters), is matched literally, never breaks the query and
// finds what the window's search finds.
func FuzzSearch(f *testing.F) {
	s := bundled(f)
	evs := loaded(f, s)
	for _, seed := range []string{"midazolam", "'; DROP TABLE studies; --", "%", "_", "\x00", "كيتامين", "😀", `"a" NEAR b*`, strings.Repeat("a", 5000)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := s.Search(q, 20)
		if utf8.RuneCountInString(q) > evidence.MaxSearch {
			// too long to search: said in words, as a usage error
			if err == nil || domain.ErrorCode(err) != domain.EINVALID {
				t.Fatalf("a search of %d characters: %v", utf8.RuneCountInString(q), err)
			}
			return
		}
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(hits) > 20 {
			t.Fatalf("limit ignored: %d", len(hits))
		}
		sameAsWindow(t, s, evs, q)
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
func BenchmarkSearchSynthetic(b *testing.B) { benchSearch(b, synthDB(b)) }

// importCSV is the CSV template with its example study under a new id, imported.
func importCSV(t *testing.T, s *evidence.Service, id string) {
	t.Helper()
	var buf strings.Builder
	if err := s.Template(&buf); err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(buf.String(), evidence.TemplateExample, id)
	if _, err := s.Import(context.Background(), "mine.csv", strings.NewReader(text), nil); err != nil {
		t.Fatal(err)
	}
}

// Imported studies are merged wherever evidence is read: counts, an indication's studies
// (after the bundled ones, marked), a study by id, and search. Reading alone never
// creates a user database; the first import does.
func TestImportedStudiesAreMergedEverywhere(t *testing.T) {
	s := bundled(t)
	before, err := s.Indications()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "user.sqlite")
	if err := s.UseUserDB(path); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Evidence("trd", domain.Filter{}, -1); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("reading created the user database: %v", err)
	}
	importCSV(t, s, "my-trial")

	after, _ := s.Indications()
	if after[0].Key != "trd" || after[0].StudyCount != before[0].StudyCount+1 {
		t.Errorf("trd count %d, want %d", after[0].StudyCount, before[0].StudyCount+1)
	}
	ev, err := s.Evidence("trd", domain.Filter{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	last := ev.Studies[len(ev.Studies)-1]
	if last.ID != "my-trial" || !last.UserAdded || last.Name() != "ELEKT-D (Anand 2023) [user-added]" || ev.StudyByID("elekt-d").UserAdded {
		t.Errorf("merged studies end with %q (user-added %v)", last.Name(), last.UserAdded)
	}
	if st, err := s.Study("my-trial"); err != nil || !st.UserAdded {
		t.Errorf("Study(my-trial) = %v, %v", st.UserAdded, err)
	}
	// the bundled record and the imported one, marked, after every bundled hit
	hits, err := s.Search("Anand", 50)
	bundledAt := slices.IndexFunc(hits, func(h evidence.Hit) bool { return h.StudyID == "elekt-d" && !h.UserAdded })
	if err != nil || bundledAt < 0 || hits[len(hits)-1].StudyID != "my-trial" || !hits[len(hits)-1].UserAdded {
		t.Errorf("search Anand: %+v, %v", hits, err)
	}
	// a filter applies to imported studies too
	if kept, _ := s.Evidence("trd", domain.Filter{MinN: 100000}, -1); len(kept.Studies) != 0 || kept.Indication.StudyCount != after[0].StudyCount {
		t.Errorf("filtered: %d studies, count %d", len(kept.Studies), kept.Indication.StudyCount)
	}
}

// The one search looks at every text a user sees of a study, arm names included, and an
// unknown indication or study is a not-found error that names what exists.
func TestSearchCoversArmsAndErrorsHaveCodes(t *testing.T) {
	s := bundled(t)
	for _, q := range []string{"IN esketamine", "IV ketamine", "intranasal"} {
		if hits, err := s.Search(q, 50); err != nil || len(hits) == 0 {
			t.Errorf("search %q found nothing (%v)", q, err)
		}
	}
	_, err := s.Evidence("nope", domain.Filter{}, -1)
	if domain.ErrorCode(err) != domain.ENOTFOUND || !strings.Contains(err.Error(), "trd, pain, si, neuro") {
		t.Errorf("unknown indication: %v", err)
	}
	if _, err := s.Study("nope"); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("unknown study: %v", err)
	}
}

// Pages gives what Evidence gives, the same studies in the same order (the user's last),
// a page of at most the size asked at a time, filtered or not, however many pages.
func TestPagesGiveEveryStudyInOrder(t *testing.T) {
	syn := synthesized(t, 200, 2)
	mine := bundled(t)
	if err := mine.UseUserDB(filepath.Join(t.TempDir(), "user.sqlite")); err != nil {
		t.Fatal(err)
	}
	importCSV(t, mine, "mine-2026")
	ids := func(studies []domain.Study) []string {
		var out []string
		for _, st := range studies {
			out = append(out, st.ID)
		}
		return out
	}
	for name, s := range map[string]*evidence.Service{"synthetic": syn, "bundle and imports": mine} {
		inds, err := s.Indications()
		if err != nil {
			t.Fatal(err)
		}
		for _, ind := range inds {
			for _, f := range []domain.Filter{{}, {Design: "randomized trial"}, {Text: "zzz-nowhere"}} {
				whole, err := s.Evidence(ind.Key, f, -1)
				if err != nil {
					t.Fatal(err)
				}
				for _, size := range []int{1, 7, 1000} {
					got, pages, err := s.Pages(ind.Key, f, size)
					if err != nil {
						t.Fatal(err)
					}
					var all []domain.Study
					for page, err := range pages {
						if err != nil {
							t.Fatal(err)
						}
						if len(page) == 0 || len(page) > size {
							t.Errorf("%s %s: a page of %d studies, asked for %d", name, ind.Key, len(page), size)
						}
						all = append(all, page...)
					}
					if got != whole.Indication || !slices.Equal(ids(all), ids(whole.Studies)) {
						t.Errorf("%s %s %+v, pages of %d: %v (%d studies counted), Evidence gives %v (%d)",
							name, ind.Key, f, size, ids(all), got.StudyCount, ids(whole.Studies), whole.Indication.StudyCount)
					}
				}
			}
		}
	}
	if _, _, err := syn.Pages("migraine", domain.Filter{}, 10); domain.ErrorCode(err) != domain.ENOTFOUND {
		t.Errorf("an unknown indication: %v", err)
	}
}

// A filter or search reads every study of an indication, not the first page the window
// shows: at 10,000 studies per indication, the last study is found by its text, and the
// count of studies matching a filter is what reading them all gives (what `show` reads).
func TestFiltersSeeEveryStudyAtAnySize(t *testing.T) {
	s := synthesized(t, 40000, 1)
	const page = 200 // the window's first read of a page
	ev, err := s.Evidence("trd", domain.Filter{Text: "SYNTHETIC study 039996"}, page)
	if err != nil || len(ev.Studies) != 1 || ev.Studies[0].ID != "synth-039996" {
		t.Fatalf("the 10,000th study by its text: %d studies, %v", len(ev.Studies), err)
	}
	f := domain.Filter{MinN: 1500}
	capped, err := s.Evidence("trd", f, page)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Evidence("trd", f, -1)
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Studies) <= page || capped.Indication.Matching != len(all.Studies) || len(capped.Studies) != page ||
		capped.Studies[page-1].ID != all.Studies[page-1].ID {
		t.Errorf("N ≥ 1500: %d matching said, %d shown, %d in all", capped.Indication.Matching, len(capped.Studies), len(all.Studies))
	}
}
