package csvimport_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"ketamine-explorer/domain"
	"strings"
	"testing"

	"ketamine-explorer/csvimport"
	"ketamine-explorer/data"
	"ketamine-explorer/evidence"
	"ketamine-explorer/resources"
)

func bundled(t testing.TB) *data.Store {
	t.Helper()
	s, err := data.OpenBytes(resources.EvidenceDB, resources.EvidenceName)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// known checks against the bundled evidence's indications and study ids.
func known(t testing.TB) csvimport.Known {
	t.Helper()
	s := bundled(t)
	ids, err := s.StudyIDs()
	if err != nil {
		t.Fatal(err)
	}
	inds, err := s.Indications()
	if err != nil {
		t.Fatal(err)
	}
	taken := map[string]bool{}
	for id := range ids {
		taken[csvimport.IDKey(id)] = true
	}
	// as the app asks: ids that differ only in case or Unicode form are the same id
	k := csvimport.Known{Taken: func(id string) string {
		if taken[csvimport.IDKey(id)] {
			return "the bundled evidence"
		}
		return ""
	}}
	for _, ind := range inds {
		k.Indications = append(k.Indications, ind.Key)
	}
	return k
}

// template returns the template's rows, each as column → value.
func template(t testing.TB) []map[string]string {
	t.Helper()
	var buf bytes.Buffer
	svc, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if err := svc.Template(&buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, c := range recs[0] {
			row[c] = rec[i]
		}
		rows = append(rows, row)
	}
	return rows
}

// fresh is the template's example under a new id, so it is importable.
func fresh(t testing.TB) []map[string]string {
	rows := template(t)
	for _, r := range rows {
		r["study_id"] = "my-study"
	}
	return rows
}

func encode(rows []map[string]string) string {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(csvimport.Columns)
	for _, r := range rows {
		rec := make([]string, len(csvimport.Columns))
		for i, c := range csvimport.Columns {
			rec[i] = r[c]
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.String()
}

func read(t testing.TB, text string) ([]domain.Study, csvimport.Problems) {
	t.Helper()
	studies, err := csvimport.Read(strings.NewReader(text), "mine.csv", known(t))
	var ps csvimport.Problems
	if err != nil && !errors.As(err, &ps) {
		t.Fatalf("error is not a list of problems: %v", err)
	}
	if err != nil && studies != nil {
		t.Fatal("a file with problems still gave studies")
	}
	return studies, ps
}

func TestTemplateExampleIsARealStudyAndReadsBack(t *testing.T) {
	rows := template(t)
	if len(rows) != 3 || rows[0]["record"] != "study" || rows[1]["record"] != "arm" || rows[2]["record"] != "outcome" {
		t.Fatalf("template rows: %v", rows)
	}
	// unchanged, the example is the bundled study: refused as a duplicate, not added twice
	_, ps := read(t, encode(rows))
	if len(ps) != 1 || ps[0].Class != csvimport.DuplicateStudy || ps[0].Row != 2 || ps[0].Column != "study_id" {
		t.Fatalf("importing the template unchanged: %v", ps)
	}
	studies, ps := read(t, encode(fresh(t)))
	if ps != nil {
		t.Fatal(ps)
	}
	orig, err := bundled(t).Study(evidence.TemplateExample)
	if err != nil {
		t.Fatal(err)
	}
	st := studies[0]
	if st.ID != "my-study" || st.Label != orig.Label || st.DOI != orig.DOI || *st.N != *orig.N || st.Summary != orig.Summary {
		t.Errorf("study read back differs: %+v", st)
	}
	o, oo := st.Outcomes[0], orig.Outcomes[0]
	if o.Value.String() != oo.Value.String() || o.Locator != oo.Locator || o.Measure != oo.Measure || o.Arm != oo.Arm {
		t.Errorf("outcome read back differs: %+v vs %+v", o, oo)
	}
	if src := st.SourceByID(o.Source); src == nil || src.Where != orig.Sources[0].Where {
		t.Errorf("outcome's source: %+v", st.Sources)
	}
}

// Each class of problem is reported first with its row and column, and nothing is imported.
func TestEveryProblemClassHasRowAndColumn(t *testing.T) {
	cases := []struct {
		name   string
		edit   func(rows []map[string]string) []map[string]string
		class  string
		row    int
		column string
	}{
		{"study without source", func(r []map[string]string) []map[string]string { r[0]["source"] = ""; return r }, csvimport.MissingSource, 2, "source"},
		{"outcome without locator", func(r []map[string]string) []map[string]string { r[2]["locator"] = " "; return r }, csvimport.MissingSource, 4, "locator"},
		{"value not a number", func(r []map[string]string) []map[string]string { r[2]["value"] = "55,4"; return r }, csvimport.NotANumber, 4, "value"},
		{"NaN is not a number", func(r []map[string]string) []map[string]string { r[2]["value"] = "NaN"; return r }, csvimport.NotANumber, 4, "value"},
		{"n not a whole number", func(r []map[string]string) []map[string]string { r[1]["n"] = "about 200"; return r }, csvimport.NotANumber, 3, "n"},
		{"CI low above high", func(r []map[string]string) []map[string]string {
			r[2]["ci_low"], r[2]["ci_high"] = "60.1", "50.2"
			return r
		}, csvimport.CIReversed, 4, "ci_low"},
		{"CI with one end", func(r []map[string]string) []map[string]string { r[2]["ci_low"] = "50.2"; return r }, csvimport.MissingValue, 4, "ci_high"},
		{"unknown indication", func(r []map[string]string) []map[string]string { r[0]["indication"] = "migraine"; return r }, csvimport.UnknownIndication, 2, "indication"},
		{"study twice in the file", func(r []map[string]string) []map[string]string {
			dup := map[string]string{}
			for k, v := range r[0] {
				dup[k] = v
			}
			return append(r, dup)
		}, csvimport.DuplicateStudy, 5, "study_id"},
		{"arm of an unknown study", func(r []map[string]string) []map[string]string { r[1]["study_id"] = "nobody"; return r }, csvimport.UnknownReference, 3, "study_id"},
		{"outcome of an unknown arm", func(r []map[string]string) []map[string]string { r[2]["arm"] = "placebo"; return r }, csvimport.UnknownReference, 4, "arm"},
		{"design not allowed", func(r []map[string]string) []map[string]string { r[0]["design"] = "RCT"; return r }, csvimport.NotAllowed, 2, "design"},
		{"missing measure", func(r []map[string]string) []map[string]string { r[2]["measure"] = ""; return r }, csvimport.MissingValue, 4, "measure"},
		{"control character", func(r []map[string]string) []map[string]string { r[0]["title"] = "bell\a"; return r }, csvimport.BadText, 2, "title"},
		{"not UTF-8", func(r []map[string]string) []map[string]string { r[0]["authors"] = "M\xfcller"; return r }, csvimport.BadText, 2, "authors"},
		{"unknown record", func(r []map[string]string) []map[string]string { r[1]["record"] = "group"; return r }, csvimport.NotAllowed, 3, "record"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, ps := read(t, encode(c.edit(fresh(t))))
			// a row refused can leave later rows pointing at it: the first problem is the cause
			if len(ps) == 0 {
				t.Fatal("no problem reported")
			}
			p := ps[0]
			if p.Class != c.class || p.Row != c.row || p.Column != c.column || p.File != "mine.csv" {
				t.Errorf("got %+v, want %s at row %d column %s", p, c.class, c.row, c.column)
			}
			if !strings.HasPrefix(p.Error(), "mine.csv: row ") || strings.Contains(p.Error(), "\n") {
				t.Errorf("message: %q", p.Error())
			}
		})
	}
}

func TestEveryProblemIsReportedNotJustTheFirst(t *testing.T) {
	rows := fresh(t)
	rows[0]["indication"], rows[2]["value"], rows[2]["locator"] = "xx", "n/a", ""
	_, ps := read(t, encode(rows))
	if len(ps) != 3 {
		t.Fatalf("want 3 problems, got %v", ps)
	}
}

func TestMalformedFiles(t *testing.T) {
	cases := map[string]struct {
		text  string
		class string
		row   int
	}{
		"empty":          {"", csvimport.MissingValue, 1},
		"header only":    {strings.Join(csvimport.Columns, ",") + "\n", csvimport.MissingValue, 1},
		"missing column": {"record,study_id\nstudy,x\n", csvimport.MissingColumn, 1},
		"broken quote":   {strings.Join(csvimport.Columns, ",") + "\nstudy,\"x\"y\n", csvimport.BadCSV, 2},
		"short row":      {strings.Join(csvimport.Columns, ",") + "\nstudy,x\n", csvimport.BadCSV, 2},
		"foreign column": {strings.Join(csvimport.Columns, ",") + ",colour\n", csvimport.NotAllowed, 1},
		// a spreadsheet's other ways of saving: one hint each, not pages of noise
		"utf-16":     {"\xff\xfer\x00e\x00c\x00", csvimport.BadText, 1},
		"semicolons": {strings.Join(csvimport.Columns, ";") + "\n", csvimport.BadCSV, 1},
		"xlsx":       {"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", csvimport.BadText, 1},
		"xls":        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", csvimport.BadText, 1},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, ps := read(t, c.text)
			if name == "utf-16" || name == "semicolons" || name == "xlsx" || name == "xls" {
				if len(ps) != 1 {
					t.Fatalf("%d problems for one cause: %v", len(ps), ps)
				}
			}
			if len(ps) == 0 || ps[0].Class != c.class || ps[0].Row != c.row {
				t.Fatalf("got %v, want %s at row %d", ps, c.class, c.row)
			}
		})
	}
}

