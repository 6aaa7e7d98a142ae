//go:build !windows

package atomicfile_test

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"ketamine-explorer/atomicfile"
)

// An exported file gets the permissions the user's umask gives any new file (a colleague
// on a shared drive can read it when the umask lets them), not always 0600; a file made
// with Create gets the permissions asked for, less the umask.
func TestFilesFollowTheUmask(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		umask int
		want  fs.FileMode
	}{{0o022, 0o644}, {0o002, 0o664}, {0o077, 0o600}} {
		old := syscall.Umask(c.umask)
		p := filepath.Join(dir, "export.csv")
		err := atomicfile.Write(p, func(w io.Writer) error { _, err := io.WriteString(w, "a,b\n"); return err })
		private := filepath.Join(dir, "private.sqlite")
		os.Remove(private)
		perr := atomicfile.Create(private, 0o600, func(tmp string) error { return os.WriteFile(tmp, []byte("x"), 0) })
		syscall.Umask(old)
		if err != nil || perr != nil {
			t.Fatal(err, perr)
		}
		if st, _ := os.Stat(p); st.Mode().Perm() != c.want {
			t.Errorf("umask %03o: export written %v, want %v", c.umask, st.Mode().Perm(), c.want)
		}
		if st, _ := os.Stat(private); st.Mode().Perm() != 0o600 {
			t.Errorf("umask %03o: private file %v, want 0600", c.umask, st.Mode().Perm())
		}
	}
}
