package data_test

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/resources"
)

// altered is a copy of the bundled database with stmts run on it, foreign keys off.
func altered(t *testing.T, stmts ...string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "altered.sqlite")
	if err := os.WriteFile(p, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := alter(p, stmts); err != nil {
		t.Fatal(err)
	}
	return p
}

// A file whose tables declare no foreign keys, with an outcome whose source is gone, is
// refused as damaged: the references are checked by query, not only by the pragma.
func TestReferencesAreCheckedWithoutForeignKeyClauses(t *testing.T) {
	p := altered(t, "ALTER TABLE outcomes RENAME TO old_outcomes",
		"CREATE TABLE outcomes AS SELECT * FROM old_outcomes", "DROP TABLE old_outcomes",
		"UPDATE outcomes SET source_id = 'gone' WHERE study_id = 'elekt-d'")
	if _, err := data.Open(p); domain.ErrorCode(err) != domain.EDAMAGED {
		t.Errorf("an outcome with no source opened: %v", err)
	}
}

// A pipe given as a database is refused at once instead of blocking on its first read.
func TestAPipeIsRefusedNotWaitedOn(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no named pipes in the file system on Windows")
	}
	p := filepath.Join(t.TempDir(), "fifo.sqlite")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { _, err := data.Open(p); done <- err }()
	go func() { _, err := data.OpenUser(p); done <- err }()
	for range 2 {
		select {
		case err := <-done:
			if domain.ErrorCode(err) != domain.ENOTSQLITE {
				t.Errorf("a pipe: %v", err)
			}
		case <-time.After(time.Minute): // a hang guard: a refusal comes at once
			t.Fatal("opening a pipe hangs")
		}
	}
}

// A user database another program holds (an import running) is said to be in use, not
// damaged.
func TestALockedUserDatabaseIsInUseNotDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), data.UserFileName)
	openUser(t, path).Close()
	hold(t, path, "BEGIN EXCLUSIVE")
	_, err := data.OpenUser(path)
	if domain.ErrorCode(err) != domain.EBUSY {
		t.Errorf("a locked user database: %v (%s)", err, domain.ErrorCode(err))
	}
}

// An evidence file is opened immutable: reading it leaves no -shm, -wal or journal file
// beside it, also when it is in WAL mode; one whose write-ahead log still holds changes is
// refused with a sentence saying so, not read without them or called damaged.
func TestEvidenceFilesAreReadWithoutSideFiles(t *testing.T) {
	p := altered(t, "PRAGMA journal_mode = WAL") // its clean close folds the log into the file
	sideFiles := func() []string {
		var out []string
		for _, suffix := range []string{"-wal", "-shm", "-journal"} {
			if _, err := os.Stat(p + suffix); err == nil {
				out = append(out, suffix)
			}
		}
		return out
	}
	s, err := data.Open(p)
	if err != nil {
		t.Fatalf("a WAL-mode evidence file: %v", err)
	}
	if _, err := s.Evidence("trd"); err != nil {
		t.Fatal(err)
	}
	if left := sideFiles(); len(left) > 0 {
		t.Errorf("reading left %v beside the file", left)
	}
	s.Close()

	// a writer that has not finished: its changes are in the log
	w, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	w.SetMaxOpenConns(1)
	if _, err := w.Exec("UPDATE meta SET value = 'changed' WHERE key = 'dataset_title'"); err != nil {
		t.Fatal(err)
	}
	_, err = data.Open(p)
	if domain.ErrorCode(err) != domain.EUNREADABLE || !strings.Contains(err.Error(), "altered.sqlite-wal") {
		t.Errorf("a file with changes in its log: %v", err)
	}
}

