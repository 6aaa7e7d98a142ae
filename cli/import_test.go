package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/app"

	"ketamine-explorer/data"
	_ "ketamine-explorer/locale" // as main does: children run in any locale
	"ketamine-explorer/releases"
	"ketamine-explorer/ui"
)

// TestMain lets a test run the CLI in a child process (for kills and other users), and
// keeps every test off the real user database.
func TestMain(m *testing.M) {
	if os.Getenv("KEE_TEST_AS_CLI") == "1" {
		releases.TrustFolder = os.Getenv(trustFolderEnv)
		os.Exit(Run(testVersion, os.Args[1:], os.Stdout, os.Stderr))
	}
	dir, err := os.MkdirTemp("", "kee-user-")
	if err != nil {
		panic(err)
	}
	// the tests' own trusted-keys folder, never the system's: a child process is told it
	releases.TrustFolder = filepath.Join(dir, "trusted-keys")
	os.Setenv(trustFolderEnv, releases.TrustFolder)
	os.Setenv(userDBEnv, filepath.Join(dir, data.UserFileName))
	os.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache")) // the files checked once
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// template returns the template's header and rows.
func templateRows(t *testing.T) [][]string {
	t.Helper()
	code, out, errOut := cli(t, "template")
	if code != 0 {
		t.Fatalf("template: exit %d: %s", code, errOut)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("the template is not CSV: %v", err)
	}
	return recs
}

// importFile writes a template file whose example study is copied n times under new ids.
func importFile(t *testing.T, dir, prefix string, n int) string {
	t.Helper()
	recs := templateRows(t)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(recs[0])
	for i := 0; i < n; i++ {
		for _, r := range recs[1:] {
			r = append([]string{}, r...)
			r[1] = fmt.Sprintf("%s-%d", prefix, i)
			w.Write(r)
		}
	}
	w.Flush()
	p := filepath.Join(dir, prefix+".csv")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTemplateImportListAndRemove(t *testing.T) {
	dir := t.TempDir()
	userDB := filepath.Join(dir, "user", data.UserFileName)
	// the template unchanged is the bundled study: refused, with the row and column
	tmpl := filepath.Join(dir, "template.csv")
	if code, _, errOut := cli(t, "template", "--out", tmpl); code != 0 {
		t.Fatal(errOut)
	}
	code, _, errOut := cli(t, "import", tmpl, "--user-db", userDB)
	if code != exitFail || !strings.Contains(errOut, "template.csv: row 2, column study_id: duplicate study") || !strings.Contains(errOut, "nothing was imported") {
		t.Fatalf("template imported unchanged: exit %d: %s", code, errOut)
	}

	mine := importFile(t, dir, "mine", 2)
	code, out, errOut := cli(t, "import", mine, "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "imported 2 studies") {
		t.Fatalf("import: exit %d: %s%s", code, out, errOut)
	}
	// the same file again: each study is a duplicate of the earlier import
	if code, _, errOut := cli(t, "import", mine, "--user-db", userDB); code != exitFail || strings.Count(errOut, "duplicate study") != 2 {
		t.Fatalf("second import: exit %d: %s", code, errOut)
	}
	code, out, _ = cli(t, "imports", "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "mine.csv") || !strings.Contains(out, "\n1 ") {
		t.Fatalf("imports: %s", out)
	}
	// the bundled evidence is never written: show still has its own count
	before := showJSON(t, "trd")
	if code, _, errOut := cli(t, "remove-import", "1", "--user-db", userDB); code != 0 {
		t.Fatal(errOut)
	}
	if code, _, _ := cli(t, "remove-import", "1", "--user-db", userDB); code != exitFail {
		t.Error("removing a removed import did not fail")
	}
	if code, out, _ := cli(t, "imports", "--user-db", userDB); code != 0 || strings.Contains(out, "mine.csv") {
		t.Errorf("after removal: %s", out)
	}
	if after := showJSON(t, "trd"); len(after["studies"].([]any)) != len(before["studies"].([]any)) {
		t.Error("the bundled evidence changed")
	}
}

// show, search, cite, list and export read imported studies as the window does, marked
// user-added from their flag.
func TestCommandsSeeImportedStudies(t *testing.T) {
	dir := t.TempDir()
	userDB := filepath.Join(dir, data.UserFileName)
	before := showJSON(t, "trd")
	if code, out, errOut := cli(t, "import", importFile(t, dir, "mine", 2), "--user-db", userDB); code != 0 {
		t.Fatalf("import: exit %d: %s%s", code, out, errOut)
	}
	t.Setenv(userDBEnv, userDB)

	after := showJSON(t, "trd")
	st := studyByID(t, after, "mine-1")
	if st["user_added"] != true || len(after["studies"].([]any)) != len(before["studies"].([]any))+2 {
		t.Errorf("show --format json: user_added %v, %d studies", st["user_added"], len(after["studies"].([]any)))
	}
	if code, out, _ := cli(t, "show", "trd"); code != 0 || !strings.Contains(out, "ELEKT-D (Anand 2023) [user-added]") {
		t.Error("show does not list the imported study with its mark")
	}
	if code, out, _ := cli(t, "search", "Anand", "--format", "json"); code != 0 || !strings.Contains(out, `"study_id": "mine-0"`) || !strings.Contains(out, `"user_added": true`) {
		t.Errorf("search does not find the imported study: %s", out)
	}
	if code, out, errOut := cli(t, "cite", "mine-0"); code != 0 || !strings.Contains(out, "Anand") {
		t.Errorf("cite of an imported study: exit %d: %s", code, errOut)
	}
	if code, out, _ := cli(t, "list"); code != 0 || !strings.Contains(out, fmt.Sprint(len(after["studies"].([]any)))) {
		t.Errorf("list does not count imported studies: %s", out)
	}
	out := filepath.Join(dir, "out")
	if code, _, errOut := cli(t, "export", "trd", "--out", out); code != 0 {
		t.Fatal(errOut)
	}
	csvText, _ := os.ReadFile(filepath.Join(out, "trd-outcomes.csv"))
	if !strings.Contains(string(csvText), "mine-1,ELEKT-D (Anand 2023) [user-added]") {
		t.Error("the exported outcomes leave out the imported study or its mark")
	}
}

// The CLI's user database is the folder the window's Fyne storage uses.
func TestUserDatabaseIsInFyneStorage(t *testing.T) {
	t.Setenv(userDBEnv, "")
	want := filepath.Join(app.NewWithID(ui.AppID).Storage().RootURI().Path(), data.UserFileName)
	if got := defaultUserDB(); got != want {
		t.Errorf("user database %s, Fyne storage says %s", got, want)
	}
}
