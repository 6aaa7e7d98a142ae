// Package data is the SQLite store of the evidence: the schema, the bundled and user
// databases, the queries that read them, and the builder that writes the bundled one. It
// knows nothing of the UI; what it reads it returns as the domain package's types.
package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"ketamine-explorer/domain"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"
)

// SchemaVersion is stored as PRAGMA user_version; the app opens only this version.
const SchemaVersion = 3

// ApplicationID is stored as PRAGMA application_id so another app's SQLite file is told apart.
const ApplicationID = 0x4B455845 // "KEXE"

//go:embed schema.sql
var schemaSQL string

// Store reads evidence from one SQLite database, opened read-only.
type Store struct {
	db           *sql.DB
	fullyChecked bool // this open read and checked every page, value and reference
	name         string
}

// Open opens an evidence database file read-only and checks that it is one this app reads.
func Open(path string) (*Store, error) { return OpenChecked(context.Background(), path, nil) }

// OpenChecked is Open that a cancelled ctx stops (mid-check included), and that checks
// the whole file only when checked has not seen it pass unchanged (nil: always).
func OpenChecked(ctx context.Context, path string, checked *CheckedFiles) (*Store, error) {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, domain.Errorf(domain.EMISSING, "%s: %s", path, domain.EMISSING.Phrase())
		}
		return nil, domain.Errorf(domain.EUNREADABLE, "%s: %s (%v)", path, domain.EUNREADABLE.Phrase(), err)
	}
	if err := regular(path, st); err != nil {
		return nil, err
	}
	if err := checkHeader(path, true); err != nil {
		return nil, err
	}
	if err := noPendingLog(path); err != nil {
		return nil, err
	}
	if hotJournal(path) {
		// opened immutable, SQLite would read the changes the journal undoes, never
		// committed: a file that lies
		return nil, domain.Errorf(domain.EUNREADABLE, "%s: %s (a program was stopped while writing it: %s holds a change that was never finished, "+
			"which the app does not undo in a file it only reads; open the database once with the program that wrote it, or use a copy made before)",
			path, domain.EUNREADABLE.Phrase(), filepath.Base(path)+"-journal")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	// immutable: SQLite takes no locks and makes no -shm, -wal or journal file beside a
	// file that the app only reads (and that may sit in a folder it cannot write)
	db, err := sql.Open(driverName, fileDSN(abs, "mode=ro&immutable=1&_query_only=1"))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	before, known := checked.identify(abs)
	full := !checked.passed(abs, before)
	s, err := check(ctx, db, path, full)
	if err == nil && full && known {
		// remembered only if the file did not change while it was read
		if after, _ := checked.identify(abs); after == before {
			checked.remember(abs, before)
		}
	}
	return s, err
}

// OpenBytes opens an in-memory copy of a database image whose bytes are vouched for, so
// nothing is written to disk and it works from any working directory: the bundled image,
// built and tested with the binary, or an installed release whose signature proves it is
// the file checked whole at install. Its pages need no integrity scan at every start, only
// the identity and shape checks.
func OpenBytes(image []byte, name string) (*Store, error) { return openImage(image, name, false) }

// OpenImage is OpenBytes for an image from elsewhere (an evidence release read into
// memory, so that what was verified is what is read): checked whole, as a file is.
func OpenImage(image []byte, name string) (*Store, error) { return openImage(image, name, true) }

func openImage(image []byte, name string, full bool) (*Store, error) {
	if !hasSQLiteHeader(image) {
		return nil, domain.Errorf(domain.ENOTSQLITE, "%s: %s", name, domain.ENOTSQLITE.Phrase())
	}
	if err := shape(name, image, int64(len(image))); err != nil {
		return nil, err
	}
	db := sql.OpenDB(&imageConnector{image: image})
	// One connection: each connection holds its own copy of the image.
	db.SetMaxOpenConns(1)
	return check(context.Background(), db, name, full)
}

// FullyChecked says whether opening checked the whole file (not when the file was
// remembered as checked and unchanged, nor for the bundled evidence, tested at build).
func (s *Store) FullyChecked() bool { return s.fullyChecked }

// Name is the file name (or "bundled") the store was opened from.
func (s *Store) Name() string { return s.name }

// Close releases the database.
func (s *Store) Close() error { return s.db.Close() }

// statementLimit is the longest one read of a database may take. Every table is read
// whole by an indexed query, so a real evidence file, even of thousands of studies, is read
// in a fraction of it; only a file built to be slow (tables stripped of their keys, so a
// join scans for ever) reaches it, and it must not hold a command or the window for good.
var statementLimit = time.Minute

