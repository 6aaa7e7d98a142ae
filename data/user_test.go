package data_test

import (
	"context"
	"database/sql"
	"ketamine-explorer/domain"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/resources"
)

// userStudy is a study as an import would add it: the bundled one under a new id.
func userStudy(t *testing.T, id string) domain.Study {
	t.Helper()
	st := study(t, bundled(t), "trd", "elekt-d")
	st.ID = id
	return st
}

func openUser(t *testing.T, path string) *data.UserStore {
	t.Helper()
	u, err := data.OpenUser(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { u.Close() })
	return u
}

func TestUserDatabaseAddsListsAndRemovesImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new folder", data.UserFileName)
	u := openUser(t, path)
	inds, _ := bundled(t).Indications()
	first, err := u.Add(context.Background(), "a.csv", []domain.Study{userStudy(t, "u1"), userStudy(t, "u2")}, inds[:1], nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := u.Add(context.Background(), "b.csv", []domain.Study{userStudy(t, "u3")}, inds[:1], nil); err != nil {
		t.Fatal(err)
	}
	// a study id already there: the whole import is refused, the earlier ones stay
	if _, err := u.Add(context.Background(), "c.csv", []domain.Study{userStudy(t, "u4"), userStudy(t, "u1")}, inds[:1], nil); err == nil || !strings.Contains(err.Error(), `"u1"`) {
		t.Fatalf("a duplicate id was accepted: %v", err)
	}
	imps, err := u.Imports()
	if err != nil {
		t.Fatal(err)
	}
	if len(imps) != 2 || imps[0].File != "a.csv" || len(imps[0].Studies) != 2 || imps[1].File != "b.csv" {
		t.Fatalf("imports: %+v", imps)
	}
	studies, err := u.Studies("trd")
	if err != nil {
		t.Fatal(err)
	}
	if len(studies) != 3 || !studies[0].UserAdded || len(studies[0].Outcomes) == 0 {
		t.Fatalf("user studies: %d, first %+v", len(studies), studies[0].ID)
	}
	last := studies[len(studies)-1]
	if !strings.HasSuffix(last.Name(), " [user-added]") || trdEvidence(t).StudyByID("elekt-d").UserAdded {
		t.Errorf("user-added mark: %q", last.Name())
	}

	if err := u.Remove(first.ID, nil); err != nil {
		t.Fatal(err)
	}
	if err := u.Remove(first.ID, nil); err == nil {
		t.Error("removing an import twice gave no error")
	}
	u.Close()
	// reopened (with the full integrity and reference checks), only b.csv's study is left
	u = openUser(t, path)
	studies, _ = u.Studies("trd")
	if len(studies) != 1 || studies[0].ID != "u3" {
		t.Fatalf("after removal: %v", studies)
	}
}

func trdEvidence(t *testing.T) domain.IndicationEvidence {
	ev, err := bundled(t).Evidence("trd")
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestUserDatabaseRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	// the bundled evidence is an evidence database but not a user database
	bundledCopy := filepath.Join(dir, "evidence.sqlite")
	if err := os.WriteFile(bundledCopy, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := data.OpenUser(bundledCopy); domain.ErrorCode(err) != domain.EFOREIGN {
		t.Errorf("bundled evidence as user database: %v", err)
	}
	text := filepath.Join(dir, "notes.sqlite")
	os.WriteFile(text, []byte("my notes"), 0o644)
	if _, err := data.OpenUser(text); domain.ErrorCode(err) != domain.ENOTSQLITE {
		t.Errorf("text file as user database: %v", err)
	}
	// a file where the folder should be
	if _, err := data.OpenUser(filepath.Join(text, data.UserFileName)); domain.ErrorCode(err) != domain.EREADONLY {
		t.Errorf("folder that is a file: %v", err)
	}
}

// The user database holds only studies that meet the rules the bundled ones do, whoever
// calls it: a study without a locator is refused and nothing of its import is stored.
func TestUserDatabaseRefusesStudiesThatBreakTheRules(t *testing.T) {
	u := openUser(t, filepath.Join(t.TempDir(), data.UserFileName))
	inds, _ := bundled(t).Indications()
	bad := userStudy(t, "bad")
	bad.Outcomes[0].Locator = ""
	if _, err := u.Add(context.Background(), "x.csv", []domain.Study{userStudy(t, "good"), bad}, inds[:1], nil); err == nil || !strings.Contains(err.Error(), "locator is required") {
		t.Fatalf("a study without a locator was stored: %v", err)
	}
	if ids, _ := u.StudyIDs(); len(ids) != 0 {
		t.Errorf("part of a refused import was stored: %v", ids)
	}
}

// A user database made by the previous version (schema 1) is brought up to date on open,
// keeping every imported study.
func TestUserDatabaseOfTheLastVersionIsMigrated(t *testing.T) {
	path := filepath.Join(t.TempDir(), data.UserFileName)
	u := openUser(t, path)
	inds, _ := bundled(t).Indications()
	if _, err := u.Add(context.Background(), "old.csv", []domain.Study{userStudy(t, "kept")}, inds[:1], nil); err != nil {
		t.Fatal(err)
	}
	u.Close()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"ALTER TABLE studies DROP COLUMN scope", "ALTER TABLE outcomes DROP COLUMN better",
		"ALTER TABLE outcomes DROP COLUMN direction", "ALTER TABLE outcomes DROP COLUMN is_primary", "ALTER TABLE outcomes DROP COLUMN is_published_pool", "ALTER TABLE discrepancies DROP COLUMN in_source",
		"DROP TABLE changes", "ALTER TABLE sources DROP COLUMN version", "DROP TABLE study_indications", "PRAGMA user_version = 1"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	u = openUser(t, path)
	studies, err := u.Studies("trd")
	if err != nil || len(studies) != 1 || studies[0].ID != "kept" || len(studies[0].Outcomes) == 0 {
		t.Fatalf("after migration: %v, %v", studies, err)
	}
	if _, err := u.Add(context.Background(), "new.csv", []domain.Study{userStudy(t, "new")}, inds[:1], nil); err != nil {
		t.Errorf("importing after migration: %v", err)
	}
}
