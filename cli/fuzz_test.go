package cli

import (
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ketamine-explorer/resources"
)

// mutable are the evidence tables a mutation picks from.
var mutable = []string{"indications", "studies", "sources", "arms", "outcomes", "findings", "unknowns", "discrepancies", "meta"}

// FuzzOpenMutated alters a copy of the bundled database as a hostile or careless editor
// might: a table rebuilt without its constraints and column types, then one value of one
// row set to text, a number, a blob or NULL. Whatever opens must show every indication in
// every format and export the altered study's indication without a panic, an empty source
// or a usage error; whatever is refused must say so in one line, as a database problem.
func FuzzOpenMutated(f *testing.F) {
	f.Add(uint8(4), uint8(6), uint16(3), "=HYPERLINK(\"http://x\")", uint8(0), false)
	f.Add(uint8(4), uint8(9), uint16(0), "gone", uint8(0), true)    // a source that is not there, no FOREIGN KEY clauses
	f.Add(uint8(3), uint8(7), uint16(1), "-5", uint8(1), true)      // negative N
	f.Add(uint8(1), uint8(2), uint16(2), "", uint8(3), true)        // NULL label
	f.Add(uint8(4), uint8(12), uint16(5), "1e308", uint8(2), false) // a huge value
	f.Add(uint8(5), uint8(3), uint16(0), "\xff\xfe", uint8(4), true)
	f.Add(uint8(1), uint8(5), uint16(7), "yes", uint8(0), true) // is_key-like flag as a word
	f.Add(uint8(4), uint8(9), uint16(0), "00", uint8(0), true)  // a number JSON cannot hold
	f.Fuzz(func(t *testing.T, table, column uint8, row uint16, value string, kind uint8, dropConstraints bool) {
		dir := t.TempDir()
		p := filepath.Join(dir, "mutated.sqlite")
		if err := os.WriteFile(p, resources.EvidenceDB, 0o644); err != nil {
			t.Fatal(err)
		}
		study := mutate(t, p, mutable[int(table)%len(mutable)], column, row, value, kind, dropConstraints)

		code, _, errOut := cli(t, "list", "--db", p)
		if code != 0 {
			if code != exitDB || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Fatalf("refused with exit %d and %q", code, errOut)
			}
			return
		}
		for _, key := range []string{"trd", "pain", "si", "neuro"} {
			for _, format := range []string{"text", "json", "csv"} {
				code, out, errOut := cli(t, "show", key, "--format", format, "--db", p)
				if code == exitUsage && !strings.Contains(errOut, "no such indication") || code != 0 && code != exitUsage {
					t.Fatalf("show %s --format %s: exit %d: %s", key, format, code, errOut)
				}
				if format == "csv" && code == 0 {
					everyNumberHasASource(t, out)
				}
			}
		}
		if study == "" {
			return
		}
		// at the handout's width, so that each chart is drawn once for both: Go stops a
		// fuzzing process whose input takes over 10 s
		code, _, errOut = cli(t, "export", indicationOf(t, p, study), "--out", filepath.Join(dir, "export"), "--db", p)
		if code != 0 && code != exitUsage {
			t.Fatalf("export: exit %d: %s", code, errOut)
		}
	})
}

// mutate applies one mutation to the database at p and returns the id of the study whose
// row it changed ("" when the row is not a study's).
func mutate(t *testing.T, p, table string, column uint8, row uint16, value string, kind uint8, dropConstraints bool) string {
	t.Helper()
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		if _, err := db.Exec(q, args...); err != nil {
			t.Skipf("%s: %v", q, err) // a change SQLite itself refuses is not a file anyone can make
		}
	}
	exec("PRAGMA foreign_keys = OFF")
	exec("PRAGMA ignore_check_constraints = ON")
	if dropConstraints {
		exec("ALTER TABLE " + table + " RENAME TO old_" + table)
		exec("CREATE TABLE " + table + " AS SELECT * FROM old_" + table)
		exec("DROP TABLE old_" + table)
	}
	var cols, key []string
	rows, err := db.Query("SELECT name, pk FROM pragma_table_info(?)", table)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var c string
		var pk int
		rows.Scan(&c, &pk)
		cols = append(cols, c)
		if pk > 0 {
			key = append(key, c)
		}
	}
	rows.Close()
	if len(key) == 0 { // a rebuilt table has no primary key, but has a rowid
		key = []string{"rowid"}
	}
	var n int
	db.QueryRow("SELECT count(*) FROM " + table).Scan(&n)
	if n == 0 {
		return ""
	}
	var v any
	switch kind % 5 {
	case 0:
		v = value
	case 1:
		v, _ = strconv.ParseInt(value, 10, 64)
	case 2:
		v, _ = strconv.ParseFloat(value, 64)
	case 3:
		v = nil
	case 4:
		v = []byte(value)
	}
	pk := strings.Join(key, ", ")
	target := "(" + pk + ") = (SELECT " + pk + " FROM " + table + " LIMIT 1 OFFSET " + strconv.Itoa(int(row)%n) + ")"
	var study string
	for _, c := range []string{"study_id", "id"} {
		if slices.Contains(cols, c) && (c == "study_id" || table == "studies") {
			if err := db.QueryRow("SELECT CAST(" + c + " AS TEXT) FROM " + table + " WHERE " + target).Scan(&study); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	exec("UPDATE "+table+" SET \""+cols[int(column)%len(cols)]+"\" = ? WHERE "+target, v)
	return study
}

// indicationOf is the indication the study is in after the mutation (it may have moved).
func indicationOf(t *testing.T, p, study string) string {
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var key sql.NullString
	db.QueryRow("SELECT CAST(indication AS TEXT) FROM studies WHERE CAST(id AS TEXT) = ?", study).Scan(&key)
	if !key.Valid || key.String == "" {
		return "trd"
	}
	return key.String
}

// everyNumberHasASource reads `show --format csv` back: every row names its source and
// where in it the number is.
func everyNumberHasASource(t *testing.T, out string) {
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("show --format csv is not CSV: %v", err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	for _, r := range recs[1:] {
		if r[col["source"]] == "" || r[col["locator"]] == "" {
			t.Fatalf("a number with no source: %q", r)
		}
	}
}
