package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/synthesis"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ketamine-explorer/charts"
	"ketamine-explorer/export"
	"ketamine-explorer/handout"
)

// everything is the TRD export of everything, written once for the tests that read it back
// (an export draws every chart and the handout: the slowest work here).
var everything struct {
	once  sync.Once
	dir   string
	paths []string
	err   error
}

// exported is the folder everything was exported into, and the paths the export wrote.
func exported(t *testing.T) (string, []string) {
	t.Helper()
	everything.once.Do(func() {
		if everything.dir, everything.err = os.MkdirTemp("", "export-test-"); everything.err != nil {
			return
		}
		everything.paths, everything.err = everythingJob(trd(t), everything.dir).Run(context.Background(), nil)
	})
	if everything.err != nil {
		t.Fatal(everything.err)
	}
	return everything.dir, everything.paths
}

func everythingJob(ev domain.IndicationEvidence, dir string) export.Job {
	return export.Job{What: export.Everything, Dir: dir, Size: export.HD, Evidence: []domain.IndicationEvidence{ev}, Handout: handout.Options{Dataset: "2026.11-1", Date: time.Now()}}
}

func TestMain(m *testing.M) {
	code := m.Run()
	if everything.dir != "" {
		os.RemoveAll(everything.dir)
	}
	os.Exit(code)
}

