package data

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"ketamine-explorer/atomicfile"
)

// checksVersion changes whenever the full check changes, so a file checked by an older
// version of the app is checked again by this one.
const checksVersion = 1

// keptFiles is how many checked files are remembered (the most recently checked).
const keptFiles = 64

// CheckedFiles remembers evidence files that passed the full check, by identity, so
// opening one again costs milliseconds instead of a read of every page. A file that
// changed in any way seen by its identity is checked again; a file not in the list is
// always checked. The list is a small JSON file (in the user's cache folder).
type CheckedFiles struct {
	Path string
}

// identity is what tells one state of a file from another without reading it all: its
// size and times, its inode where there is one (platform-specific, see identity_*.go),
// and a hash of its first and last pages (SQLite's header, with its change counter, is
// in the first).
type identity struct {
	Size     int64  `json:"size"`
	Modified int64  `json:"modified"`          // ns since 1970
	Changed  int64  `json:"changed,omitempty"` // inode change time (ns), which no program can set back
	Inode    uint64 `json:"inode,omitempty"`
	Hash     string `json:"hash"`
}

// checkedEntry is one remembered file.
type checkedEntry struct {
	Path     string   `json:"path"`
	Checks   int      `json:"checks"`
	Identity identity `json:"identity"`
}

// edge is how much of each end of a file its identity hashes.
const edge = 64 << 10

// identify reads the identity of the file at abs; ok is false when it cannot (then the
// file is always checked and never remembered).
func (c *CheckedFiles) identify(abs string) (id identity, ok bool) {
	if c == nil {
		return id, false
	}
	f, err := os.Open(abs)
	if err != nil {
		return id, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return id, false
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(f, 0, edge)); err != nil {
		return id, false
	}
	if st.Size() > edge {
		if _, err := io.Copy(h, io.NewSectionReader(f, max(edge, st.Size()-edge), edge)); err != nil {
			return id, false
		}
	}
	id = identity{Size: st.Size(), Modified: st.ModTime().UnixNano(), Hash: hex.EncodeToString(h.Sum(nil))}
	id.Changed, id.Inode = fileIdentity(st)
	return id, true
}

// load reads the remembered files; a missing or unreadable list is an empty one.
func (c *CheckedFiles) load() []checkedEntry {
	var out []checkedEntry
	if b, err := os.ReadFile(c.Path); err == nil {
		if json.Unmarshal(b, &out) != nil {
			return nil
		}
	}
	return out
}

// passed says whether the file at abs, with identity id, passed this version's full check.
func (c *CheckedFiles) passed(abs string, id identity) bool {
	if c == nil || id.Hash == "" {
		return false
	}
	for _, e := range c.load() {
		if e.Path == abs && e.Checks == checksVersion && e.Identity == id {
			return true
		}
	}
	return false
}

// remember records that the file at abs passed the full check with identity id. Failing
// to write the list costs only a check next time, so it is not an error.
func (c *CheckedFiles) remember(abs string, id identity) {
	entries := slices.DeleteFunc(c.load(), func(e checkedEntry) bool { return e.Path == abs })
	entries = append(entries, checkedEntry{Path: abs, Checks: checksVersion, Identity: id})
	if len(entries) > keptFiles {
		entries = entries[len(entries)-keptFiles:]
	}
	b, err := json.Marshal(entries)
	if err != nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(c.Path), 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return
	}
	atomicfile.Write(c.Path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
