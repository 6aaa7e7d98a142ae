package data_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/resources"
)

// A file whose tables declare no foreign keys, with an outcome whose source is gone, is
// refused as damaged: the references are checked by query, not only by the pragma.
func TestReferencesAreCheckedWithoutForeignKeyClauses(t *testing.T) {
	p := filepath.Join(t.TempDir(), "no-fk.sqlite")
	if err := os.WriteFile(p, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"PRAGMA foreign_keys = OFF", "ALTER TABLE outcomes RENAME TO old_outcomes",
		"CREATE TABLE outcomes AS SELECT * FROM old_outcomes", "DROP TABLE old_outcomes",
		"UPDATE outcomes SET source_id = 'gone' WHERE study_id = 'elekt-d'"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
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
		case <-time.After(5 * time.Second):
			t.Fatal("opening a pipe hangs")
		}
	}
}

// A user database another program holds (an import running) is said to be in use, not
// damaged.
func TestALockedUserDatabaseIsInUseNotDamaged(t *testing.T) {
	path := filepath.Join(t.TempDir(), data.UserFileName)
	openUser(t, path).Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	defer db.Exec("ROLLBACK")
	_, err = data.OpenUser(path)
	if domain.ErrorCode(err) != domain.EBUSY {
		t.Errorf("a locked user database: %v (%s)", err, domain.ErrorCode(err))
	}
}
