package data

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"ketamine-explorer/atomicfile"
	"ketamine-explorer/domain"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
)

// UserFileName is the user database's name inside the app's per-user storage folder.
const UserFileName = "user-evidence.sqlite"

// userSchema adds to schema.sql what only the user database has: which import each study
// came from, so an import can be removed as a whole.
const userSchema = `
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  file        TEXT NOT NULL,
  imported_at TEXT NOT NULL
);
CREATE TABLE import_studies (
  study_id  TEXT PRIMARY KEY REFERENCES studies(id),
  import_id INTEGER NOT NULL REFERENCES imports(id)
);
CREATE INDEX import_studies_by_import ON import_studies(import_id);`

// UserStore is the user's own database of imported studies, kept apart from the bundled
// evidence (which is never written). Every import is one transaction.
type UserStore struct {
	*Store
	path string
	// Wait is how long an import or a removal waits for another program's import to finish
	// before saying the user database is busy, and TellAfter how long before it says that it
	// is waiting (0: at once).
	Wait, TellAfter time.Duration
}

// Each try to start a write waits this long inside SQLite for another program's lock.
const busyTimeout = "2000" // milliseconds

// OpenUser opens the user database at path, creating it (and its folder) on first use.
func OpenUser(path string) (*UserStore, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, domain.Errorf(domain.EREADONLY, "%s: %s (%v)", dir, domain.EREADONLY.Phrase(), err)
	}
	// SQLite needs to create its journal beside the file for every import; find out now.
	probe, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return nil, domain.Errorf(domain.EREADONLY, "%s: %s (%v)", dir, domain.EREADONLY.Phrase(), err)
	}
	probe.Close()
	os.Remove(probe.Name())
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if err := createUser(path); err != nil {
			return nil, fmt.Errorf("creating the user database %s: %w", path, err)
		}
	}
	if st, err := os.Stat(path); err == nil {
		if err := regular(path, st); err != nil {
			return nil, err
		}
	}
	// An import cut off (a kill, a power cut) leaves a hot journal that SQLite rolls back
	// when it opens the file; until then the header may count pages the cut-off write never
	// put there, so the file's length is checked against it only when there is none (the
	// integrity check after opening still looks at every page).
	if err := checkHeader(path, !hotJournal(path)); err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	// FULL sync and a rollback journal: a killed import leaves a hot journal that the next
	// open rolls back, so an import is all there or not there at all.
	db, err := sql.Open(driverName, fileDSN(abs, "_foreign_keys=1&_synchronous=FULL&_journal_mode=DELETE&_busy_timeout="+busyTimeout+"&_txlock=immediate"))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := migrate(db, path); err != nil {
		db.Close()
		return nil, err
	}
	st, err := check(context.Background(), db, path, true)
	if err != nil {
		return nil, err
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name IN ('imports', 'import_studies')`).Scan(&n); err != nil || n != 2 {
		st.Close()
		return nil, domain.Errorf(domain.EFOREIGN, "%s: %s (it is not a user database: it has no import list)", path, domain.EFOREIGN.Phrase())
	}
	return &UserStore{Store: st, path: path, Wait: 30 * time.Second, TellAfter: 500 * time.Millisecond}, nil
}

// migrations bring a user database from the schema version of their index to the next.
var migrations = map[int]string{1: migrate1to2, 2: migrate2to3}

//go:embed migrate-1-to-2.sql
var migrate1to2 string

//go:embed migrate-2-to-3.sql
var migrate2to3 string

// migrate brings a user database of an older schema to this one in one transaction, so
// the studies a user imported with an earlier version are kept. (The evidence databases
// are read-only: an older one is rebuilt, not migrated.)
func migrate(db *sql.DB, path string) error {
	var appID, version int
	db.QueryRow("PRAGMA application_id").Scan(&appID)
	db.QueryRow("PRAGMA user_version").Scan(&version)
	if appID != ApplicationID || migrations[version] == "" {
		return nil // check says what is wrong, if anything
	}
	tx, err := db.Begin()
	if err != nil {
		return domain.Errorf(domain.EDAMAGED, "%s: updating the user database: %v", path, err)
	}
	defer tx.Rollback()
	for ; migrations[version] != ""; version++ {
		if _, err := tx.Exec(migrations[version]); err != nil {
			return domain.Errorf(domain.EDAMAGED, "%s: updating the user database: %v", path, err)
		}
	}
	return tx.Commit()
}

// createUser makes an empty user database beside path and moves it into place, so a crash
// while creating it never leaves a half-made file under the real name, and of two imports
// creating it at once, one file wins and both use it.
func createUser(path string) error {
	// private: the studies a user imported are theirs alone
	return atomicfile.Create(path, 0o600, func(tmp string) error {
		db, err := sql.Open("sqlite3", tmp)
		if err != nil {
			return err
		}
		defer db.Close()
		db.SetMaxOpenConns(1)
		for _, s := range append(schemaStatements(), userSchema,
			`INSERT INTO meta(key, value) VALUES ('dataset_version', 'user imports'), ('dataset_title', 'Studies added by the user')`) {
			if _, err := db.Exec(s); err != nil {
				return err
			}
		}
		return db.Close()
	})
}

// Add stores the studies of one file in a single transaction: all of them or, on any
// error or crash, none. indications are those the studies refer to, copied so the
// user database's references hold on its own.
// waiting, when not nil, is called once if another program's import makes it wait; a
// cancelled ctx rolls the transaction back.
func (u *UserStore) Add(ctx context.Context, file string, studies []domain.Study, indications []domain.Indication, waiting func()) (_ domain.Import, err error) {
	imp := domain.Import{File: file, At: time.Now().UTC().Truncate(time.Second)}
	for _, st := range studies {
		if ps := st.Problems(); len(ps) > 0 {
			return imp, fmt.Errorf("study %q: %s", st.ID, strings.Join(ps, "; "))
		}
	}
	defer func() {
		if err != nil && ctx.Err() != nil {
			err = fmt.Errorf("the import was cancelled: %w", ctx.Err())
		}
	}()
	tx, err := u.begin(ctx, waiting)
	if err != nil {
		return imp, err
	}
	defer tx.Rollback()
	for _, ind := range indications {
		if err := insertIndication(tx, "INSERT OR IGNORE", ind); err != nil {
			return imp, u.writeError(err)
		}
	}
	res, err := tx.Exec(`INSERT INTO imports(file, imported_at) VALUES (?, ?)`, file, imp.At.Format(time.RFC3339))
	if err != nil {
		return imp, u.writeError(err)
	}
	imp.ID, _ = res.LastInsertId()
	var order int
	if err := tx.QueryRow(`SELECT coalesce(max(sort_order) + 1, 0) FROM studies`).Scan(&order); err != nil {
		return imp, u.writeError(err)
	}
	for i, st := range studies {
		if err := insertStudy(tx, st, order+i); err != nil {
			if isConstraint(err) {
				return imp, fmt.Errorf("study %q is already in your user database", st.ID)
			}
			return imp, u.writeError(err)
		}
		if _, err := tx.Exec(`INSERT INTO import_studies VALUES (?, ?)`, st.ID, imp.ID); err != nil {
			return imp, u.writeError(err)
		}
		imp.Studies = append(imp.Studies, st.Label)
	}
	if err := tx.Commit(); err != nil {
		return imp, u.writeError(err)
	}
	return imp, nil
}

// Remove deletes one import and every study it added, in one transaction (waiting as
// Add does).
func (u *UserStore) Remove(id int64, waiting func()) error {
	tx, err := u.begin(context.Background(), waiting)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRow(`SELECT count(*) FROM imports WHERE id = ?`, id).Scan(&n); err != nil {
		return u.writeError(err)
	}
	if n == 0 {
		return fmt.Errorf("there is no import number %d (list them with `ketamine-explorer imports`)", id)
	}
	// the references are checked at commit, when the import and its studies are all gone
	if _, err := tx.Exec(`PRAGMA defer_foreign_keys = ON`); err != nil {
		return u.writeError(err)
	}
	const ofImport = `study_id IN (SELECT study_id FROM import_studies WHERE import_id = ?)`
	for _, table := range []string{"discrepancies", "unknowns", "findings", "outcomes", "arms", "sources"} {
		if _, err := tx.Exec(`DELETE FROM `+table+` WHERE `+ofImport, id); err != nil {
			return u.writeError(err)
		}
	}
	for _, q := range []string{
		`DELETE FROM studies WHERE id IN (SELECT study_id FROM import_studies WHERE import_id = ?)`,
		`DELETE FROM import_studies WHERE import_id = ?`,
		`DELETE FROM imports WHERE id = ?`,
	} {
		if _, err := tx.Exec(q, id); err != nil {
			return u.writeError(err)
		}
	}
	return u.writeError(tx.Commit())
}

// Imports lists every import, oldest first, with the labels of its studies.
func (u *UserStore) Imports() ([]domain.Import, error) {
	rows, err := u.db.Query(`
		SELECT i.id, i.file, i.imported_at, coalesce(s.label, '')
		FROM imports i LEFT JOIN import_studies m ON m.import_id = i.id LEFT JOIN studies s ON s.id = m.study_id
		ORDER BY i.id, s.sort_order`)
	if err != nil {
		return nil, fmt.Errorf("listing imports: %w", err)
	}
	defer rows.Close()
	var out []domain.Import
	for rows.Next() {
		var id int64
		var file, at, label string
		if err := rows.Scan(&id, &file, &at, &label); err != nil {
			return nil, fmt.Errorf("listing imports: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].ID != id {
			t, _ := time.Parse(time.RFC3339, at)
			out = append(out, domain.Import{ID: id, File: file, At: t})
		}
		if label != "" {
			out[len(out)-1].Studies = append(out[len(out)-1].Studies, label)
		}
	}
	return out, rows.Err()
}

// StudyIDs returns the id of every study in the database, for duplicate checks.
func (s *Store) StudyIDs() (_ map[string]bool, err error) {
	ctx, done := s.limited(context.Background(), &err)
	defer done()
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM studies`)
	if err != nil {
		return nil, fmt.Errorf("listing study ids: %w", err)
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	return ids, rows.Err()
}