// limited gives one read its time limit; done, deferred, ends it and, when err points at
// the read's error, says in words that the limit stopped the read.
func (s *Store) limited(parent context.Context, err *error) (ctx context.Context, done func()) {
	ctx, cancel := context.WithTimeout(parent, statementLimit)
	return ctx, func() {
		if err != nil && *err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			*err = domain.Errorf(domain.ESLOW, "%s: %s", s.name, domain.ESLOW.Phrase())
		}
		cancel()
	}
}

type imageConnector struct{ image []byte }

func (c *imageConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := checkedDriver.Open(":memory:")
	if err != nil {
		return nil, err
	}
	sc := conn.(*sqlite3.SQLiteConn)
	if err := sc.Deserialize(c.image, "main"); err != nil {
		sc.Close()
		return nil, err
	}
	if _, err := sc.Exec("PRAGMA query_only = ON", nil); err != nil {
		sc.Close()
		return nil, err
	}
	return sc, nil
}

func (c *imageConnector) Driver() driver.Driver { return checkedDriver }

// fileDSN builds a file: URI for an absolute path that SQLite reads on every OS.
func fileDSN(abs, params string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:///C:/...
	}
	p = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(p)
	return "file://" + p + "?" + params
}

// busy says whether SQLite could not read because another connection holds a lock: the
// file is in use, not damaged.
func busy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// regular refuses what is not a plain file: a folder, and a pipe or a device, whose read
// could wait forever.
func regular(path string, st os.FileInfo) error {
	switch {
	case st.IsDir():
		return domain.Errorf(domain.ENOTSQLITE, "%s: is a folder, %s", path, domain.ENOTSQLITE.Phrase())
	case !st.Mode().IsRegular():
		return domain.Errorf(domain.ENOTSQLITE, "%s: is not a plain file (a pipe or a device), %s", path, domain.ENOTSQLITE.Phrase())
	}
	return nil
}

// noPendingLog refuses a database whose write-ahead log still holds changes: opened
// immutable, SQLite would read the file without them.
func noPendingLog(path string) error {
	wal := path + "-wal"
	if nonEmpty(wal) {
		return domain.Errorf(domain.EUNREADABLE, "%s: %s (its latest changes are still in %s, which the app does not apply to a file it only reads: "+
			"close the program that is writing it, or copy the database with that program, then open it again)", path, domain.EUNREADABLE.Phrase(), filepath.Base(wal))
	}
	return nil
}

const sqliteMagic = "SQLite format 3\x00"

func hasSQLiteHeader(b []byte) bool {
	return len(b) >= 100 && string(b[:len(sqliteMagic)]) == sqliteMagic
}

// checkHeader refuses a file that is not SQLite and, with length, one shorter than its
// header says.
func checkHeader(path string, length bool) error {
	f, err := os.Open(path)
	if err != nil {
		return domain.Errorf(domain.EUNREADABLE, "%s: %s (%v)", path, domain.EUNREADABLE.Phrase(), err)
	}
	defer f.Close()
	head := make([]byte, 100)
	n, _ := f.Read(head)
	if !hasSQLiteHeader(head[:n]) {
		if n == 0 {
			return domain.Errorf(domain.ENOTSQLITE, "%s: the file is empty, %s", path, domain.ENOTSQLITE.Phrase())
		}
		return domain.Errorf(domain.ENOTSQLITE, "%s: %s", path, domain.ENOTSQLITE.Phrase())
	}
	st, err := f.Stat()
	if err != nil {
		return domain.Errorf(domain.EUNREADABLE, "%s: %s (%v)", path, domain.EUNREADABLE.Phrase(), err)
	}
	if !length {
		return nil
	}
	return shape(path, head, st.Size())
}

// hotJournal says whether a write to the database at path was cut off: its rollback
// journal is still there, not empty.
func hotJournal(path string) bool { return nonEmpty(path + "-journal") }

// nonEmpty says whether a file is at path with something in it (a database's side files:
// SQLite leaves them empty, or removes them, once a write is done).
func nonEmpty(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Size() > 0
}

// shape checks the header's page size and page count against the file's length, so a
// truncated or mangled file is refused at once instead of SQLite chasing pages that are
// not there.
func shape(name string, head []byte, size int64) error {
	pageSize := int64(binary.BigEndian.Uint16(head[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return domain.Errorf(domain.ENOTSQLITE, "%s: %s (page size %d)", name, domain.ENOTSQLITE.Phrase(), pageSize)
	}
	// the page count in the header counts only when it was written with the change counter
	pages := int64(binary.BigEndian.Uint32(head[28:32]))
	if string(head[24:28]) == string(head[92:96]) && pages > 0 && size < pages*pageSize {
		return domain.Errorf(domain.EDAMAGED, "%s: %s (the file is shorter than its header says: cut off)", name, domain.EDAMAGED.Phrase())
	}
	return nil
}

// schemaStatements make an empty database of this schema and version.
func schemaStatements() []string {
	return []string{schemaSQL,
		fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion),
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)}
}

