package releases

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/signing"
)

// SignatureSuffix is what a release's signature file adds to the release's name.
const SignatureSuffix = ".minisig"

// maxRelease is the largest file read as a release: an evidence file is about a megabyte.
const maxRelease = 512 << 20

// Release is an evidence file whose signature a trusted key made, read into memory: what
// was verified is what is checked, installed and read.
type Release struct {
	File      string // where it was read from
	Version   string // its dataset version
	Signer    string // whom the key that signed it stands for
	KeyID     string
	Comment   string // the signature's trusted comment
	image     []byte
	signature []byte
}

// Verify reads the release at file and its signature (file + ".minisig"), checks the
// signature against the keys trusted and the file as an evidence database this app reads.
// Each refusal is one sentence that says why.
func Verify(file string, trust Trust) (Release, error) {
	r, err := Signed(file, trust)
	if err != nil {
		return Release{}, err
	}
	s, err := data.OpenImage(r.image, filepath.Base(file))
	if err != nil {
		return Release{}, fmt.Errorf("%s is signed, but not an evidence file this app reads: %w", file, err)
	}
	defer s.Close()
	version, err := s.DatasetVersion()
	if err != nil {
		return Release{}, fmt.Errorf("%s is signed, but its dataset version cannot be read: %w", file, err)
	}
	if _, ok := parseVersion(version); !ok {
		return Release{}, fmt.Errorf("%s is signed, but its dataset version %q is not of the form YEAR.MONTH-NUMBER", file, version)
	}
	r.Version = version
	return r, nil
}

// Signed reads the file and its signature and checks the signature against the keys
// trusted, and nothing else: the release's version is not read.
func Signed(file string, trust Trust) (Release, error) {
	// what the file is, then its signature, then its bytes: a large file without a
	// signature is not read for nothing
	if err := regular(file, maxRelease); err != nil {
		return Release{}, err
	}
	sig, err := readRegular(file+SignatureSuffix, 64<<10)
	if errors.Is(err, fs.ErrNotExist) {
		return Release{}, fmt.Errorf("%s is not signed: there is no %s beside it, so it is not an evidence release", file, filepath.Base(file)+SignatureSuffix)
	}
	if err != nil {
		return Release{}, err
	}
	image, err := readRegular(file, maxRelease)
	if err != nil {
		return Release{}, err
	}
	signed, err := signing.Verify(image, sig, trust.public())
	switch {
	case errors.Is(err, signing.ErrUnknownKey):
		return Release{}, fmt.Errorf("%s is signed by a key that is not trusted here (%v); an administrator can add an organisation's key to %s", file, err, TrustFolder)
	case errors.Is(err, signing.ErrMismatch):
		return Release{}, fmt.Errorf("%s does not match its signature: the file was changed after it was signed, or the signature is another file's", file)
	case err != nil:
		return Release{}, fmt.Errorf("%s%s: %v", file, SignatureSuffix, err)
	}
	key := trust.key(signed.Key.ID)
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	return Release{File: file, Signer: key.Signer, KeyID: key.ID.String(), Comment: signed.TrustedComment, image: image, signature: sig}, nil
}

// Image is the release's evidence database, as verified.
func (r Release) Image() []byte { return r.image }

// readRegular reads a file that must be a regular file (not a link, a pipe or a device:
// a pipe would hang the read, a link could be changed between the check and the read)
// of at most limit bytes.
func readRegular(path string, limit int64) ([]byte, error) {
	if err := regular(path, limit); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read: %w", path, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s cannot be read: %w", path, err)
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%s is too large to be an evidence release", path)
	}
	return b, nil
}

// regular checks, without reading it, that path is a regular file of at most limit bytes.
func regular(path string, limit int64) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: no such file: %w", path, fs.ErrNotExist)
	case err != nil:
		return fmt.Errorf("%s cannot be read: %w", path, err)
	case !st.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (a link, a pipe, a device or a folder): a release is read only from a file itself", path)
	case st.Size() > limit:
		return fmt.Errorf("%s is too large to be an evidence release (%d MB)", path, st.Size()>>20)
	}
	return nil
}

var versionPattern = regexp.MustCompile(`^(\d{4})\.(\d{2})-(\d+)$`)

// parseVersion reads a dataset version, "2026.12-3", as numbers that order releases.
func parseVersion(v string) ([3]int, bool) {
	m := versionPattern.FindStringSubmatch(v)
	if m == nil {
		return [3]int{}, false
	}
	var out [3]int
	for i := range out {
		out[i], _ = strconv.Atoi(m[i+1])
	}
	return out, true
}

// Older says whether dataset version a comes before b (a version that cannot be read
// comes before every other).
func Older(a, b string) bool {
	pa, oka := parseVersion(a)
	pb, okb := parseVersion(b)
	switch {
	case !oka || !okb:
		return !oka && okb
	}
	for i := range pa {
		if pa[i] != pb[i] {
			return pa[i] < pb[i]
		}
	}
	return false
}

// Installed is a release installed in the user's storage.
type Installed struct {
	File        string    `json:"file"` // its name in the releases folder
	Version     string    `json:"version"`
	Signer      string    `json:"signer"`
	KeyID       string    `json:"key_id"`
	From        string    `json:"from"` // the file it was installed from
	InstalledAt time.Time `json:"installed_at"`
}

