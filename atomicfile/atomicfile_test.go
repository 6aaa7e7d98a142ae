package atomicfile_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/atomicfile"
)

// A write that fails leaves neither a half-written file under the final name nor a
// temporary file, and an earlier file of that name survives.
func TestFailedWriteLeavesNothingHalfWritten(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "handout.pdf")
	os.WriteFile(path, []byte("the earlier handout"), 0o644)
	err := atomicfile.Write(path, func(w io.Writer) error {
		w.Write([]byte("half of"))
		return errors.New("no space left on device")
	})
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("error: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "the earlier handout" {
		t.Errorf("the earlier file was changed: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
	// a folder that does not exist: an error, not a panic
	if err := atomicfile.Write(filepath.Join(dir, "no", "such", "x.png"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder gave no error")
	}
}

// Create never replaces a file another writer put there first, and leaves no temporary file.
func TestCreateKeepsTheFirstFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "user.sqlite")
	write := func(text string) func(string) error {
		return func(tmp string) error { return os.WriteFile(tmp, []byte(text), 0o600) }
	}
	if err := atomicfile.Create(path, 0o600, write("first")); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Create(path, 0o600, write("second")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("the file was replaced: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

// Text from a file becomes a name of letters, digits and dashes, and no name leaves its folder.
func TestNamesStayInTheirFolder(t *testing.T) {
	if got := atomicfile.Name("../../Évil\x1b[31m/TRD", 40); got != "evil-31m-trd" && got != "vil-31m-trd" {
		t.Errorf("Name: %q", got)
	}
	for _, bad := range []string{"", ".", "..", "../x", "a/b", `a\b`, "c:x", "a\x00b"} {
		if p, err := atomicfile.Within("/tmp/out", bad); err == nil {
			t.Errorf("Within(%q) = %q", bad, p)
		}
	}
	if p, err := atomicfile.Within("/tmp/out", "trd-handout.pdf"); err != nil || p != filepath.Join("/tmp/out", "trd-handout.pdf") {
		t.Errorf("Within: %q, %v", p, err)
	}
}
