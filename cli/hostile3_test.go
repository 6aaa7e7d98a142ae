package cli

import (
	"database/sql"
	"encoding/csv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"ketamine-explorer/resources"
)

// crafted is a copy of the bundled database changed by the statements given, as a hostile
// file would be.
func crafted(t *testing.T, statements ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "crafted.sqlite")
	if err := os.WriteFile(path, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	return path
}

// An indication's key from a crafted file that climbs out of the folder ("../../x")
// names no file outside the folder chosen: every file of `export all` is inside it.
func TestExportNeverWritesOutsideItsFolder(t *testing.T) {
	key := "../../escaped"
	db := crafted(t,
		"PRAGMA foreign_keys = OFF",
		"UPDATE indications SET key = '"+key+"' WHERE key = 'trd'",
		"UPDATE studies SET indication = '"+key+"' WHERE indication = 'trd'")
	root := t.TempDir()
	out := filepath.Join(root, "a", "b", "exports")
	if code, _, errOut := cli(t, "export", "all", "--out", out, "--db", db); code != 0 {
		t.Fatalf("export all: %s", errOut)
	}
	inside := 0
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if !strings.HasPrefix(p, out+string(filepath.Separator)) {
				t.Errorf("%s was written outside %s", p, out)
			} else {
				inside++
			}
		}
		return nil
	})
	if inside == 0 {
		t.Fatal("nothing was exported")
	}
	if _, err := os.Stat(filepath.Join(out, "escaped-handout.pdf")); err != nil {
		t.Errorf("the crafted indication's handout is not named by its key's letters: %v", err)
	}
}

// A file is read only as what it claims to be: a view in place of a table (one that never
// ends, or answers differently at every read), a trigger or a foreign virtual table is
// refused in a sentence, and so is a file with a change left unfinished by a writer that
// was stopped (read as it is, it shows values never committed).
func TestEvidenceFilesThatLieOrHangAreRefused(t *testing.T) {
	for name, statements := range map[string][]string{
		"view that never ends": {"DROP TABLE unknowns",
			"CREATE VIEW unknowns AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT 'trd' AS study_id, i AS seq, 'x' AS what FROM n"},
		"view that changes with the clock": {"ALTER TABLE outcomes RENAME TO outcomes_data", "CREATE VIEW outcomes AS SELECT * FROM outcomes_data WHERE strftime('%S','now') > '30'"},
		"trigger":                          {"CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END"},
		"foreign virtual table":            {"CREATE VIRTUAL TABLE other USING fts5(x)"},
	} {
		db := crafted(t, statements...)
		code, out, errOut := cli(t, "list", "--db", db)
		if code != exitDB || out != "" || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%s: exit %d, %q %q", name, code, out, errOut)
		}
	}
	// a hot journal beside the file: what a writer killed mid-transaction leaves
	db := crafted(t)
	if err := os.WriteFile(db+"-journal", resources.EvidenceDB[:4096], 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := cli(t, "show", "trd", "--db", db)
	if code != exitDB || out != "" || !strings.Contains(errOut, "never finished") {
		t.Errorf("a hot journal: exit %d, %q %q", code, out, errOut)
	}
}

// A study id differs from another only by more than case or Unicode form: "ELEKT-D" or
// a full-width "ＥＬＥＫＴ-Ｄ" beside the bundled elekt-d is refused, not imported (and pooled)
// as another trial; so is a file defining one study twice in two cases.
func TestStudyIDsAreUniqueIgnoringCase(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "user.sqlite")
	recs := templateRows(t)
	for _, id := range []string{"ELEKT-D", "ＥＬＥＫＴ-Ｄ"} {
		path := filepath.Join(dir, "dup.csv")
		var b strings.Builder
		w := csv.NewWriter(&b)
		w.Write(recs[0])
		for _, r := range recs[1:] {
			r = append([]string{}, r...)
			r[1] = id
			w.Write(r)
		}
		w.Flush()
		os.WriteFile(path, []byte(b.String()), 0o644)
		code, _, errOut := cli(t, "import", path, "--user-db", user)
		if code == 0 || !strings.Contains(errOut, "already in") {
			t.Errorf("%s beside elekt-d: exit %d: %s", id, code, errOut)
		}
	}
}