// Studies loads the user's studies of one indication, marked as user-added.
func (u *UserStore) Studies(indication string) ([]domain.Study, error) {
	studies, err := u.load(selection{of + " ORDER BY sort_order, id", []any{indication, indication}})
	if err != nil {
		return nil, fmt.Errorf("loading your imported studies: %w", err)
	}
	for i := range studies {
		studies[i].UserAdded = true
	}
	return studies, nil
}

// begin starts a write transaction. Another program's import holds the database for a
// moment: begin waits for it up to u.Wait, calling waiting once if it has not got the
// database after u.TellAfter, so a user is told why nothing seems to happen.
func (u *UserStore) begin(ctx context.Context, waiting func()) (*sql.Tx, error) {
	switch {
	case waiting == nil:
	case u.TellAfter <= 0:
		waiting()
	default:
		told := time.AfterFunc(u.TellAfter, waiting)
		defer told.Stop()
	}
	deadline := time.Now().Add(u.Wait)
	for {
		// each try waits up to the connection's busy timeout inside SQLite
		tx, err := u.db.BeginTx(ctx, nil)
		if err == nil {
			return tx, nil
		}
		if !busy(err) || time.Now().After(deadline) || ctx.Err() != nil {
			return nil, u.writeError(err)
		}
	}
}

// writeError turns SQLite's write failures into a sentence about their cause: the
// database in use, the file or its folder not writable, the disk full.
func (u *UserStore) writeError(err error) error {
	if err == nil {
		return nil
	}
	if busy(err) {
		return domain.Errorf(domain.EBUSY, "%s: %s", u.path, domain.EBUSY.Phrase())
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrReadonly, sqlite3.ErrCantOpen, sqlite3.ErrPerm:
			f, ferr := os.OpenFile(u.path, os.O_WRONLY, 0)
			if ferr != nil {
				return domain.Errorf(domain.EREADONLY, "%s: the file is read-only, so nothing can be imported into it or removed from it (%v)", u.path, ferr)
			}
			f.Close()
			return domain.Errorf(domain.EREADONLY, "%s: %s (%v)", filepath.Dir(u.path), domain.EREADONLY.Phrase(), err)
		case sqlite3.ErrFull:
			return fmt.Errorf("%s: the disk is full", u.path)
		}
	}
	return fmt.Errorf("%s: %w", u.path, err)
}

func isConstraint(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.Code == sqlite3.ErrConstraint
}