// A file whose values break the schema's rules (written by another tool, or with the
// rules removed from its schema) is refused with a sentence naming table, row and column,
// before anything reaches a card, a chart or an export.
func TestValuesAreCheckedOnOpen(t *testing.T) {
	for _, c := range []struct {
		name, want string
		sql        []string
	}{
		{"is_key yes", "table outcomes, row", []string{`UPDATE outcomes SET is_key = 'yes' WHERE study_id = 'elekt-d'`}},
		{"negative N", `table arms, row`, []string{`UPDATE arms SET n = -5 WHERE study_id = 'elekt-d'`}},
		{"N as text", "column n is not a whole number", []string{`UPDATE studies SET n = 'four hundred' WHERE id = 'elekt-d'`}},
		{"CI low above high", "column ci_low is above ci_high", []string{"PRAGMA ignore_check_constraints = ON",
			`UPDATE outcomes SET ci_low = '9', ci_high = '1' WHERE ci_low IS NOT NULL`}},
		{"value outside its CI", "an estimate lies inside its confidence interval", []string{
			`UPDATE outcomes SET value = '100' WHERE ci_low IS NOT NULL AND ci_high IS NOT NULL AND value IS NOT NULL`}},
		{"a lone plus sign", "column value is not a number", []string{"PRAGMA ignore_check_constraints = ON", `UPDATE outcomes SET value = '+' WHERE value IS NOT NULL AND study_id = 'elekt-d'`}},
		{"an infinite number", "column ci_high is not a number", []string{"PRAGMA ignore_check_constraints = ON", `UPDATE outcomes SET ci_high = 9e999 WHERE ci_high IS NOT NULL AND study_id = 'elekt-d'`}},
		{"number as words", "column value is not a number", []string{`UPDATE outcomes SET value = 'about 5' WHERE value IS NOT NULL AND study_id = 'elekt-d'`}},
		{"NULL label", "column label is missing", []string{"ALTER TABLE studies RENAME TO old_studies",
			"CREATE TABLE studies AS SELECT * FROM old_studies", "DROP TABLE old_studies", `UPDATE studies SET label = NULL WHERE id = 'elekt-d'`}},
		{"unknown role", "column role is not one of", []string{"PRAGMA ignore_check_constraints = ON", `UPDATE arms SET role = 'placebo' WHERE study_id = 'elekt-d'`}},
		{"contrast without its arm", "column arm_id is missing though versus_id is set", []string{"ALTER TABLE outcomes RENAME TO old_outcomes",
			"CREATE TABLE outcomes AS SELECT * FROM old_outcomes", "DROP TABLE old_outcomes",
			`UPDATE outcomes SET arm_id = NULL WHERE versus_id IS NOT NULL AND study_id = 'elekt-d'`}},
		{"duplicate arm", `table arms, two rows with id`, []string{"ALTER TABLE arms RENAME TO old_arms",
			"CREATE TABLE arms AS SELECT * FROM old_arms", "DROP TABLE old_arms",
			`INSERT INTO arms SELECT study_id, id, seq + 100, 'another ' || label, molecule, role, route, dose, schedule, n, n_note, source_id, locator FROM arms WHERE study_id = 'elekt-d' LIMIT 1`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := data.Open(altered(t, c.sql...))
			if domain.ErrorCode(err) != domain.EBADVALUE || !strings.Contains(err.Error(), c.want) {
				t.Errorf("opened with %v; want a bad value naming %q", err, c.want)
			}
		})
	}
}

// An import that waits longer than UserStore.Wait for another program's import is refused as
// busy, naming the user database, never called damaged; nothing is added.
func TestAnImportGivesUpOnABusyDatabaseAsBusy(t *testing.T) {
	path := filepath.Join(t.TempDir(), data.UserFileName)
	u := openUser(t, path)
	inds, _ := bundled(t).Indications()
	release := hold(t, path, "BEGIN IMMEDIATE; DELETE FROM imports WHERE id < 0")
	u.Wait, u.TellAfter = 0, 0
	var waited atomic.Bool
	_, err := u.Add(context.Background(), "x.csv", []domain.Study{userStudy(t, "x")}, inds[:1], func() { waited.Store(true) })
	if domain.ErrorCode(err) != domain.EBUSY || !strings.Contains(err.Error(), path) {
		t.Errorf("an import into a busy database: %v (%s)", err, domain.ErrorCode(err))
	}
	if !waited.Load() {
		t.Error("the import did not say it was waiting")
	}
	release()
	if ids, _ := u.StudyIDs(); ids["x"] {
		t.Error("an import refused as busy was added")
	}
}

// hold has another connection to the database at path run lock (a transaction it keeps
// open, as a running import does) until the returned release or the test's end.
func hold(t *testing.T, path, lock string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(lock); err != nil {
		t.Fatal(err)
	}
	release = func() {
		db.Exec("ROLLBACK")
		db.Close()
	}
	t.Cleanup(release)
	return release
}

// An import cancelled before or while it writes adds nothing and says it was cancelled.
func TestACancelledImportAddsNothing(t *testing.T) {
	u := openUser(t, filepath.Join(t.TempDir(), data.UserFileName))
	inds, _ := bundled(t).Indications()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := u.Add(ctx, "x.csv", []domain.Study{userStudy(t, "x")}, inds[:1], nil)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "cancelled") {
		t.Errorf("a cancelled import: %v", err)
	}
	if ids, _ := u.StudyIDs(); len(ids) != 0 {
		t.Errorf("a cancelled import added %v", ids)
	}
}

// A file built so that checking it takes hours (its tables stripped of their keys, so
// every reference is found by a full scan of 20,000 studies for each of 20,000 sources) is
// stopped at the read time limit and refused in words, not waited on for good.
func TestAFileThatReadsForEverIsStopped(t *testing.T) {
	const copies = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
	p := altered(t,
		"CREATE TABLE keyless AS SELECT * FROM studies", "DROP TABLE studies", "ALTER TABLE keyless RENAME TO studies",
		"CREATE TABLE one AS SELECT * FROM studies LIMIT 1",
		copies+"INSERT INTO studies SELECT one.* FROM one, n",
		"UPDATE studies SET id = 'slow-' || rowid WHERE rowid > (SELECT count(*) FROM studies) - 20000",
		"CREATE TABLE keyless AS SELECT * FROM sources", "DROP TABLE sources", "ALTER TABLE keyless RENAME TO sources",
		"CREATE TABLE src AS SELECT * FROM sources LIMIT 1",
		copies+"INSERT INTO sources SELECT src.* FROM src, n",
		"UPDATE sources SET study_id = 'slow-' || rowid WHERE rowid > (SELECT count(*) FROM sources) - 20000",
		"DROP TABLE one", "DROP TABLE src")
	defer data.SetStatementLimit(50 * time.Millisecond)()
	_, err := data.Open(p)
	if domain.ErrorCode(err) != domain.ESLOW || !strings.Contains(err.Error(), "did not finish within a minute") {
		t.Fatalf("opened with %v", err)
	}
}