// With no per-user storage (HOME unset, no config folder) an import is refused in a
// sentence and nothing is written in the current folder; the evidence still reads.
func TestNoUserStorageWritesNothingHere(t *testing.T) {
	here := t.TempDir()
	csvFile := importFile(t, t.TempDir(), "homeless", 1)
	run := func(args ...string) (int, string) {
		cmd := cliProcess(os.Args[0], args...)
		cmd.Dir = here
		cmd.Env = append(cmd.Env, "HOME=", "XDG_CONFIG_HOME=", userDBEnv+"=")
		out, err := cmd.CombinedOutput()
		code := 0
		if e, ok := err.(*exec.ExitError); ok {
			code = e.ExitCode()
		}
		return code, string(out)
	}
	if code, out := run("list"); code != 0 {
		t.Errorf("list without user storage: exit %d: %s", code, out)
	}
	if code, out := run("import", csvFile); code == 0 || !strings.Contains(out, "no per-user storage") {
		t.Errorf("import without user storage: exit %d: %s", code, out)
	}
	if left, _ := os.ReadDir(here); len(left) != 0 {
		t.Errorf("the current folder holds %v", left)
	}
}

// An output replaces nothing but a regular file (a pipe, a device or a link stays what it
// is), and output that cannot be written (a full disk behind stdout) fails in a sentence.
func TestOutputsReplaceOnlyFilesAndFailWhenNotWritten(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	code, _, errOut := cli(t, "template", "--out", fifo)
	if st, err := os.Lstat(fifo); code == 0 || err != nil || st.Mode()&os.ModeNamedPipe == 0 || !strings.Contains(errOut, "not a regular file") {
		t.Errorf("template onto a pipe: exit %d, %q", code, errOut)
	}
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	defer full.Close()
	cmd := cliProcess(os.Args[0], "show", "trd")
	cmd.Stdout = full
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	if e, ok := err.(*exec.ExitError); !ok || e.ExitCode() != exitFail || !strings.Contains(stderr.String(), "could not be written") {
		t.Errorf("show into a full disk: %v: %s", err, stderr.String())
	}
}

// Text from a database reaches the terminal with its control characters shown, not obeyed:
// an escape sequence in a study's label is printed as "\x1b[...", and so is one in a file
// name in an error.
func TestTerminalSeesNoControlCharacters(t *testing.T) {
	db := crafted(t, "UPDATE studies SET label = 'ELEKT-D '||char(27)||'[2J'||char(27)||']0;owned'||char(7)||char(155)||'31m' WHERE id = 'elekt-d'")
	_, out, _ := cli(t, "list", "trd", "--db", db)
	if strings.ContainsAny(out, "\x1b\x07\u009b") || !strings.Contains(out, `ELEKT-D \x1b[2J\x1b]0;owned\x07\u009b31m`) {
		t.Errorf("list printed %q", out)
	}
	_, _, errOut := cli(t, "import", "evil\x1b[31m.csv")
	if strings.Contains(errOut, "\x1b") || !strings.Contains(errOut, `evil\x1b[31m.csv`) {
		t.Errorf("an error printed %q", errOut)
	}
}

// Help asked for is output: `--help` and `COMMAND --help` write to stdout and exit 0, with
// options spelled as the usage spells them; a wrong option is an error on stderr.
func TestHelpGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"show", "--help"}, {"talk", "-h"}, {"export", "trd", "--help"}} {
		code, out, errOut := cli(t, args...)
		if code != 0 || errOut != "" || !strings.Contains(out, "Usage") || !strings.Contains(out, "--db") || strings.Contains(out, "\n  -db") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
	if code, out, errOut := cli(t, "show", "--bogus"); code != exitUsage || out != "" || !strings.Contains(errOut, "Usage") {
		t.Errorf("a wrong option: exit %d, stdout %q", code, out)
	}
}