// state is which release is in use and which was before it (the rollback).
type state struct {
	Current  *Installed `json:"current,omitempty"`
	Previous *Installed `json:"previous,omitempty"`
}

// Store is the folder of installed releases in the user's storage.
type Store struct{ Dir string }

const stateFile = "installed.json"

func (s Store) read() (state, error) {
	var st state
	b, err := os.ReadFile(filepath.Join(s.Dir, stateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("the list of installed evidence updates cannot be read: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return state{}, fmt.Errorf("the list of installed evidence updates (%s) is damaged: %v", filepath.Join(s.Dir, stateFile), err)
	}
	return st, nil
}

func (s Store) write(st state) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(s.Dir, stateFile), func(w io.Writer) error { _, err := w.Write(b); return err })
}

// Status is the release installed and in use (nil: none, the bundled evidence) and the one
// before it (nil: none).
func (s Store) Status() (current, previous *Installed, err error) {
	st, err := s.read()
	return st.Current, st.Previous, err
}

// Install puts r in place as the evidence in use, keeping the release it replaces for
// Rollback. inUse is the dataset version in use now: an older release is refused unless
// allowOlder. The files are written whole before the list that names them, so a full disk
// or a crash leaves the previous evidence in use.
func (s Store) Install(r Release, inUse string, allowOlder bool) (*Installed, error) {
	if Older(r.Version, inUse) && !allowOlder {
		return nil, fmt.Errorf("%s holds dataset %s, older than dataset %s in use: nothing was installed (--allow-older installs it anyway)", r.File, r.Version, inUse)
	}
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(s.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("the releases folder %s cannot be made: %w", s.Dir, err)
	}
	name := fmt.Sprintf("evidence-%s-%d.sqlite", atomicfile.Name(r.Version, 40), time.Now().UnixNano())
	for _, f := range []struct {
		name string
		b    []byte
	}{{name, r.image}, {name + SignatureSuffix, r.signature}} {
		if err := atomicfile.Write(filepath.Join(s.Dir, f.name), func(w io.Writer) error { _, err := w.Write(f.b); return err }); err != nil {
			os.Remove(filepath.Join(s.Dir, name))
			return nil, fmt.Errorf("the update was not installed, the evidence in use stays: %w", err)
		}
	}
	inst := &Installed{File: name, Version: r.Version, Signer: r.Signer, KeyID: r.KeyID, From: r.File, InstalledAt: time.Now().UTC().Truncate(time.Second)}
	gone := st.Previous
	st.Previous, st.Current = st.Current, inst
	if err := s.write(st); err != nil {
		s.remove(inst)
		return nil, fmt.Errorf("the update was not installed, the evidence in use stays: %w", err)
	}
	s.remove(gone)
	return inst, nil
}

// Rollback goes back to the release in use before the last install, or, with none, to the
// bundled evidence; it returns the release now in use (nil: the bundled evidence).
func (s Store) Rollback() (*Installed, error) {
	st, err := s.read()
	if err != nil {
		return nil, err
	}
	if st.Current == nil {
		return nil, errors.New("no evidence update is installed: the bundled evidence is in use, there is nothing to roll back")
	}
	gone := st.Current
	st.Current, st.Previous = st.Previous, nil
	if err := s.write(st); err != nil {
		return nil, fmt.Errorf("nothing was rolled back: %w", err)
	}
	s.remove(gone)
	return st.Current, nil
}

// remove deletes an installed release's files, once the list no longer names it.
func (s Store) remove(inst *Installed) {
	if inst == nil {
		return
	}
	if p, err := atomicfile.Within(s.Dir, inst.File); err == nil {
		os.Remove(p)
		os.Remove(p + SignatureSuffix)
	}
}

// InUse is the installed release in use, its signature verified again against the keys
// trusted now (the user's storage is the user's to change): nil with no release
// installed, or with a note that says why the installed one is not used (then the bundled
// evidence is). A signature that verifies proves the bytes are those checked whole at
// install, so they are not checked whole again at every start; its Version is the one
// recorded then (the evidence service reads the bytes' own).
func (s Store) InUse(trust Trust) (r *Release, inst *Installed, note string) {
	st, err := s.read()
	if err != nil {
		return nil, nil, err.Error() + "; the bundled evidence is shown"
	}
	if st.Current == nil {
		return nil, nil, ""
	}
	p, err := atomicfile.Within(s.Dir, st.Current.File)
	if err == nil {
		var got Release
		if got, err = Signed(p, trust); err == nil {
			got.Version = st.Current.Version // as read from these bytes at install
			return &got, st.Current, ""
		}
	}
	return nil, st.Current, fmt.Sprintf("the installed evidence update (dataset %s) is not used: %v; the bundled evidence is shown", st.Current.Version, err)
}

// Provenance says where evidence comes from, for every page, slide and export.
func (r Release) Provenance() domain.Provenance {
	return domain.Provenance{Version: r.Version, Signer: r.Signer, KeyID: r.KeyID, File: filepath.Base(r.File)}
}
