package data_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/resources"
)

// FuzzOpen: whatever bytes a file holds, opening it gives a store that works or an error,
// never a panic. Seeds: testdata/fuzz/FuzzOpen and the bundled database cut short.
func FuzzOpen(f *testing.F) {
	f.Add(resources.EvidenceDB[:100])
	f.Add(resources.EvidenceDB[:4096])
	f.Add([]byte("SQLite format 3\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "f.sqlite")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := data.Open(p)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			return
		}
		defer s.Close()
		inds, err := s.Indications()
		if err != nil {
			return
		}
		for _, ind := range inds {
			s.Evidence(ind.Key)
		}
	})
}

// evidenceTables are the tables a hostile schema change picks from.
var evidenceTables = []string{"indications", "studies", "study_indications", "sources", "arms", "outcomes", "findings", "unknowns", "discrepancies", "changes", "meta"}

// FuzzOpenSchema changes the schema of a copy of the bundled database as a hostile file
// would, with names and text chosen by the fuzzer: a table replaced by a view (plainly or
// hidden behind a comment), a trigger, a virtual table, the search index made another
// way, or a journal left beside the file. Views, triggers, foreign virtual tables and
// journals are refused in one line; whatever else opens reads without a panic.
func FuzzOpenSchema(f *testing.F) {
	f.Add(uint8(0), uint8(5), "x")
	f.Add(uint8(1), uint8(10), "t")
	f.Add(uint8(2), uint8(0), "notes")
	f.Add(uint8(3), uint8(0), "trigram")
	f.Add(uint8(4), uint8(0), "\xd9\xd5\x05\xf9\x20\xa1\x63\xd7")
	f.Add(uint8(5), uint8(1), "*/ VIEW")
	f.Fuzz(func(t *testing.T, how, table uint8, text string) {
		ident := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
		literal := `'` + strings.ReplaceAll(text, `'`, `''`) + `'`
		tbl := evidenceTables[int(table)%len(evidenceTables)]
		var stmts []string
		refused := true
		switch how % 6 {
		case 0, 5:
			view := "CREATE VIEW "
			if how%6 == 5 {
				view = "CREATE /*" + strings.ReplaceAll(text, "*/", "") + "*/ VIEW "
			}
			stmts = []string{"ALTER TABLE " + tbl + " RENAME TO " + tbl + "_data",
				view + tbl + " AS SELECT * FROM " + tbl + "_data WHERE " + literal + " IS NOT NULL"}
		case 1:
			stmts = []string{"CREATE TRIGGER " + ident + " AFTER INSERT ON " + tbl + " BEGIN SELECT " + literal + "; END"}
		case 2:
			stmts = []string{"CREATE VIRTUAL TABLE " + ident + " USING fts5(" + ident + ")"}
		case 3: // the search index rebuilt with the fuzzer's tokenizer or columns: may open
			refused = false
			stmts = []string{"DROP TABLE search", "CREATE VIRTUAL TABLE search USING fts5(study_id, indication, text, tokenize = " + literal + ")"}
		case 4:
			if text == "" {
				t.Skip()
			}
		}
		p := filepath.Join(t.TempDir(), "f.sqlite")
		if err := os.WriteFile(p, resources.EvidenceDB, 0o644); err != nil {
			t.Fatal(err)
		}
		if how%6 == 4 {
			if err := os.WriteFile(p+"-journal", []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if alter(p, stmts) != nil {
			t.Skip() // SQLite itself refused the change: nothing to open
		}
		s, err := data.Open(p)
		if err != nil {
			if strings.Contains(err.Error(), "\n") || !domain.ErrorCode(err).OpenFailure() {
				t.Fatalf("refused, but not in one line as an evidence-file problem: %q", err)
			}
			return
		}
		defer s.Close()
		if refused {
			t.Fatalf("opened after %q", stmts)
		}
		inds, err := s.Indications()
		if err != nil {
			return
		}
		for _, ind := range inds {
			s.Evidence(ind.Key)
			s.SearchIDs("ketamine", ind.Key, 0, 10)
		}
	})
}

// alter runs stmts on the database at p, foreign keys off.
func alter(p string, stmts []string) error {
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range append([]string{"PRAGMA foreign_keys = OFF"}, stmts...) {
		if _, err := db.Exec(q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}
