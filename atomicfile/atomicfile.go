// Package atomicfile puts a file in place whole or not at all: it is made under a unique
// temporary name in the same folder and renamed over the final name, so a crash, a full
// disk, a cancel or a second writer at the same time never leaves a half-written file.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"sync"
)

// Make has make create the file at a temporary path beside path (SQLite, for one, wants a
// path rather than a writer), then renames it into place; on any error the temporary file
// is removed and path is left as it was. The file gets the permissions any program's new
// file gets (read and write for all, less the user's umask).
func Make(path string, make func(tmp string) error) error {
	return place(path, 0o666, make, os.Rename)
}

// Create is Make for a file that must not replace another, with permissions perm (less the
// umask): when path already exists (a second process made it first) the one made here is
// dropped and that one is kept.
func Create(path string, perm fs.FileMode, make func(tmp string) error) error {
	return place(path, perm, make, func(tmp, path string) error {
		err := os.Link(tmp, path)
		if errors.Is(err, fs.ErrExist) {
			err = nil
		}
		os.Remove(tmp)
		return err
	})
}

func place(path string, perm fs.FileMode, make func(tmp string) error, put func(tmp, path string) error) error {
	// only a file is ever replaced: renaming over a device, a pipe or a folder's link
	// would put a file where the system expects something else (as root, /dev/null)
	if st, err := os.Lstat(path); err == nil && !st.Mode().IsRegular() {
		return fmt.Errorf("writing %s: it is not a regular file, so it was left as it is and nothing was written", path)
	}
	tmp, err := temp(path, perm)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer finished(tmp)
	err = make(tmp)
	if err == nil {
		err = put(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// pending are the temporary files being written, for Abandon.
var pending = struct {
	sync.Mutex
	names map[string]bool
}{names: map[string]bool{}}

// temp creates an empty file with a name no other writer has, beside path, and records it
// as pending. Unlike os.CreateTemp, which always makes 0600, it asks for perm so the umask
// decides.
func temp(path string, perm fs.FileMode) (string, error) {
	// made and recorded under one lock: Abandon sees every temporary file there is
	pending.Lock()
	defer pending.Unlock()
	for tries := 0; ; tries++ {
		tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+"."+strconv.FormatUint(rand.Uint64(), 36)+".tmp")
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && tries < 100 {
			continue
		}
		if err != nil {
			return "", err
		}
		pending.names[tmp] = true
		return tmp, f.Close()
	}
}

// finished forgets a temporary file that was put in place or removed.
func finished(tmp string) {
	pending.Lock()
	delete(pending.names, tmp)
	pending.Unlock()
}

// Abandon removes every temporary file being written and lets no other be made, for a
// process about to exit on a signal: it leaves no half-written file behind, and every file
// in place stays as it was. It keeps its lock, so it is the last thing this package does.
func Abandon() {
	pending.Lock()
	for tmp := range pending.names {
		os.Remove(tmp)
	}
}

// Write writes a file through write, whole or not at all (see Make).
func Write(path string, write func(io.Writer) error) error {
	return Make(path, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		werr := write(f)
		if cerr := f.Close(); werr == nil {
			werr = cerr
		}
		return werr
	})
}