// check verifies identity, version, tables and columns and, when full, the pages'
// integrity, every value and every reference, closing db on any failure.
func check(ctx context.Context, db *sql.DB, name string, full bool) (*Store, error) {
	fail := func(err error) (*Store, error) {
		db.Close()
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, statementLimit)
	defer cancel()
	if full {
		var result string
		if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&result); err != nil {
			return fail(checkError(ctx, name, err))
		}
		if result != "ok" {
			return fail(domain.Errorf(domain.EDAMAGED, "%s: %s (%s)", name, domain.EDAMAGED.Phrase(), result))
		}
	}
	var appID, version int
	if err := db.QueryRow("PRAGMA application_id").Scan(&appID); err != nil {
		return fail(domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err))
	}
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fail(domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err))
	}
	switch {
	case appID != ApplicationID:
		return fail(domain.Errorf(domain.EFOREIGN, "%s: %s", name, domain.EFOREIGN.Phrase()))
	case version > SchemaVersion:
		return fail(domain.Errorf(domain.ENEWER, "%s: schema version %d, %s", name, version, domain.ENEWER.Phrase()))
	case version < SchemaVersion:
		return fail(domain.Errorf(domain.EOLDER, "%s: schema version %d, %s", name, version, domain.EOLDER.Phrase()))
	}
	if err := onlyTables(db, name); err != nil {
		return fail(err)
	}
	for table, columns := range schemaColumns() {
		have := map[string]bool{}
		rows, err := db.Query("SELECT name FROM pragma_table_info(?)", table)
		if err != nil {
			return fail(domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err))
		}
		for rows.Next() {
			var c string
			rows.Scan(&c)
			have[c] = true
		}
		rows.Close()
		if len(have) == 0 {
			return fail(domain.Errorf(domain.EFOREIGN, "%s: table %q is missing, %s", name, table, domain.EFOREIGN.Phrase()))
		}
		for _, c := range columns {
			if !have[c] {
				return fail(domain.Errorf(domain.EFOREIGN, "%s: table %q has no column %q, %s", name, table, c, domain.EFOREIGN.Phrase()))
			}
		}
	}
	if full {
		if err := checkValues(ctx, db, name); err != nil {
			return fail(err)
		}
		// every reference the app follows, by query: a file whose tables declare no
		// foreign keys passes pragma_foreign_key_check whatever it holds, and one whose
		// parent table lost its key fails it with references that all hold
		var broken int
		if err := db.QueryRowContext(ctx, orphans).Scan(&broken); err != nil {
			return fail(checkError(ctx, name, err))
		}
		if broken > 0 {
			return fail(domain.Errorf(domain.EDAMAGED, "%s: %s (%d records refer to records that are not there)", name, domain.EDAMAGED.Phrase(), broken))
		}
	}
	return &Store{db: db, name: name, fullyChecked: full}, nil
}

// checkError says why a check could not be finished: cancelled by the user, the file in
// use by another program, or the file damaged.
func checkError(ctx context.Context, name string, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return domain.Errorf(domain.ESLOW, "%s: %s", name, domain.ESLOW.Phrase())
	case ctx.Err() != nil:
		return fmt.Errorf("%s: opening was cancelled: %w", name, ctx.Err())
	case busy(err):
		return domain.Errorf(domain.EBUSY, "%s: %s", name, domain.EBUSY.Phrase())
	}
	return domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err)
}

// onlyTables refuses a file whose schema holds what an evidence file never has: a view (a
// view in place of a table can run for ever, or answer differently at every read), a
// trigger, or a virtual table other than the search index.
func onlyTables(db *sql.DB, name string) error {
	rows, err := db.Query("SELECT type, name, rootpage, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		return domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err)
	}
	defer rows.Close()
	for rows.Next() {
		var typ, object, def string
		var root int64
		if err := rows.Scan(&typ, &object, &root, &def); err != nil {
			return domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err)
		}
		switch {
		case typ == "view" || typ == "trigger":
			return domain.Errorf(domain.EFOREIGN, "%s: it holds a %s, %q, which an evidence file never has; %s", name, typ, object, domain.EFOREIGN.Phrase())
		case typ == "table" && root == 0 && (object != "search" || !searchDefinition.MatchString(def)):
			// a table without pages of its own is virtual, whatever its text says
			return domain.Errorf(domain.EFOREIGN, "%s: it holds a virtual table, %q, which an evidence file never has; %s", name, object, domain.EFOREIGN.Phrase())
		}
	}
	if err := rows.Err(); err != nil {
		return domain.Errorf(domain.EDAMAGED, "%s: %s (%v)", name, domain.EDAMAGED.Phrase(), err)
	}
	return nil
}

