package cli

import (
	"bufio"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"ketamine-explorer/data"
)

// cliProcess is the CLI in a child process: the test binary, run as the CLI.
func cliProcess(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "KEE_TEST_AS_CLI=1")
	return cmd
}

// Importers started at the same moment, into a user database not yet made and into one
// that exists: each ends imported or refused as busy (never "damaged"), and the database
// passes every check and holds exactly the imports reported as done.
func TestConcurrentImports(t *testing.T) {
	for _, n := range []int{2, 8} {
		for _, existing := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d importers, existing database %v", n, existing), func(t *testing.T) {
				dir := t.TempDir()
				userDB := filepath.Join(dir, "user", data.UserFileName)
				if existing {
					if code, _, errOut := cli(t, "import", importFile(t, dir, "earlier", 1), "--user-db", userDB); code != 0 {
						t.Fatal(errOut)
					}
				}
				files := make([]string, n)
				for i := range files {
					files[i] = importFile(t, dir, fmt.Sprintf("import%d", i), 200)
				}
				var wg sync.WaitGroup
				outs := make([]string, n)
				errs := make([]error, n)
				start := make(chan struct{})
				for i, f := range files {
					wg.Add(1)
					go func() {
						defer wg.Done()
						cmd := cliProcess(os.Args[0], "import", f, "--user-db", userDB)
						<-start
						out, err := cmd.CombinedOutput()
						outs[i], errs[i] = string(out), err
					}()
				}
				close(start)
				wg.Wait()

				var done []string
				for i, f := range files {
					switch {
					case errs[i] == nil && strings.Contains(outs[i], "imported 200 studies from "):
						done = append(done, filepath.Base(f))
					case errs[i] != nil && strings.Contains(outs[i], "in use by another program"):
					default:
						t.Errorf("importer %d: %v: %s", i, errs[i], outs[i])
					}
				}
				count, imps := userStudyCount(t, userDB)
				var got []string
				for _, imp := range imps {
					if imp.File != "earlier.csv" {
						got = append(got, imp.File)
					}
				}
				slices.Sort(done)
				slices.Sort(got)
				if !slices.Equal(got, done) {
					t.Errorf("imports in the database %v, reported as done %v", got, done)
				}
				want := 200 * len(done)
				if existing {
					want++
				}
				if count != want {
					t.Errorf("%d studies, want %d", count, want)
				}
				t.Logf("%d of %d imported", len(done), n)
			})
		}
	}
}

// An import that finds the user database held by another program's import says it is
// waiting, and goes on when the other finishes.
func TestAnImportWaitsForAnotherAndSaysSo(t *testing.T) {
	dir := t.TempDir()
	userDB := filepath.Join(dir, data.UserFileName)
	if code, _, errOut := cli(t, "import", importFile(t, dir, "earlier", 1), "--user-db", userDB); code != 0 {
		t.Fatal(errOut)
	}
	other, err := sql.Open("sqlite3", userDB)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	// what a running import holds: a write transaction, readers still let in
	if _, err := other.Exec("BEGIN IMMEDIATE; DELETE FROM imports WHERE id < 0"); err != nil {
		t.Fatal(err)
	}
	cmd := cliProcess(os.Args[0], "import", importFile(t, dir, "mine", 1), "--user-db", userDB)
	var out strings.Builder
	cmd.Stdout = &out
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// the other import finishes once this one has said it is waiting for it (a line the
	// toolkit logs first, as Fyne does for a locale it does not know, is passed over)
	lines := bufio.NewReader(stderr)
	said, _ := lines.ReadString('\n')
	for said != "" && !strings.HasPrefix(said, "waiting: ") {
		said, _ = lines.ReadString('\n')
	}
	other.Exec("COMMIT")
	err = cmd.Wait()
	if err != nil || !strings.HasPrefix(said, "waiting: "+userDB+" is in use by another program") || !strings.HasPrefix(out.String(), "imported 1 study") {
		t.Errorf("an import waiting for another: %v: %s%s", err, said, out.String())
	}
}

// While another process imports, again and again, every read of the user database (the
// list's counts, an indication shown whole) succeeds and sees each import all or not at
// all: one snapshot per read, never a table read before a commit and another after it.
func TestReadersNeverFailDuringImports(t *testing.T) {
	dir := t.TempDir()
	userDB := filepath.Join(dir, data.UserFileName)
	if code, _, errOut := cli(t, "import", importFile(t, dir, "earlier", 1), "--user-db", userDB); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ := cli(t, "list", "--format", "json", "--user-db", userDB)
	base := trdCount(t, code, out)
	const imports, size = 12, 200
	done := make(chan error, 1)
	go func() {
		for i := range imports {
			f := importFile(t, dir, fmt.Sprintf("batch%d", i), size)
			if out, err := cliProcess(os.Args[0], "import", f, "--user-db", userDB).CombinedOutput(); err != nil {
				done <- fmt.Errorf("import %d: %v: %s", i, err, out)
				return
			}
		}
		done <- nil
	}()
	reads := 0
	for finished := false; !finished; reads++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatal(err)
			}
			finished = true
		default:
		}
		code, out, errOut := cli(t, "list", "--format", "json", "--user-db", userDB)
		if n := trdCount(t, code, out); (n-base)%size != 0 {
			t.Errorf("list saw %d studies: part of an import (%s)", n, errOut)
		}
		code, out, errOut = cli(t, "show", "trd", "--format", "json", "--user-db", userDB)
		var shown struct{ Studies []json.RawMessage }
		if code != 0 || json.Unmarshal([]byte(out), &shown) != nil {
			t.Fatalf("show trd during an import: exit %d: %s", code, errOut)
		}
		if (len(shown.Studies)-base)%size != 0 {
			t.Errorf("show saw %d studies: part of an import", len(shown.Studies))
		}
	}
	t.Logf("%d reads during %d imports", reads, imports)
}

// trdCount is the number of studies list --format json gives treatment-resistant depression.
func trdCount(t *testing.T, code int, out string) int {
	t.Helper()
	var inds []struct {
		Key     string
		Studies int `json:"study_count"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &inds) != nil {
		t.Fatalf("list: exit %d: %.200s", code, out)
	}
	for _, ind := range inds {
		if ind.Key == "trd" {
			return ind.Studies
		}
	}
	t.Fatal("list has no trd")
	return 0
}
