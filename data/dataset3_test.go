package data_test

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
)

// Every number of a record Dataset 3 added, and of its findings in words, is one the
// checked research printed: none invented, rounded or computed (a copy of it is in
// testdata). Numbers are held as written, sign and trailing zeros included.
func TestDataset3NumbersAreTheSourcesNumbers(t *testing.T) {
	ds, err := data.LoadDir(os.DirFS("evidence"))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/SOURCES.md")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(raw)), " ")
	printed := func(n string) bool {
		// a number stands alone in the text: "2.99" is not read in "12.99"
		return regexp.MustCompile(`(^|[^0-9.])` + regexp.QuoteMeta(strings.TrimPrefix(n, "+")) + `($|[^0-9])`).MatchString(text)
	}
	added := map[string]bool{}
	for _, c := range ds.Changes {
		if c.Version == "2026.12-3" && c.Kind == domain.Added {
			added[c.StudyID] = true
		}
	}
	if len(added) != 34 {
		t.Fatalf("dataset 3 adds %d records, want 34", len(added))
	}
	numbers := regexp.MustCompile(`\d+(\.\d+)?`)
	checked := 0
	for _, st := range ds.Studies {
		if !added[st.ID] {
			continue
		}
		for _, o := range st.Outcomes {
			for _, n := range []*domain.Num{o.Value, o.CILow, o.CIHigh, o.SE, o.RangeLow, o.RangeHigh} {
				if n != nil {
					checked++
					if !printed(n.String()) {
						t.Errorf("%s/%s: %s is not a number the sources printed", st.ID, o.ID, n)
					}
				}
			}
			if p := strings.TrimLeft(o.P, "<>="); p != "" && !printed(p) {
				t.Errorf("%s/%s: p %s is not printed in the sources", st.ID, o.ID, o.P)
			}
		}
		for _, f := range st.Findings {
			for _, n := range numbers.FindAllString(f.Text, -1) {
				checked++
				if !printed(n) {
					t.Errorf("%s: the finding %q says %s, which the sources do not print", st.ID, f.Text, n)
				}
			}
		}
		if st.N != nil && !printed(strconv.Itoa(*st.N)) {
			t.Errorf("%s: N=%d is not printed in the sources", st.ID, *st.N)
		}
	}
	t.Logf("%d numbers of %d records held to the sources", checked, len(added))
}
