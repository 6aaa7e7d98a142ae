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
	// hostile files: a bundled id in capitals, two ids equal but for case, old Mac line
	// ends, and a spreadsheet (a zip) named .csv
	upper := template(f)
	for _, r := range upper {
		r["study_id"] = strings.ToUpper(r["study_id"])
	}
	f.Add(encode(upper))
	twins := append(fresh(f), fresh(f)...)
	for _, r := range twins[len(twins)/2:] {
		r["study_id"] = "My-Study"
	}
	f.Add(encode(twins))
	f.Add(strings.ReplaceAll(strings.ReplaceAll(encode(fresh(f)), "\r\n", "\n"), "\n", "\r"))
	f.Add("PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml")
	k := known(f)
	f.Fuzz(func(t *testing.T, text string) {
		studies, err := csvimport.Read(strings.NewReader(text), "f.csv", k)
		if strings.HasPrefix(text, "PK\x03\x04") && err == nil {
			t.Errorf("a zip (a spreadsheet) was read as CSV: %d studies", len(studies))
		}
		if err != nil {
			for _, p := range err.(csvimport.Problems) {
				if p.Row < 1 || p.Class == "" || strings.Contains(p.Error(), "\n") {
					t.Errorf("problem without a place or on two lines: %q", p.Error())
				}
			}
			return
		}
		seen := map[string]bool{}
		for _, st := range studies {
			if seen[csvimport.IDKey(st.ID)] {
				t.Errorf("two studies accepted as %q: ids equal but for case or form", st.ID)
			}
			seen[csvimport.IDKey(st.ID)] = true
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
