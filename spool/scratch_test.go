package spool

import (
	"os"
	"testing"
)

// A scratch file reads back what was written and, once closed, leaves nothing in the
// temporary folder.
func TestScratchLeavesNothing(t *testing.T) {
	tmp := t.TempDir()
	for _, v := range []string{"TMPDIR", "TMP", "TEMP"} { // Unix's, then Windows'
		t.Setenv(v, tmp)
	}
	f, err := scratch()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte("lines kept"), 0); err != nil {
		t.Fatal(err)
	}
	got := make([]byte, 10)
	if _, err := f.ReadAt(got, 0); err != nil || string(got) != "lines kept" {
		t.Fatalf("read back %q, %v", got, err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left %v", left)
	}
}
