package cli

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/resources"
)

// userStudyCount is the number of studies in the user database, opened with every check.
func userStudyCount(t *testing.T, path string) (int, []domain.Import) {
	t.Helper()
	u, err := data.OpenUser(path)
	if err != nil {
		t.Fatalf("the user database does not open after a kill: %v", err)
	}
	defer u.Close()
	ids, err := u.StudyIDs()
	if err != nil {
		t.Fatal(err)
	}
	imps, err := u.Imports()
	if err != nil {
		t.Fatal(err)
	}
	return len(ids), imps
}

// An importer killed at any moment leaves a user database that opens, passes
// integrity_check, holds every earlier import and all or none of the one killed.
func TestKillDuringImportLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a large import many times")
	}
	dir := t.TempDir()
	userDB := filepath.Join(dir, data.UserFileName)
	small := importFile(t, dir, "earlier", 3)
	const n = 3000
	big := importFile(t, dir, "big", n)
	if code, _, errOut := cli(t, "import", small, "--user-db", userDB); code != 0 {
		t.Fatal(errOut)
	}
	bin := os.Args[0]

	// how long a whole import takes here, so kills fall across all of it
	scratch := filepath.Join(dir, "scratch.sqlite")
	start := time.Now()
	if out, err := cliProcess(bin, "import", big, "--user-db", scratch).CombinedOutput(); err != nil {
		t.Fatalf("a whole import failed: %v: %s", err, out)
	}
	whole := time.Since(start)

	// the kill times are random, from a seed printed so that a failing run can be repeated
	// (KEE_SEED=N)
	seed := uint64(time.Now().UnixNano())
	if s, err := strconv.ParseUint(os.Getenv("KEE_SEED"), 10, 64); err == nil {
		seed = s
	}
	t.Logf("kill times from seed %d (KEE_SEED=%d repeats them)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	midTransaction, completed := 0, 0
	for round := 0; round < 40 && (midTransaction < 3 || round < 10); round++ {
		cmd := cliProcess(bin, "import", big, "--user-db", userDB)
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Int64N(int64(whole))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		// a hot journal left behind means the kill landed inside the write transaction
		if _, err := os.Stat(userDB + "-journal"); err == nil {
			midTransaction++
		}
		count, imps := userStudyCount(t, userDB)
		switch {
		case count == 3 && len(imps) == 1:
		case count == 3+n && len(imps) == 2:
			completed++
			u, err := data.OpenUser(userDB)
			if err != nil {
				t.Fatal(err)
			}
			if err := u.Remove(imps[1].ID, nil); err != nil {
				t.Fatal(err)
			}
			u.Close()
		default:
			t.Fatalf("round %d: %d studies in %d imports after a kill: want 3 in 1, or %d in 2", round, count, len(imps), 3+n)
		}
	}
	t.Logf("whole import %v; %d kills inside the write transaction, %d after it finished", whole.Round(time.Millisecond), midTransaction, completed)
	if midTransaction == 0 {
		t.Error("no kill landed inside the write transaction: the test did not test it")
	}
}

// A read-only folder: an evidence database in it opens (it is only read), and importing
// into a user database there says why it cannot, leaving no file behind. Root can write
// anywhere, so as root the CLI runs as the unprivileged user "nobody".
func TestReadOnlyFolder(t *testing.T) {
	dir := t.TempDir()
	for p := dir; p != "/" && p != os.TempDir(); p = filepath.Dir(p) {
		os.Chmod(p, 0o755) // the child may be another user
	}
	bin := filepath.Join(dir, "ketamine-explorer.test")
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	csvFile := importFile(t, dir, "mine", 1)
	ro := filepath.Join(dir, "read-only")
	os.Mkdir(ro, 0o755)
	evidence := filepath.Join(ro, "evidence.sqlite")
	if err := os.WriteFile(evidence, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(ro, 0o755) })
	unprivileged := func(args ...string) (string, error) {
		cmd := cliProcess(bin, args...)
		if os.Geteuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			cmd.Env = append(cmd.Env, "HOME="+dir)
		}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	if out, err := unprivileged("show", "trd", "--db", evidence); err != nil || !strings.Contains(out, "ELEKT-D") {
		t.Errorf("an evidence database in a read-only folder does not open: %v: %s", err, out)
	}
	userDB := filepath.Join(ro, data.UserFileName)
	out, err := unprivileged("import", csvFile, "--user-db", userDB)
	if err == nil || !strings.Contains(out, "cannot be written to") || !strings.Contains(out, "nothing was imported") {
		t.Errorf("import into a read-only folder: %v: %s", err, out)
	}
	if entries, _ := os.ReadDir(ro); len(entries) != 1 {
		t.Errorf("the read-only folder was written: %v", entries)
	}

	// a read-only user database in a folder that can be written: the file is the cause
	rw := filepath.Join(dir, "writable")
	os.Mkdir(rw, 0o777)
	os.Chmod(rw, 0o777) // whatever the umask: the child may be another user
	userDB = filepath.Join(rw, data.UserFileName)
	if code, _, errOut := cli(t, "import", importFile(t, dir, "earlier", 1), "--user-db", userDB); code != 0 {
		t.Fatal(errOut)
	}
	os.Chmod(userDB, 0o444)
	out, err = unprivileged("import", csvFile, "--user-db", userDB)
	if err == nil || !strings.Contains(out, userDB+": the file is read-only") || strings.Contains(out, "folder") {
		t.Errorf("import into a read-only user database: %v: %s", err, out)
	}
	if out, err := unprivileged("imports", "--user-db", userDB); err != nil || !strings.Contains(out, "earlier.csv") {
		t.Errorf("a read-only user database cannot be listed: %v: %s", err, out)
	}
}