// A file whose lines end in a carriage return alone (an old Mac spreadsheet) reads as the
// same file with line feeds, not as one line of 150 unknown columns.
func TestOldMacLineEndsRead(t *testing.T) {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(csvimport.Columns)
	for _, row := range template(t) {
		rec := make([]string, len(csvimport.Columns))
		for i, c := range csvimport.Columns {
			rec[i] = row[c]
		}
		w.Write(rec)
	}
	w.Flush()
	text := strings.ReplaceAll(strings.ReplaceAll(b.String(), "\r\n", "\n"), "\n", "\r")
	_, ps := read(t, strings.Replace(text, "elekt-d", "old-mac", -1))
	if len(ps) != 0 {
		t.Errorf("CR line ends: %v", ps)
	}
}

// Odd but valid text is kept exactly: long titles, right-to-left, emoji, SQL-looking text,
// a spreadsheet's byte-order mark and Windows line ends.
func TestOddTextIsKeptAsWritten(t *testing.T) {
	rows := fresh(t)
	odd := map[string]string{
		"title":      strings.Repeat("Ketamine ", 1000),
		"authors":    strings.Repeat("é", 9000), // 18,000 bytes but 9,000 characters: within the limit
		"population": "مرضى الاكتئاب المقاوم للعلاج 🧠",
		"summary":    "'); DROP TABLE studies; -- 100% «done»",
	}
	for k, v := range odd {
		rows[0][k] = v
	}
	text := "\ufeff" + strings.ReplaceAll(encode(rows), "\n", "\r\n")
	studies, ps := read(t, text)
	if ps != nil {
		t.Fatal(ps)
	}
	st := studies[0]
	if st.Title != strings.TrimSpace(odd["title"]) || st.Population != odd["population"] || st.Summary != odd["summary"] {
		t.Errorf("odd text changed: %q / %q", st.Population, st.Summary)
	}
}

// A file past MaxRows is refused with one sentence, before it is read whole.
func TestAHugeFileIsRefusedWithOneSentence(t *testing.T) {
	blank := strings.Repeat(",", len(csvimport.Columns)-1) + "\n"
	_, ps := read(t, strings.Join(csvimport.Columns, ",")+"\n"+strings.Repeat(blank, csvimport.MaxRows+1))
	if len(ps) != 1 || !strings.Contains(ps[0].Error(), "more than 50000 rows") {
		t.Fatalf("problems: %v", ps)
	}
	// fewer rows, each long: refused by size, with one sentence
	long := strings.Repeat(",", len(csvimport.Columns)-2) + strings.Repeat("x", 9000) + "\n"
	_, ps = read(t, strings.Join(csvimport.Columns, ",")+"\n"+strings.Repeat(long, csvimport.MaxBytes/9000+1))
	if len(ps) != 1 || !strings.Contains(ps[0].Error(), "larger than 64 MB") {
		t.Fatalf("problems: %.300v", ps)
	}
}
