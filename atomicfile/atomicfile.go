// Package atomicfile puts a file in place whole or not at all: it is made under a unique
// temporary name in the same folder and renamed over the final name, so a crash, a full
// disk, a cancel or a second writer at the same time never leaves a half-written file.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Make has make create the file at a temporary path beside path (SQLite, for one, wants a
// path rather than a writer), then renames it into place; on any error the temporary file
// is removed and path is left as it was.
func Make(path string, make func(tmp string) error) error {
	return place(path, make, os.Rename)
}

// Create is Make for a file that must not replace another: when path already exists (a
// second process made it first) the one made here is dropped and that one is kept.
func Create(path string, make func(tmp string) error) error {
	return place(path, make, func(tmp, path string) error {
		err := os.Link(tmp, path)
		if errors.Is(err, fs.ErrExist) {
			err = nil
		}
		os.Remove(tmp)
		return err
	})
}

func place(path string, make func(tmp string) error, put func(tmp, path string) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
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
