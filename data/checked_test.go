package data_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"ketamine-explorer/data"
)

// openChecked opens path with the list of checked files c and says whether it was
// checked whole.
func openChecked(t *testing.T, path string, c *data.CheckedFiles) (bool, error) {
	t.Helper()
	s, err := data.OpenChecked(context.Background(), path, c)
	if err != nil {
		return true, err
	}
	defer s.Close()
	return s.FullyChecked(), nil
}

// A file is checked whole once; opened again unchanged it is not; after one byte of it
// changes (its modification time set back, its size the same) it is checked again. A
// file that fails is never remembered.
func TestCheckedOnceAndAgainAfterAChange(t *testing.T) {
	c := &data.CheckedFiles{Path: filepath.Join(t.TempDir(), "cache", "checked-files.json")}
	p := altered(t)
	for i, want := range []bool{true, false, false} {
		if full, err := openChecked(t, p, c); err != nil || full != want {
			t.Fatalf("open %d: checked whole %v, want %v (%v)", i+1, full, want, err)
		}
	}

	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	at := bytes.Index(b, []byte("Anand"))
	if at < 0 {
		t.Fatal("no study author to change in the file")
	}
	b[at] = 'E' // same size
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(p, st.ModTime(), st.ModTime())
	if full, err := openChecked(t, p, c); err == nil && !full {
		t.Error("a file changed by one byte was not checked again")
	}

	// a file that fails its check is refused every time, never remembered
	bad := altered(t, "PRAGMA ignore_check_constraints = ON", "UPDATE outcomes SET ci_low = 100, ci_high = 1 WHERE study_id = 'elekt-d'")
	for i := 0; i < 2; i++ {
		if _, err := openChecked(t, bad, c); err == nil {
			t.Fatalf("open %d: a file with a reversed interval opened", i+1)
		}
	}
}

// Opening stops when it is cancelled, saying so, and is not remembered as checked.
func TestOpeningCanBeCancelled(t *testing.T) {
	c := &data.CheckedFiles{Path: filepath.Join(t.TempDir(), "checked-files.json")}
	p := altered(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := data.OpenChecked(ctx, p, c); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled open: %v", err)
	}
	if _, err := os.Stat(c.Path); err == nil {
		t.Error("a cancelled open was remembered as checked")
	}
}
