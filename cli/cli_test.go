package cli

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/data/synthetic"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/resources"
	"ketamine-explorer/slides"
	"ketamine-explorer/synthesis"
	"ketamine-explorer/talks"
)

// testVersion is the version main would give Run, read from the same file.
var testVersion = func() string {
	_, here, _, _ := runtime.Caller(0) // from any folder: a child process may run elsewhere
	b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "FyneApp.toml"))
	if err != nil {
		panic(err)
	}
	return Version(string(b))
}()

func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(testVersion, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// showJSON runs `show KEY --format json` and decodes it with numbers kept as written.
func showJSON(t *testing.T, key string) map[string]any {
	t.Helper()
	code, out, errOut := cli(t, "show", key, "--format", "json")
	if code != 0 {
		t.Fatalf("show %s: exit %d: %s", key, code, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.UseNumber()
	var v map[string]any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func studyByID(t *testing.T, v map[string]any, id string) map[string]any {
	t.Helper()
	for _, s := range v["studies"].([]any) {
		if st := s.(map[string]any); st["id"] == id {
			return st
		}
	}
	t.Fatalf("no study %s", id)
	return nil
}

func outcomeByID(t *testing.T, st map[string]any, id string) map[string]any {
	t.Helper()
	for _, o := range st["outcomes"].([]any) {
		if om := o.(map[string]any); om["id"] == id {
			return om
		}
	}
	t.Fatalf("%s has no outcome %s", st["id"], id)
	return nil
}

// number asserts a JSON number (not a string) with exactly the given digits.
func number(t *testing.T, v any, want string) {
	t.Helper()
	n, ok := v.(json.Number)
	if !ok || n.String() != want {
		t.Errorf("got %#v, want the JSON number %s", v, want)
	}
}

func TestListCountsStudies(t *testing.T) {
	code, out, _ := cli(t, "list")
	if code != 0 || !strings.Contains(out, "trd") || !strings.Contains(out, "Chronic pain") {
		t.Fatalf("list: %d %s", code, out)
	}
	code, out, _ = cli(t, "list", "--format", "json")
	var inds []struct {
		Key        string `json:"key"`
		StudyCount int    `json:"study_count"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &inds) != nil || len(inds) != 4 {
		t.Fatalf("list json: %d %s", code, out)
	}
	for _, ind := range inds {
		if ind.StudyCount == 0 {
			t.Errorf("%s has no studies", ind.Key)
		}
	}
}

func TestShowTRDHasMeisnerAndElektD(t *testing.T) {
	v := showJSON(t, "trd")
	m := studyByID(t, v, "meisner-2025")
	number(t, m["n"], "153")
	arms := m["arms"].([]any)
	number(t, arms[0].(map[string]any)["n"], "111")
	number(t, arms[1].(map[string]any)["n"], "42")
	number(t, outcomeByID(t, m, "qids-s8-iv")["value"], "49.22")
	number(t, outcomeByID(t, m, "qids-s8-in")["value"], "39.55")
	seeds := map[string]string{}
	for _, d := range m["discrepancies"].([]any) {
		dm := d.(map[string]any)
		if dm["outcome"] != nil {
			seeds[dm["outcome"].(string)] = dm["secondary_value"].(json.Number).String() + "/" + dm["primary_value"].(json.Number).String()
		}
	}
	if seeds["qids-s8-iv"] != "49.8/49.22" || seeds["qids-s8-in"] != "39.5/39.55" {
		t.Errorf("seed discrepancies = %v", seeds)
	}
	e := studyByID(t, v, "elekt-d")
	number(t, outcomeByID(t, e, "resp-ket")["value"], "55.4")
	number(t, outcomeByID(t, e, "resp-ect")["value"], "41.2")
	d := outcomeByID(t, e, "resp-diff")
	number(t, d["ci_low"], "3.9")
	number(t, d["ci_high"], "24.2")
	for _, id := range []string{"sustain-1", "transform-2", "yale-cohort", "ivin-cohort-62", "cochrane-2021-mdd"} {
		studyByID(t, v, id)
	}
	number(t, outcomeByID(t, studyByID(t, v, "transform-2"), "resp-rd")["ci_high"], "30.60")
	// dataset 2: the DOI is still not found; N=223 comes from a review table and says so
	if tr := studyByID(t, v, "transform-2"); tr["doi"] != nil || tr["n"] != json.Number("223") || !strings.Contains(tr["n_note"].(string), "secondary") {
		t.Errorf("TRANSFORM-2's DOI must be unknown and its N the review table's 223 marked secondary: %v %v", tr["doi"], tr["n"])
	}
}

func TestShowPainHasTheClevelandClinicStudy(t *testing.T) {
	v := showJSON(t, "pain")
	st := studyByID(t, v, "tankha-2025")
	number(t, st["n"], "1034")
	arm := st["arms"].([]any)[0].(map[string]any)
	if arm["dose"] != "0.5 mg/kg over 40 min" || arm["schedule"] != "5 consecutive days" {
		t.Errorf("arm = %v", arm)
	}
	r := outcomeByID(t, st, "promis-cmi")
	number(t, r["range_low"], "20.3")
	number(t, r["range_high"], "46.4")
	number(t, outcomeByID(t, st, "completion")["value"], "86.1")
	var topics []string
	for _, d := range st["discrepancies"].([]any) {
		topics = append(topics, d.(map[string]any)["topic"].(string))
	}
	for _, want := range []string{"Study length", "Side effects", "Returning patients", "Pain-related anxiety"} {
		if !strings.Contains(strings.Join(topics, ","), want) {
			t.Errorf("discrepancy %q missing: %v", want, topics)
		}
	}
}

func TestShowSIAndNeuroHaveTheirRecords(t *testing.T) {
	si := showJSON(t, "si")
	for _, id := range []string{"grunebaum-2018", "wilkinson-2018", "aspire-1", "translpsych-2025"} {
		studyByID(t, si, id)
	}
	number(t, outcomeByID(t, studyByID(t, si, "grunebaum-2018"), "resp-or")["ci_high"], "7.15")
	neuro := showJSON(t, "neuro")
	for _, id := range []string{"podcast", "fitzgerald-2021", "neuro-seed-review"} {
		studyByID(t, neuro, id)
	}
	if gap := neuro["indication"].(map[string]any)["evidence_gap"]; !strings.Contains(gap.(string), "No human randomized trial") {
		t.Errorf("neuro gap = %v", gap)
	}
}

func TestShowTextAndCSV(t *testing.T) {
	code, out, _ := cli(t, "show", "trd")
	if code != 0 || !strings.Contains(out, "DISAGREES: seed summary, paragraph 2 says depression scores fell 49.8% with IV ketamine (49.8)") {
		t.Errorf("text show: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "show", "pain", "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) < 2 {
		t.Fatalf("csv: %d %v", code, err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var found bool
	for _, r := range recs[1:] {
		if r[col["study_id"]] == "tankha-2025" && r[col["range_low"]] == "20.3" && r[col["range_high"]] == "46.4" && r[col["locator"]] != "" {
			found = true
		}
	}
	if !found {
		t.Error("the Tankha range is not in the CSV with its locator")
	}
}

func TestExportWritesChartsAndCards(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := cli(t, "export", "neuro", "--out", dir, "--width", "1280", "--height", "720")
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "neuro-*.png"))
	svgs, _ := filepath.Glob(filepath.Join(dir, "neuro-*.svg"))
	if len(pngs) == 0 || len(pngs) != len(svgs) || !strings.Contains(out, "wrote") {
		t.Fatalf("pngs %v svgs %v", pngs, svgs)
	}
	f, _ := os.Open(pngs[0])
	img, err := png.Decode(f)
	f.Close()
	if err != nil || img.Bounds().Dx() != 1280 || img.Bounds().Dy() != 720 {
		t.Errorf("png: %v %v", err, img.Bounds())
	}
	md, _ := os.ReadFile(filepath.Join(dir, "neuro-cards.md"))
	for _, want := range []string{"# Cognition and neurological disorders", "No human randomized trial", "## References", "NCT01690988"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("cards markdown lacks %q", want)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestBadDatabaseGivesOneLineAndExit3(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, []byte("hello, this is not a database at all, just some text padding it out to a header's length."), 0o644)
	damaged := filepath.Join(dir, "damaged.sqlite")
	b := bytes.Clone(resources.EvidenceDB)
	for i := 4096; i < len(b); i++ {
		b[i] = 0xff
	}
	os.WriteFile(damaged, b, 0o644)
	other := filepath.Join(dir, "other.sqlite")
	db, _ := sql.Open("sqlite3", other)
	db.Exec("CREATE TABLE t(x)")
	db.Close()
	newer := filepath.Join(dir, "newer.sqlite")
	os.WriteFile(newer, resources.EvidenceDB, 0o644)
	db, _ = sql.Open("sqlite3", newer)
	db.Exec("PRAGMA user_version = 7")
	db.Close()
	for name, c := range map[string]struct{ path, says string }{
		"missing": {filepath.Join(dir, "nope.sqlite"), "no such file"},
		"not db":  {notDB, "not an SQLite database"},
		"damaged": {damaged, "damaged"},
		"other":   {other, "not a Ketamine Evidence Explorer database"},
		"newer":   {newer, "update Ketamine Evidence Explorer"},
	} {
		code, out, errOut := cli(t, "show", "trd", "--db", c.path)
		if code != exitDB || out != "" || strings.Count(errOut, "\n") != 1 || !strings.Contains(errOut, c.says) {
			t.Errorf("%s: exit %d, stderr %q", name, code, errOut)
		}
	}
	// the same files as the user database: the message names that database, not the evidence
	for name, c := range map[string]struct{ path, says string }{
		"not db": {notDB, "not an SQLite database"},
		"newer":  {newer, "update Ketamine Evidence Explorer"},
	} {
		code, _, errOut := cli(t, "imports", "--user-db", c.path)
		if code != exitDB || !strings.HasPrefix(errOut, "ketamine-explorer: cannot open your user database") || !strings.Contains(errOut, c.says) {
			t.Errorf("user database %s: exit %d, stderr %q", name, code, errOut)
		}
	}
	good := filepath.Join(dir, "copy.sqlite")
	os.WriteFile(good, resources.EvidenceDB, 0o444)
	if code, out, _ := cli(t, "list", "--db", good); code != 0 || !strings.Contains(out, "neuro") {
		t.Errorf("a good --db copy: %d %s", code, out)
	}
}

func TestUsageErrorsAndHelp(t *testing.T) {
	for _, args := range [][]string{{"frobnicate"}, {"show"}, {"show", "migraine"}, {"show", "trd", "--format", "xml"},
		{"export", "trd"}, {"list", "--bogus"}, {"export", "trd", "--out", "x", "--width", "5"}} {
		code, _, errOut := cli(t, args...)
		if code != exitUsage || errOut == "" {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	if code, _, errOut := cli(t, "show", "migraine"); !strings.Contains(errOut, "trd, pain, si, neuro") {
		t.Errorf("unknown indication message %q (%d)", errOut, code)
	}
	for _, args := range [][]string{{"--help"}, {"show", "--help"}, {"export", "-h"}, {"help"}} {
		if code, _, _ := cli(t, args...); code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
	}
	// --help names the commands, in the double-dash style, and not the benchmark flags (on
	// stdout: help asked for is output)
	_, help, _ := cli(t, "--help")
	for _, want := range []string{"ketamine-explorer show INDICATION", "ketamine-explorer list INDICATION", "--db FILE", "--present"} {
		if !strings.Contains(help, want) {
			t.Errorf("--help lacks %q:\n%s", want, help)
		}
	}
	if strings.Contains(help, "exit-after") || strings.Contains(help, "\n  -db") {
		t.Errorf("--help shows benchmark flags or single-dash flags:\n%s", help)
	}
}

// --db may come before the command as well as after it; `list INDICATION` gives the ids
// that cite takes.
func TestDatabaseBeforeTheCommandAndStudyIDs(t *testing.T) {
	good := filepath.Join(t.TempDir(), "copy.sqlite")
	os.WriteFile(good, resources.EvidenceDB, 0o444)
	for _, args := range [][]string{{"--db", good, "list"}, {"--db=" + good, "list"}, {"list", "--db", good}} {
		if code, out, errOut := cli(t, args...); code != 0 || !strings.Contains(out, "neuro") {
			t.Errorf("%v: exit %d %q %q", args, code, out, errOut)
		}
	}
	code, out, _ := cli(t, "list", "trd")
	if code != 0 || !strings.Contains(out, "elekt-d") || !strings.Contains(out, "ID") {
		t.Fatalf("list trd: %d %q", code, out)
	}
	if code, out, _ := cli(t, "cite", "elekt-d"); code != 0 || !strings.Contains(out, "ELEKT") && !strings.Contains(out, "Anand") {
		t.Errorf("cite an id from list: %d %q", code, out)
	}
	for _, format := range []string{"text", "json"} {
		if code, out, _ := cli(t, "list", "migraine", "--format", format); code != exitUsage || out != "" {
			t.Errorf("list of an unknown indication as %s: exit %d, wrote %q", format, code, out)
		}
	}
	// `studies` lists every id of every indication, each one cite takes
	code, out, _ = cli(t, "studies", "--format", "json")
	var rows []struct{ Indication, ID string }
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil {
		t.Fatalf("studies: %d %v", code, err)
	}
	seen := map[string]bool{}
	for _, r := range rows {
		seen[r.Indication] = true
		if code, _, errOut := cli(t, "cite", r.ID); code != 0 {
			t.Errorf("cite %s (from studies): %s", r.ID, errOut)
		}
	}
	// a record of two indications (the esketamine label) is listed under each
	if n := bundledStudies(t); len(seen) != 4 || len(rows) != n {
		t.Errorf("studies lists %d studies of %d indications, want the bundle's %d of 4", len(rows), len(seen), n)
	}
}

func TestVersionComesFromFyneAppToml(t *testing.T) {
	code, out, _ := cli(t, "version")
	toml, _ := os.ReadFile("../FyneApp.toml")
	if code != 0 || strings.Contains(out, "unknown") || !strings.Contains(string(toml), `Version = "`+strings.Fields(out)[3]+`"`) ||
		!strings.Contains(out, "dataset 2026.") {
		t.Errorf("version: %d %q", code, out)
	}
}

func TestSearchCommand(t *testing.T) {
	code, out, _ := cli(t, "search", "midazolam", "--format", "json")
	var hits []struct {
		StudyID string `json:"study_id"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &hits) != nil || len(hits) < 2 {
		t.Fatalf("search midazolam: %d %s", code, out)
	}
	if code, out, _ := cli(t, "search", "zzz-no-such-thing"); code != 0 || !strings.Contains(out, "no study matches") {
		t.Errorf("empty search: %d %q", code, out)
	}
	if code, _, _ := cli(t, "search"); code != exitUsage {
		t.Errorf("search with no text: exit %d", code)
	}
}

func TestCiteCommand(t *testing.T) {
	code, out, _ := cli(t, "cite", "sustain-1", "--format", "bibtex")
	if code != 0 || !strings.Contains(out, "@article{sustain-1,") || !strings.Contains(out, "doi = {10.1001/jamapsychiatry.2019.1189}") {
		t.Errorf("cite bibtex: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "cite", "sustain-1", "--format", "ris")
	if code != 0 || !strings.Contains(out, "TY  - JOUR") {
		t.Errorf("cite ris: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "cite", "sustain-1")
	if code != 0 || !strings.Contains(out, "Daly EJ, Trivedi MH, Janik A, et al.") || !strings.Contains(out, "PMC6551577") {
		t.Errorf("cite text: %d\n%s", code, out)
	}
	if code, _, errOut := cli(t, "cite", "nope"); code != exitUsage || !strings.Contains(errOut, "no such study") {
		t.Errorf("unknown study: %d %q", code, errOut)
	}
}

// bundledStudies counts the bundle's studies as the pages list them: a record of two
// indications once under each.
func bundledStudies(t *testing.T) int {
	t.Helper()
	code, out, _ := cli(t, "list", "--format", "json")
	var inds []struct {
		Studies int `json:"study_count"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &inds) != nil {
		t.Fatalf("list: %d %s", code, out)
	}
	n := 0
	for _, ind := range inds {
		n += ind.Studies
	}
	return n
}

// show --format json carries every number of every record a dataset version added (2 and
// 3), digits as printed, with each estimate's contrast (arm, versus), good side and
// direction, under each indication it belongs to; changes lists them, and those of the
// current version are marked new.
func TestShowCarriesEveryAddedNumberWithItsDirection(t *testing.T) {
	code, out, errOut := cli(t, "changes", "--format", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var log []struct {
		Version string `json:"version"`
		Kind    string `json:"kind"`
		StudyID string `json:"study_id"`
	}
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	_, current, _ := cli(t, "version")
	files, _ := filepath.Glob("../data/evidence/*.json")
	records := map[string]map[string]any{}
	for _, f := range files {
		b, _ := os.ReadFile(f)
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.UseNumber()
		var rec map[string]any
		if dec.Decode(&rec) == nil && rec["id"] != nil {
			records[rec["id"].(string)] = rec
		}
	}
	shown := map[string]map[string]any{}
	added := map[string]int{}
	for _, c := range log {
		if c.Kind != "added" {
			continue
		}
		added[c.Version]++
		rec := records[c.StudyID]
		inds := []string{rec["indication"].(string)}
		if also, ok := rec["also_indications"].([]any); ok {
			for _, a := range also {
				inds = append(inds, a.(string))
			}
		}
		for _, ind := range inds {
			if shown[ind] == nil {
				shown[ind] = showJSON(t, ind)
			}
			st := studyByID(t, shown[ind], c.StudyID)
			if isNew := st["new_in_this_version"] == true; isNew != strings.Contains(current, c.Version) {
				t.Errorf("%s (added in %s): marked new %v", c.StudyID, c.Version, isNew)
			}
			for _, o := range rec["outcomes"].([]any) {
				want := o.(map[string]any)
				got := outcomeByID(t, st, want["id"].(string))
				for _, k := range []string{"value", "ci_low", "ci_high", "se", "range_low", "range_high", "arm", "versus", "kind", "better", "direction", "p", "unit", "events"} {
					if fmt.Sprint(got[k]) != fmt.Sprint(want[k]) && !(want[k] == nil && got[k] == nil) {
						t.Errorf("%s/%s %s: show gives %v, the record %v", c.StudyID, want["id"], k, got[k], want[k])
					}
				}
			}
		}
	}
	if added["2026.11-2"] != 15 || added["2026.12-3"] != 34 {
		t.Errorf("changes lists %v added studies, want the 15 of Dataset 2 and the 34 of Dataset 3", added)
	}
	podcast := outcomeByID(t, studyByID(t, showJSON(t, "neuro"), "podcast"), "delirium-diff")
	if podcast["direction"] != "not stated" || podcast["better"] != "lower" {
		t.Errorf("PODCAST's unsigned difference: %v", podcast)
	}
}

// show --format json carries the app's pooled estimates with their method.
func TestShowCarriesPooledEstimates(t *testing.T) {
	v := showJSON(t, "si")
	pooled, _ := v["pooled_by_this_app"].([]any)
	if len(pooled) == 0 {
		t.Fatal("no pooled estimates in show --format json")
	}
	p := pooled[0].(map[string]any)
	if p["k"] != json.Number("2") || !strings.Contains(p["method"].(string), "computed by this app") || p["estimate"] == nil {
		t.Errorf("pooled estimate: %v", p)
	}
}

// writes keeps each Write on its own, as a terminal or a pipe would receive them.
type writes []string

func (w *writes) Write(p []byte) (int, error) {
	*w = append(*w, string(p))
	return len(p), nil
}

// show streams: the indication is written before any study is read, then a page of
// studies at a time, then the cards and pooled estimates over all of them; in each format
// the studies are every one of the indication's, in order, once.
func TestShowStreamsAPageAtATime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "synthetic.sqlite")
	if err := data.Build(synthetic.Dataset(4*showPage+40, 1), path); err != nil { // trd: two pages
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "list", "trd", "--format", "json", "--db", path)
	var listed []struct{ ID string }
	if code != 0 || json.Unmarshal([]byte(out), &listed) != nil || len(listed) <= showPage {
		t.Fatalf("list trd: %d %s (%d studies)", code, errOut, len(listed))
	}
	var want []string
	for _, st := range listed {
		want = append(want, strings.TrimPrefix(st.ID, "synth-"))
	}
	// where each format starts a study, with the number in its id
	for format, study := range map[string]*regexp.Regexp{
		"text": regexp.MustCompile(`(?m)^SYNTHETIC study (\d+)`),
		"json": regexp.MustCompile(`(?m)^      "id": "synth-(\d+)"`),
		"csv":  regexp.MustCompile(`(?m)^trd,synth-(\d+),`),
	} {
		var w writes
		var errOut bytes.Buffer
		if code := Run(testVersion, []string{"show", "trd", "--format", format, "--db", path}, &w, &errOut); code != 0 {
			t.Fatalf("%s: exit %d: %s", format, code, errOut.String())
		}
		var got []string
		var pages int
		for i, chunk := range w {
			found := study.FindAllStringSubmatch(chunk, -1)
			if n := len(found); n > showPage || (n > 0 && (i == 0 || i == len(w)-1)) {
				t.Errorf("%s: write %d of %d holds %d studies", format, i+1, len(w), n)
			} else if n > 0 {
				pages++
			}
			for _, m := range found {
				got = append(got, m[1])
			}
		}
		if pages < 2 || !slices.Equal(got, want) {
			t.Errorf("%s: %d studies in %d writes, want the %d listed, in order, a page at a time", format, len(got), pages, len(want))
		}
		whole := strings.Join(w, "")
		switch format {
		case "text":
			at := strings.Index(whole, fmt.Sprintf("\nSummary cards, over the %d studies above", len(want)))
			if at < 0 || study.MatchString(whole[at:]) {
				t.Errorf("text: the cards do not close the output")
			}
		case "json":
			var v struct{ Studies, Cards []json.RawMessage }
			if err := json.Unmarshal([]byte(whole), &v); err != nil || len(v.Studies) != len(want) || len(v.Cards) == 0 {
				t.Errorf("json: %v, %d studies, %d cards", err, len(v.Studies), len(v.Cards))
			}
		case "csv":
			if _, err := csv.NewReader(strings.NewReader(whole)).ReadAll(); err != nil {
				t.Errorf("csv: %v", err)
			}
		}
	}
	// list's JSON streams too (what was listed above is the whole of it)
	var w writes
	if code := Run(testVersion, []string{"list", "trd", "--format", "json", "--db", path}, &w, io.Discard); code != 0 || strings.Join(w, "") != out {
		t.Fatalf("list trd a page at a time: exit %d, or not what was written at once", code)
	}
	for i, chunk := range w {
		if n := strings.Count(chunk, `"id":`); n > showPage || len(w) < 3 {
			t.Errorf("list: write %d of %d holds %d studies", i+1, len(w), n)
		}
	}
}

// `slides trd` lists the default talk by ID, at most 15 slides from the overview to the
// references; --all lists every slide; an unknown indication is a usage error.
func TestSlidesListsTheTalkByID(t *testing.T) {
	code, out, errOut := cli(t, "slides", "trd", "--format", "json")
	var talk []struct{ ID, Kind, Title string }
	if code != 0 || json.Unmarshal([]byte(out), &talk) != nil {
		t.Fatalf("slides trd: exit %d: %s %s", code, out, errOut)
	}
	if len(talk) == 0 || len(talk) > 15 || talk[0].ID != "trd-overview" || talk[len(talk)-1].Kind != "references" {
		t.Errorf("the default talk: %+v", talk)
	}
	code, out, _ = cli(t, "slides", "trd", "--all")
	if lines := strings.Count(out, "\n") - 1; code != 0 || lines <= len(talk) || !regexp.MustCompile(`trd-\d+-forest-3`).MatchString(out) {
		t.Errorf("slides trd --all: exit %d, %d slides", code, lines)
	}
	if code, _, errOut := cli(t, "slides", "nonesuch"); code != exitUsage || !strings.Contains(errOut, "nonesuch") {
		t.Errorf("an unknown indication: exit %d: %s", code, errOut)
	}
}

// `talk` writes the slides `slides` lists, by ID or as a talk saved in the window by name,
// as PowerPoint, PDF or PNGs; a slide that is not there, or a talk not saved, is said in a
// sentence with exit 2, and nothing is written.
func TestTalkWritesTheSlidesChosen(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "talk.pdf")
	// a chart of several slides, picked whole by its ID
	_, list, _ := cli(t, "slides", "trd", "--all")
	forest := strings.TrimSuffix(regexp.MustCompile(`trd-\d+-forest-2`).FindString(list), "-2")
	code, stdout, errOut := cli(t, "talk", "--slides", "trd-overview,"+forest, "--out", out)
	if code != 0 || !strings.Contains(stdout, "slides to "+out) {
		t.Fatalf("talk: exit %d: %s %s", code, stdout, errOut)
	}
	pngs := filepath.Join(dir, "pngs")
	if code, _, errOut := cli(t, "talk", "--slides", "trd-overview", "--out", pngs, "--size", "1280x720"); code != 0 {
		t.Fatalf("talk into a folder: exit %d: %s", code, errOut)
	}
	if files, _ := filepath.Glob(filepath.Join(pngs, "*.png")); len(files) < 2 || filepath.Base(files[0]) != "01-trd-overview.png" {
		t.Errorf("the folder holds %v", files)
	}
	bad := filepath.Join(dir, "bad.pptx")
	for _, args := range [][]string{
		{"--slides", "trd-overview,trd-nonesuch", "--out", bad},
		{"--name", "Grand rounds", "--out", bad},
		{"--slides", "trd-overview", "--out", bad, "--size", "big"},
		{"--slides", "trd-overview"},
	} {
		code, _, errOut := cli(t, append([]string{"talk", "--user-db", filepath.Join(dir, "user.sqlite")}, args...)...)
		if code != exitUsage || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("talk %v: exit %d: %s", args, code, errOut)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("talk %v wrote %s", args, bad)
		}
	}
	// a talk saved in the window, beside the user database
	book := talks.Book{Saved: []talks.Talk{{Name: "Grand rounds", Slides: []slides.Pick{{ID: "si-overview"}, {ID: "trd-pooled", Title: "What pooling three trials gives"}}}}}
	if err := talks.Save(filepath.Join(dir, talks.FileName), book); err != nil {
		t.Fatal(err)
	}
	code, stdout, errOut = cli(t, "talk", "--name", "grand rounds", "--user-db", filepath.Join(dir, "user.sqlite"), "--out", bad)
	if code != 0 || !strings.Contains(stdout, "1 file") {
		t.Fatalf("talk --name: exit %d: %s %s", code, stdout, errOut)
	}
}

// heapWatch is show's stdout: every megabyte written, it measures the memory show keeps
// live (after a collection), and it keeps the end of the output.
type heapWatch struct {
	written, next int
	peak          uint64
	tail          []byte
}

func (h *heapWatch) Write(p []byte) (int, error) {
	h.written += len(p)
	h.tail = append(h.tail, p...)
	h.tail = h.tail[max(0, len(h.tail)-4096):]
	if h.written >= h.next {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		h.peak, h.next = max(h.peak, m.HeapAlloc), h.written+1<<20
	}
	return len(p), nil
}

// show keeps no page of studies once it is written, whatever the size of the indication:
// the memory it keeps live at 2,000 studies is within a few megabytes of what it keeps at
// 250 (holding the studies for the cards, it kept 16 MB more), and the cards are written
// whole all the same, their lines kept in a temporary file that is gone when it ends.
func TestShowMemoryDoesNotGrowWithTheIndication(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	peak := map[int]uint64{}
	for _, n := range []int{1000, 8000} { // a quarter of them in trd
		path := filepath.Join(t.TempDir(), "synthetic.sqlite")
		if err := data.Build(synthetic.Dataset(n, 10), path); err != nil {
			t.Fatal(err)
		}
		for _, format := range []string{"text", "json"} {
			w := heapWatch{}
			var errOut bytes.Buffer
			if code := Run(testVersion, []string{"show", "trd", "--format", format, "--db", path}, &w, &errOut); code != 0 {
				t.Fatalf("%d studies, %s: exit %d: %s", n, format, code, errOut.String())
			}
			peak[n] = max(peak[n], w.peak)
			// the last card, what is unknown, ends with the last study's line
			last := map[string]string{"text": fmt.Sprintf("SYNTHETIC study %06d: Everything: synthetic\n", n-4),
				"json": fmt.Sprintf("\"study_id\": \"synth-%06d\"\n        }\n      ]\n    }\n  ],\n  \"pooled_by_this_app\": []\n}\n", n-4)}[format]
			if !strings.HasSuffix(string(w.tail), last) {
				t.Errorf("%d studies, %s: the cards do not end with the last study's line:\n%s", n, format, w.tail)
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("%d studies, %s: left %v in the temporary folder", n, format, left)
			}
		}
	}
	t.Logf("live heap at its peak: %d MB at 250 studies, %d MB at 2,000", peak[1000]>>20, peak[8000]>>20)
	if grew := int64(peak[8000]) - int64(peak[1000]); grew > 6<<20 {
		t.Errorf("show keeps memory that grows with the indication: %d MB more at 2,000 studies than at 250", grew>>20)
	}
}

// With no temporary folder to keep the cards' lines in, show writes them all the same.
func TestShowWithNoTemporaryFolder(t *testing.T) {
	_, want, _ := cli(t, "show", "trd")
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	code, out, errOut := cli(t, "show", "trd")
	if code != 0 || out != want || !strings.Contains(out, "== Where sources disagree") {
		t.Errorf("exit %d, %s; the output differs from show's with a temporary folder: %v", code, errOut, out != want)
	}
}

// show writes its JSON cards a line at a time: what it writes reads back as the cards
// every other view shows, for every bundled indication (a field added to a card is not
// left out).
func TestShowJSONCardsAreTheCards(t *testing.T) {
	all, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range all {
		code, out, errOut := cli(t, "show", ev.Indication.Key, "--format", "json")
		var got struct{ Cards []domain.Card }
		if err := json.Unmarshal([]byte(out), &got); code != 0 || err != nil {
			t.Fatalf("show %s: exit %d, %v: %s", ev.Indication.Key, code, err, errOut)
		}
		want, _ := json.Marshal(synthesis.Cards(ev))
		var cards []domain.Card
		json.Unmarshal(want, &cards) // as JSON carries them (an empty list and none are alike)
		if !reflect.DeepEqual(got.Cards, cards) {
			t.Errorf("%s: show's JSON cards are not the cards", ev.Indication.Key)
		}
	}
}