func trd(t *testing.T) domain.IndicationEvidence {
	t.Helper()
	s, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ev, err := s.Evidence("trd", domain.Filter{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// A chart exported at a chosen size has that size as PNG, and as SVG it parses and holds
// its caption: the sources and the dataset version.
func TestChartAtChosenSizesWithCaption(t *testing.T) {
	f := charts.For(trd(t), "2026.11-1")[0]
	for _, size := range []export.Size{export.HD, export.UHD, {Width: 1024, Height: 768}} {
		dir := t.TempDir()
		paths, err := export.Chart(dir, f, size)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := os.Open(paths[0])
		cfg, err := png.DecodeConfig(r)
		r.Close()
		if err != nil || cfg.Width != size.Width || cfg.Height != size.Height {
			t.Errorf("%v: PNG is %dx%d (%v)", size, cfg.Width, cfg.Height, err)
		}
		svg, _ := os.ReadFile(paths[1])
		var text strings.Builder
		dec := xml.NewDecoder(strings.NewReader(string(svg)))
		for {
			tok, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%v: the SVG does not parse: %v", size, err)
			}
			if cd, ok := tok.(xml.CharData); ok {
				text.Write(cd)
			}
		}
		all := strings.Join(strings.Fields(text.String()), " ")
		if !strings.Contains(all, "dataset 2026.11-1") || !strings.Contains(all, "Sources:") {
			t.Errorf("%v: the SVG has no caption with sources and dataset", size)
		}
	}
	if _, err := export.Chart(t.TempDir(), f, export.Size{Width: 50}); err == nil {
		t.Error("a 50-pixel chart was not refused")
	}
}

// The outcomes CSV round-trips through encoding/csv with a source and locator per row.
func TestOutcomesCSVRoundTrips(t *testing.T) {
	dir, paths := exported(t)
	f, err := os.Open(filepath.Join(dir, "trd-outcomes.csv"))
	if err != nil {
		t.Fatalf("no CSV among %v", paths)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(recs[0], ",")
	if len(recs) < 10 || !strings.Contains(head, "locator") || !strings.Contains(head, "doi") {
		t.Fatalf("CSV: %d rows, header %s", len(recs), head)
	}
	n := 0
	for _, ev := range trd(t).Studies {
		n += len(ev.Outcomes)
	}
	pools := synthesis.Summaries(trd(t))
	if len(recs)-1 != n+len(pools) {
		t.Errorf("%d CSV rows for %d outcomes and %d pooled estimates", len(recs)-1, n, len(pools))
	}
	// the pooled rows say they were computed, and how
	last := recs[len(recs)-1]
	if len(pools) == 0 || last[1] != pools[len(pools)-1].ID || !strings.Contains(strings.Join(last, ","), "computed by this app") ||
		!strings.Contains(strings.Join(last, ","), "REML") {
		t.Errorf("pooled row: %q", last)
	}
	// every row says which way is better and, for a contrast, which arm it is taken from;
	// numbers are as the data holds them, computed ones to the app's two decimals
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	noise := regexp.MustCompile(`^-?[0-9]+\.[0-9]{7,}$`)
	directions := 0
	for _, r := range recs[1:] {
		if r[col["versus"]] != "" && r[col["direction"]] == "" {
			t.Errorf("%s %s: a contrast with no direction", r[col["study_id"]], r[col["measure"]])
		}
		if r[col["direction"]] != "" {
			directions++
		}
		for i, cell := range r {
			if noise.MatchString(cell) {
				t.Errorf("%s: column %s holds %s, binary float noise", r[col["study_id"]], recs[0][i], cell)
			}
		}
	}
	if directions == 0 || last[col["better"]] != pools[len(pools)-1].Better || !strings.HasSuffix(last[col["direction"]], "(computed)") {
		t.Errorf("better and direction are not carried: %d directions, pooled row %q", directions, last)
	}
	if _, err := os.Stat(filepath.Join(dir, "trd-handout.pdf")); err != nil {
		t.Error("no handout")
	}
}

// A cancelled export stops with the context's error.
func TestCancelledExportStops(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	job := export.Job{What: export.Everything, Dir: dir, Size: export.HD, Evidence: []domain.IndicationEvidence{trd(t)}, Handout: handout.Options{Dataset: "x"}}
	if _, err := job.Run(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled export: %v", err)
	}
}

// Text that a spreadsheet would run as a formula is made inert in the outcomes CSV; a
// negative number stays a number.
func TestOutcomesCSVHoldsNoFormula(t *testing.T) {
	ev := trd(t)
	st := ev.Studies[0]
	st.Label = "=HYPERLINK(\"http://x\",\"click\")"
	st.Outcomes = st.Outcomes[:1]
	st.Outcomes[0].Note = "@SUM(A1:A9)"
	st.Outcomes[0].Value = domain.N("-3.8")
	ev.Studies = []domain.Study{st}
	var buf bytes.Buffer
	if err := export.WriteCSV(&buf, ev); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range recs[1] {
		if cell != "" && (cell[0] == '=' || cell[0] == '@' || cell[0] == '+') {
			t.Errorf("a cell a spreadsheet would run: %q", cell)
		}
	}
	if !slices.Contains(recs[1], "-3.8") || !slices.Contains(recs[1], `'=HYPERLINK("http://x","click")`) {
		t.Errorf("row: %q", recs[1])
	}
}

// A chart's files are named by its ID and what it shows, so a folder of exports can be
// read without opening each file: no two charts of an indication say the same after their
// IDs (trd-05 and trd-07 both plot MADRS mean differences, of different comparisons). Every
// name is short and safe on every OS.
func TestChartFilesSayWhatTheyShow(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range charts.For(trd(t), "2026.11-1") {
		stem := export.FileStem(f)
		if !strings.HasPrefix(stem, f.ID+"-") || len(stem) > len(f.ID)+100 {
			t.Errorf("%s: file stem %q", f.ID, stem)
		}
		what := strings.TrimPrefix(stem, f.ID)
		if seen[what] {
			t.Errorf("%s: %q says what another chart's name says", f.ID, what)
		}
		seen[what] = true
		for _, r := range stem {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("%q has %q", stem, r)
			}
		}
		if strings.Contains(stem, "--") || strings.HasSuffix(stem, "-") {
			t.Errorf("stem %q is badly cut", stem)
		}
	}
	f := charts.For(trd(t), "2026.11-1")[0]
	f.Title, f.Groups = "IV ketamine vs intranasal esketamine (n = 62)", f.Groups[:1]
	f.Groups[0].Title = "Yale cohort · MADRS"
	if got := export.FileStem(f); got != f.ID+"-iv-ketamine-vs-intranasal-esketamine-n-62-yale-cohort-madrs-reduction" {
		t.Errorf("stem %q", got)
	}
}

// A job's Files are the files its Run writes, so the window can say which ones an export
// would replace before it runs.
func TestJobFilesAreWhatRunWrites(t *testing.T) {
	ev := trd(t)
	f := charts.For(ev, "2026.11-1")[0]
	for _, job := range []export.Job{
		everythingJob(ev, ""),
		{What: export.OneChart, Size: export.HD, Figure: &f},
		{What: export.OutcomesCSV, Evidence: []domain.IndicationEvidence{ev}},
	} {
		job.Dir = t.TempDir()
		if len(job.Existing()) != 0 {
			t.Fatal("an empty folder has files to replace")
		}
		var paths []string
		var err error
		if job.What == export.Everything {
			job.Dir, paths = exported(t)
		} else if paths, err = job.Run(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range paths {
			names = append(names, filepath.Base(p))
		}
		if !slices.Equal(names, job.Files()) || !slices.Equal(job.Existing(), job.Files()) {
			t.Errorf("job %v wrote %v; Files says %v, Existing %v", job.What, names, job.Files(), job.Existing())
		}
	}
}

// An indication's export carries its references for a reference manager: RIS and BibTeX,
// one record per study, each with its real title, and its authors where the data has them.
func TestReferencesFilesParse(t *testing.T) {
	ev := trd(t)
	dir, _ := exported(t)
	ris, err := os.ReadFile(filepath.Join(dir, "trd-references.ris"))
	if err != nil {
		t.Fatal(err)
	}
	// RIS: tagged lines "XX  - value", a record from TY to ER
	type record map[string][]string
	var recs []record
	var cur record
	for _, line := range strings.Split(strings.ReplaceAll(string(ris), "\r\n", "\n"), "\n") {
		if line == "" {
			continue
		}
		tag, value, ok := strings.Cut(line, "  - ")
		if !ok || len(tag) != 2 {
			t.Fatalf("not a RIS line: %q", line)
		}
		switch tag {
		case "TY":
			cur = record{}
		case "ER":
			recs = append(recs, cur)
			cur = nil
			continue
		}
		if cur == nil {
			t.Fatalf("%q outside a record", line)
		}
		cur[tag] = append(cur[tag], value)
	}
	if len(recs) != len(ev.Studies) {
		t.Fatalf("%d RIS records for %d studies", len(recs), len(ev.Studies))
	}
	for i, r := range recs {
		st := ev.Studies[i]
		if want := st.Title; want != "" && (len(r["TI"]) != 1 || r["TI"][0] != want) {
			t.Errorf("%s: RIS title %q, want %q", st.ID, r["TI"], want)
		}
		if st.Authors != "" && len(r["AU"]) == 0 {
			t.Errorf("%s: RIS has no author", st.ID)
		}
	}
	bib, err := os.ReadFile(filepath.Join(dir, "trd-references.bib"))
	if err != nil {
		t.Fatal(err)
	}
	// BibTeX: entries "@type{key, field = {value}, ...}" with balanced braces
	entries, depth := 0, 0
	for _, r := range string(bib) {
		switch r {
		case '{':
			if depth == 0 {
				entries++
			}
			depth++
		case '}':
			depth--
		}
		if depth < 0 {
			t.Fatal("BibTeX braces close before they open")
		}
	}
	if depth != 0 || entries != len(ev.Studies) || strings.Count(string(bib), "\n@") != len(ev.Studies)-1 {
		t.Errorf("BibTeX: %d entries for %d studies, braces left open %d", entries, len(ev.Studies), depth)
	}
	for _, st := range ev.Studies {
		if !strings.Contains(string(bib), "{"+st.ID+",") {
			t.Errorf("no BibTeX entry keyed %s", st.ID)
		}
	}
}