// searchDefinition is the one virtual table an evidence file has: the search index, an
// FTS5 table (its text as SQLite keeps it, however the statement that made it was spaced).
var searchDefinition = regexp.MustCompile("(?i)^CREATE\\s+VIRTUAL\\s+TABLE\\s+[\"`[]?search[\"`\\]]?\\s+USING\\s+fts5\\s*\\(")

// orphans counts records that refer to a study, source or arm that is not there.
const orphans = `SELECT
  (SELECT count(*) FROM studies s WHERE NOT EXISTS (SELECT 1 FROM indications i WHERE i.key = s.indication)) +
  (SELECT count(*) FROM sources x WHERE NOT EXISTS (SELECT 1 FROM studies s WHERE s.id = x.study_id)) +
  (SELECT count(*) FROM study_indications x WHERE NOT EXISTS (SELECT 1 FROM studies s WHERE s.id = x.study_id)
     OR NOT EXISTS (SELECT 1 FROM indications i WHERE i.key = x.indication)) +
  (SELECT count(*) FROM arms a WHERE NOT EXISTS (SELECT 1 FROM sources x WHERE x.study_id = a.study_id AND x.id = a.source_id)) +
  (SELECT count(*) FROM outcomes o WHERE NOT EXISTS (SELECT 1 FROM sources x WHERE x.study_id = o.study_id AND x.id = o.source_id)
     OR (o.arm_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM arms a WHERE a.study_id = o.study_id AND a.id = o.arm_id))
     OR (o.versus_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM arms a WHERE a.study_id = o.study_id AND a.id = o.versus_id))) +
  (SELECT count(*) FROM findings f WHERE NOT EXISTS (SELECT 1 FROM sources x WHERE x.study_id = f.study_id AND x.id = f.source_id)
     OR (f.arm_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM arms a WHERE a.study_id = f.study_id AND a.id = f.arm_id))) +
  (SELECT count(*) FROM discrepancies d WHERE d.outcome_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM outcomes o WHERE o.study_id = d.study_id AND o.id = d.outcome_id))`

// schemaColumns lists each table's columns as schema.sql makes them, read from a
// throw-away in-memory database so the check can never disagree with the schema.
var schemaColumns = sync.OnceValue(func() map[string][]string {
	db, err := sql.Open("sqlite3", ":memory:")
	if err != nil {
		panic("data: no in-memory SQLite: " + err.Error())
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(schemaSQL); err != nil {
		panic("data: schema.sql does not run: " + err.Error())
	}
	out := map[string][]string{}
	rows, err := db.Query(`SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c WHERE m.type = 'table'`)
	if err != nil {
		panic("data: reading the schema: " + err.Error())
	}
	defer rows.Close()
	for rows.Next() {
		var table, column string
		rows.Scan(&table, &column)
		out[table] = append(out[table], column)
	}
	return out
})

// DatasetVersion is the version of the evidence the database was built from.
func (s *Store) DatasetVersion() (_ string, err error) {
	ctx, done := s.limited(context.Background(), &err)
	defer done()
	var v string
	err = s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'dataset_version'").Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "unknown", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading dataset version: %w", err)
	}
	return v, nil
}

// numArg stores a number as the text the source printed, so the digits survive; nil
// (unknown) is NULL.
func numArg(n *domain.Num) any {
	if n == nil {
		return nil
	}
	return n.String()
}

// nullNum scans a nullable number column into a *Num (nil when NULL: unknown).
type nullNum struct{ p **domain.Num }

func (nn nullNum) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case nil:
		*nn.p = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	case int64:
		s = strconv.FormatInt(v, 10)
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		return fmt.Errorf("unexpected number column type %T", src)
	}
	n, err := domain.ParseNum(s)
	if err != nil {
		return err
	}
	*nn.p = &n
	return nil
}

// Changes lists the dataset's change log, newest version first.
func (s *Store) Changes() (_ []domain.Change, err error) {
	ctx, done := s.limited(context.Background(), &err)
	defer done()
	rows, err := s.db.QueryContext(ctx, `SELECT c.version, c.date, c.kind, c.study_id, coalesce(s.label, c.study_id), c.what,
		       c.old_value, c.new_value, c.reason
		FROM changes c LEFT JOIN studies s ON s.id = c.study_id ORDER BY c.date DESC, c.version DESC, c.seq`)
	if err != nil {
		return nil, fmt.Errorf("reading the change log: %w", err)
	}
	defer rows.Close()
	var out []domain.Change
	for rows.Next() {
		var c domain.Change
		var old, nw, reason ns
		if err := rows.Scan(&c.Version, &c.Date, &c.Kind, &c.StudyID, &c.Study, &c.What, &old, &nw, &reason); err != nil {
			return nil, fmt.Errorf("reading the change log: %w", err)
		}
		c.Old, c.New, c.Reason = old.String, nw.String, reason.String
		out = append(out, c)
	}
	return out, rows.Err()
}
