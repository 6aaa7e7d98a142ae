// Package releasetest makes evidence releases for tests: copies of the bundled evidence
// under another dataset version, with a change logged for it.
package releasetest

import (
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"ketamine-explorer/resources"
)

// Evidence writes a copy of the bundled evidence as dataset version, with one correction
// logged for it ("the test correction of VERSION"), in a folder of the test's.
func Evidence(t testing.TB, version string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "evidence-"+version+".sqlite")
	if err := os.WriteFile(p, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE meta SET value = '" + version + "' WHERE key = 'dataset_version'",
		"INSERT INTO changes SELECT '" + version + "', 0, '2027-01-05', 'corrected', study_id, 'the test correction of " + version + "', 'old', 'new', 'read again' FROM changes LIMIT 1",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return p
}
