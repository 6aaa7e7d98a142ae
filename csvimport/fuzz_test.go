package csvimport_test

import (
	"strings"
	"testing"

	"ketamine-explorer/csvimport"
)

// FuzzRead: whatever a CSV file holds, reading it gives studies whose every value has a
// source, or problems placed in the file, never a panic. Seeds: testdata/fuzz/FuzzRead
// and the template.
func FuzzRead(f *testing.F) {
	f.Add(encode(template(f)))
	f.Add(encode(fresh(f)))
	k := known(f)
	f.Fuzz(func(t *testing.T, text string) {
		studies, err := csvimport.Read(strings.NewReader(text), "f.csv", k)
		if err != nil {
			for _, p := range err.(csvimport.Problems) {
				if p.Row < 1 || p.Class == "" || strings.Contains(p.Error(), "\n") {
					t.Errorf("problem without a place or on two lines: %q", p.Error())
				}
			}
			return
		}
		for _, st := range studies {
			if len(st.Sources) == 0 || st.ID == "" || k.Taken(st.ID) != "" {
				t.Errorf("study accepted without a source or with a taken id: %+v", st)
			}
			for _, o := range st.Outcomes {
				if o.Locator == "" || o.Value == nil || st.SourceByID(o.Source) == nil {
					t.Errorf("outcome accepted without its number or source: %+v", o)
				}
			}
		}
	})
}
