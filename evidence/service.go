// Package evidence is the one way the CLI and the window read the evidence: an evidence
// database (the bundled one or another of the same schema) and the user's imported
// studies, merged, counted, searched and filtered alike wherever they are shown.
package evidence

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"ketamine-explorer/csvimport"
	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/releases"
	"ketamine-explorer/resources"
)

// Service reads one evidence database and, when there is one, the user database. Its
// methods may be called from any goroutine.
type Service struct {
	mu       sync.RWMutex
	store    *data.Store
	userPath string          // where imported studies are kept ("": nowhere)
	user     *data.UserStore // nil until the user database exists and is opened
	userErr  error           // why the user database cannot be used, if it cannot
	prov     domain.Provenance
}

// MaxSearch is the longest text a search takes: a 100,000-character query took 25 s and
// 1.9 GB.
const MaxSearch = 200

// UserDBEnv names the environment variable that says where imported studies are kept (a
// portable install, a test).
const UserDBEnv = "KETAMINE_EXPLORER_USER_DB"

// Bundled opens the evidence bundled into the app.
func Bundled() (*Service, error) { return Open("") }

// BundledEvidence is every indication's evidence in the bundled database, unfiltered, and
// its version: what a talk of any indication's slides is laid out from.
func BundledEvidence() ([]domain.IndicationEvidence, string, error) {
	s, err := Bundled()
	if err != nil {
		return nil, "", err
	}
	defer s.Close()
	version, err := s.DatasetVersion()
	if err != nil {
		return nil, "", err
	}
	evs, err := s.All()
	return evs, version, err
}

// Open opens the evidence database at path ("" for the bundled one), read-only.
func Open(path string) (*Service, error) { return OpenContext(context.Background(), path) }

// OpenContext is Open that a cancelled ctx stops while the file is checked. A file is
// checked whole the first time it is opened and again whenever it changes; the files that
// passed are remembered in the user's cache folder (checkedFilesPath). A file is an
// official release when its signature (FILE.minisig) verifies with a trusted key.
func OpenContext(ctx context.Context, path string) (*Service, error) {
	if path == "" {
		return bundled("")
	}
	var checked *data.CheckedFiles
	if p := checkedFilesPath(); p != "" {
		checked = &data.CheckedFiles{Path: p}
	}
	st, err := data.OpenChecked(ctx, path, checked)
	if err != nil {
		return nil, err
	}
	prov := domain.Provenance{File: filepath.Base(path)}
	// the file was just checked whole: only its signature is left to check
	if r, err := releases.Signed(path, releases.LoadTrust()); err == nil {
		prov = r.Provenance()
	}
	return withStore(st, prov)
}

// OpenInUse opens the evidence in use: the evidence update installed in the releases
// folder (ReleasesFolder) when its signature still verifies with a trusted key and it is
// not older than the bundled evidence, else the bundled evidence, whose provenance then
// says why the update is not used.
func OpenInUse(releasesDir string) (*Service, error) {
	if releasesDir == "" {
		return bundled("")
	}
	r, _, note := releases.Store{Dir: releasesDir}.InUse(releases.LoadTrust())
	if r == nil {
		return bundled(note)
	}
	// the signed bytes were checked whole when installed: the identity and shape checks
	// that the bundled image gets are enough
	st, err := data.OpenBytes(r.Image(), r.Provenance().File)
	var update *Service
	if err == nil {
		update, err = withStore(st, r.Provenance())
	}
	if err != nil {
		return bundled(fmt.Sprintf("the installed evidence update cannot be read (%v); the bundled evidence is shown", err))
	}
	b, err := bundled("")
	if err != nil {
		update.Close()
		return nil, err
	}
	if releases.Older(update.prov.Version, b.prov.Version) {
		update.Close()
		return b, nil // this version of the app bundles newer evidence than the update
	}
	b.Close()
	return update, nil
}

// ReleasesFolder is where evidence updates are installed: beside the user database
// ("" when there is no user storage).
func ReleasesFolder(userDB string) string {
	if userDB == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(userDB), "releases")
}

// bundled opens the evidence bundled into the app; note says why an update is not used.
func bundled(note string) (*Service, error) {
	st, err := data.OpenBytes(resources.EvidenceDB, resources.EvidenceName)
	if err != nil {
		return nil, err
	}
	return withStore(st, domain.Provenance{Bundled: true, Note: note})
}

func withStore(st *data.Store, prov domain.Provenance) (*Service, error) {
	version, err := st.DatasetVersion()
	if err != nil {
		st.Close()
		return nil, err
	}
	prov.Version = version
	return &Service{store: st, userErr: errNoUserDB, prov: prov}, nil
}

// Provenance is where the evidence shown comes from.
func (s *Service) Provenance() domain.Provenance {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.prov
}

// CacheFolder is the app's folder in the user's cache folder ("" when the system has
// none): what can be lost without loss, as the list of files checked once, and crash
// reports.
func CacheFolder() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "ketamine-explorer")
}

// checkedFilesPath is the list of evidence files that passed the full check ("" when
// there is no cache folder: then every file is checked each time).
func checkedFilesPath() string {
	if dir := CacheFolder(); dir != "" {
		return filepath.Join(dir, "checked-files.json")
	}
	return ""
}

// UserDBError is a user database that cannot be opened or used; the evidence itself is
// fine, and a message says which database is meant.
type UserDBError struct{ Err error }

func (e *UserDBError) Error() string { return e.Err.Error() }
func (e *UserDBError) Unwrap() error { return e.Err }

// userDBError marks err, when there is one, as the user database's.
func userDBError(err error) error {
	if err == nil {
		return nil
	}
	return &UserDBError{err}
}

// errNoUserDB is why importing is off until a user database is given.
var errNoUserDB = domain.Errorf(domain.EREADONLY, "no user database is open")

// UseUserDB keeps imported studies in the database at path. An existing one is opened and
// checked now; a missing one is created by the first import, so reading never leaves an
// empty file behind. The evidence still shows when it cannot be used (see UserError).
func (s *Service) UseUserDB(path string) error {
	var user *data.UserStore
	var err error
	if _, serr := os.Stat(path); !errors.Is(serr, os.ErrNotExist) {
		user, err = data.OpenUser(path)
		err = userDBError(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.user != nil {
		s.user.Close()
	}
	s.userPath, s.user, s.userErr = path, user, err
	return err
}

// UserPath is where imported studies are kept ("" when no user database was given).
func (s *Service) UserPath() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.userPath
}

// UserError says why studies cannot be imported or removed (nil when they can).
func (s *Service) UserError() error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.userError()
}

func (s *Service) userError() error {
	if s.userPath == "" || s.userErr != nil {
		return s.userErr
	}
	return nil
}

// writableUser opens (creating if need be) the user database for an import or removal.
func (s *Service) writableUser() (*data.UserStore, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.user != nil {
		return s.user, nil
	}
	if s.userPath == "" {
		return nil, errors.New("there is no per-user storage to keep imported studies in (HOME is not set, or has no config folder): " +
			"give --user-db FILE, or set " + UserDBEnv)
	}
	if s.userErr != nil {
		return nil, s.userErr
	}
	u, err := data.OpenUser(s.userPath)
	if domain.ErrorCode(err) == domain.EBUSY {
		return nil, userDBError(err) // gone once the other program's import ends
	}
	if err != nil {
		s.userErr = userDBError(err)
		return nil, s.userErr
	}
	s.user = u
	return u, nil
}

// Swap makes s read next's evidence database, closing its own; the user database stays.
// next must not be used afterwards.
func (s *Service) Swap(next *Service) {
	s.mu.Lock()
	old := s.store
	s.store, s.prov = next.store, next.prov
	s.mu.Unlock()
	old.Close()
}

// Close releases both databases.
func (s *Service) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.user != nil {
		s.user.Close()
		s.user = nil
	}
	return s.store.Close()
}

// Name is the evidence database's file name, or resources.EvidenceName for the bundled one.
func (s *Service) Name() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.store.Name()
}

// IsBundled says whether the evidence shown is the bundled one.
func (s *Service) IsBundled() bool { return s.Name() == resources.EvidenceName }

// DatasetVersion is the version of the evidence database's dataset.
func (s *Service) DatasetVersion() (string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.store.DatasetVersion()
}

// Indications lists every indication in display order; the counts include imported studies.
func (s *Service) Indications() ([]domain.Indication, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	inds, err := s.store.Indications()
	if err != nil || s.user == nil {
		return inds, err
	}
	userInds, err := s.user.Indications()
	if err != nil {
		return inds, fmt.Errorf("counting your imported studies: %w", err)
	}
	for i := range inds {
		for _, u := range userInds {
			if u.Key == inds[i].Key {
				inds[i].StudyCount += u.StudyCount
			}
		}
	}
	return inds, nil
}

// Evidence loads one indication: the evidence database's first max studies (max < 0: all;
// randomized evidence first) and then the user's, those that pass f. Indication.StudyCount
// counts every study, filtered or not.
func (s *Service) Evidence(key string, f domain.Filter, max int) (domain.IndicationEvidence, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ind, user, err := s.indication(key)
	if err != nil {
		return domain.IndicationEvidence{}, err
	}
	if !f.Active() || max < 0 {
		studies, err := s.store.StudiesAfter(key, "", max)
		if err != nil {
			return domain.IndicationEvidence{}, err
		}
		return f.Apply(domain.IndicationEvidence{Indication: ind, Studies: append(studies, user...)}), nil
	}
	// filtered: the first max studies that pass of all of them, and how many pass (a
	// study past the first max read must be found and counted by a filter or a search too)
	var kept []domain.Study
	matching := 0
	for after := ""; ; {
		page, err := s.store.StudiesAfter(key, after, filterPage)
		if err != nil {
			return domain.IndicationEvidence{}, err
		}
		pass := f.Keep(page)
		matching += len(pass)
		kept = append(kept, pass[:min(len(pass), max-len(kept))]...)
		if len(page) < filterPage {
			break
		}
		after = page[len(page)-1].ID
	}
	mine := f.Keep(user)
	ind.Matching = matching + len(mine)
	return domain.IndicationEvidence{Indication: ind, Studies: append(kept, mine...)}, nil
}

// filterPage is how many studies a filtered read takes at a time.
const filterPage = 500

// All loads every indication's evidence, unfiltered, in the navigator's order.
func (s *Service) All() ([]domain.IndicationEvidence, error) {
	inds, err := s.Indications()
	if err != nil {
		return nil, err
	}
	out := make([]domain.IndicationEvidence, 0, len(inds))
	for _, ind := range inds {
		ev, err := s.Evidence(ind.Key, domain.Filter{}, -1)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// indication reads one indication with the user's studies of it, counted in its
// StudyCount; the caller holds the lock.
func (s *Service) indication(key string) (domain.Indication, []domain.Study, error) {
	ind, err := s.store.Indication(key)
	if err != nil {
		if domain.ErrorCode(err) == domain.ENOTFOUND {
			return ind, nil, s.unknownIndication(key)
		}
		return ind, nil, err
	}
	if s.user == nil {
		return ind, nil, nil
	}
	user, err := s.user.Studies(key)
	ind.StudyCount += len(user)
	return ind, user, err
}

// Pages reads one indication a page of at most size studies at a time, in the order
// Evidence gives them, keeping those that pass f: for what prints every study, so that it
// starts at once and holds one page in hand however large the database. The indication
// comes first (StudyCount counts every study, filtered or not); a page the filter empties
// is skipped. Each page is read under the lock, none is held between pages.
func (s *Service) Pages(key string, f domain.Filter, size int) (domain.Indication, iter.Seq2[[]domain.Study, error], error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ind, user, err := s.indication(key)
	if err != nil {
		return ind, nil, err
	}
	size = max(size, 1)
	pages := func(yield func([]domain.Study, error) bool) {
		// the first pages are smaller, so that the first studies come out at once
		for after, n := "", max(size/8, 1); ; n = min(2*n, size) {
			s.mu.RLock()
			page, err := s.store.StudiesAfter(key, after, n)
			s.mu.RUnlock()
			if err != nil {
				yield(nil, err)
				return
			}
			if kept := f.Keep(page); len(kept) > 0 && !yield(kept, nil) {
				return
			}
			if len(page) < n {
				break
			}
			after = page[len(page)-1].ID
		}
		if kept := f.Keep(user); len(kept) > 0 {
			yield(kept, nil)
		}
	}
	return ind, pages, nil
}

func (s *Service) unknownIndication(key string) error {
	inds, _ := s.store.Indications()
	var keys []string
	for _, ind := range inds {
		keys = append(keys, ind.Key)
	}
	return domain.Errorf(domain.ENOTFOUND, "unknown indication %q: use one of %s", key, strings.Join(keys, ", "))
}

// Study loads one study by id, from the evidence or the user's imports.
func (s *Service) Study(id string) (domain.Study, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, err := s.store.Study(id)
	if domain.ErrorCode(err) == domain.ENOTFOUND && s.user != nil {
		if st, uerr := s.user.Study(id); uerr == nil {
			st.UserAdded = true
			return st, nil
		}
	}
	return st, err
}

// Hit is one study that a search matched.
type Hit struct {
	StudyID    string `json:"study_id"`
	Indication string `json:"indication"`
	Label      string `json:"label"`
	Title      string `json:"title,omitempty"`
	UserAdded  bool   `json:"user_added,omitempty"`
}

// Search finds the studies, imported ones too, whose text mentions text (see
// domain.Study.Mentions), at most limit of them (limit < 0: all) in display order. The
// evidence database's full-text index picks the studies to read, when it has one.
func (s *Service) Search(text string, limit int) ([]Hit, error) {
	if n := utf8.RuneCountInString(text); n > MaxSearch {
		return nil, domain.Errorf(domain.EINVALID, "a search is at most %d characters; this one has %d", MaxSearch, n)
	}
	if domain.SearchKey(text) == "" {
		return nil, nil
	}
	inds, err := s.Indications()
	if err != nil {
		return nil, err
	}
	var out []Hit
	for _, ind := range inds {
		studies, err := s.mentioning(text, ind.Key, limit-len(out))
		if errors.Is(err, errNoIndex) {
			var ev domain.IndicationEvidence
			ev, err = s.Evidence(ind.Key, domain.Filter{Text: text}, -1)
			studies = ev.Studies
		}
		if err != nil {
			return nil, fmt.Errorf("searching for %q: %w", text, err)
		}
		for _, st := range studies {
			if len(out) == limit {
				return out, nil
			}
			out = append(out, Hit{StudyID: st.ID, Indication: ind.Key, Label: st.Name(), Title: st.Title, UserAdded: st.UserAdded})
		}
	}
	return out, nil
}

// Indexed says whether the evidence database has a full-text index that Search can use
// (without one, Search reads every study).
func (s *Service) Indexed() bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, ok := s.store.SearchIDs("index", "", 0, 0)
	return ok
}

// errNoIndex is a search the full-text index cannot answer (no index, or a query such as
// one holding a NUL that FTS5 cannot parse): every study is read instead.
var errNoIndex = errors.New("the search index cannot answer this search")

// mentioning reads, a page at a time, the studies of one indication that the index finds,
// keeping those that mention text until it has want of them (want < 0: all), then the
// user's studies of that indication that mention it.
func (s *Service) mentioning(text, indication string, want int) ([]domain.Study, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []domain.Study
	for offset := 0; len(out) != want; {
		page := -1
		if want >= 0 {
			page = want - len(out) + 8 // a few spare, for the rare candidate Mentions turns down
		}
		ids, ok := s.store.SearchIDs(text, indication, offset, page)
		if !ok {
			return nil, errNoIndex
		}
		studies, err := s.store.StudiesByID(ids)
		if err != nil {
			return nil, err
		}
		for _, st := range studies {
			if st.Mentions(text) && len(out) != want {
				out = append(out, st)
			}
		}
		if page < 0 || len(ids) < page {
			break
		}
		offset += len(ids)
	}
	if s.user == nil || len(out) == want {
		return out, nil
	}
	user, err := s.user.Studies(indication)
	if err != nil {
		return nil, err
	}
	for _, st := range user {
		if st.Mentions(text) {
			out = append(out, st)
		}
	}
	return out, nil
}

// TemplateExample is the bundled study whose rows the CSV template shows as its example.
const TemplateExample = "elekt-d"

// Template writes the CSV template for adding studies, with TemplateExample as its example.
func (s *Service) Template(w io.Writer) error {
	example, err := s.Study(TemplateExample)
	if err != nil {
		return fmt.Errorf("the template's example study: %w", err)
	}
	return csvimport.WriteTemplate(w, example)
}

// Import checks a filled-in template against the evidence and the user's earlier imports
// and, only if every row is valid, adds its studies to the user database in one
// transaction. A file with problems gives csvimport.Problems, each with row and column.
// waiting, when not nil, is called once if another program's import makes this one wait.
// A cancelled ctx stops it before or while it writes: then nothing is imported.
func (s *Service) Import(ctx context.Context, file string, r io.Reader, waiting func()) (domain.Import, error) {
	user, err := s.writableUser()
	if err != nil {
		return domain.Import{}, fmt.Errorf("nothing was imported: %w", err)
	}
	s.mu.RLock()
	inds, err := s.store.Indications()
	var bundled, imported map[string]bool
	if err == nil {
		bundled, err = s.store.StudyIDs()
	}
	if err == nil {
		imported, err = user.StudyIDs()
	}
	name := s.store.Name()
	s.mu.RUnlock()
	if err != nil {
		return domain.Import{}, err
	}
	// ids are compared as one id ignoring case and Unicode forms
	keys := func(ids map[string]bool) map[string]bool {
		out := map[string]bool{}
		for id := range ids {
			out[csvimport.IDKey(id)] = true
		}
		return out
	}
	bundled, imported = keys(bundled), keys(imported)
	known := csvimport.Known{Taken: func(id string) string {
		id = csvimport.IDKey(id)
		switch {
		case bundled[id]:
			return "the evidence database (" + name + ")"
		case imported[id]:
			return "your earlier imports"
		}
		return ""
	}}
	for _, ind := range inds {
		known.Indications = append(known.Indications, ind.Key)
	}
	studies, err := csvimport.Read(r, file, known)
	if err != nil {
		return domain.Import{}, err
	}
	var used []domain.Indication
	for _, ind := range inds {
		if slices.ContainsFunc(studies, func(st domain.Study) bool { return st.Indication == ind.Key }) {
			used = append(used, ind)
		}
	}
	imp, err := user.Add(ctx, file, studies, used, waiting)
	if err != nil {
		return imp, fmt.Errorf("nothing was imported: %w", err)
	}
	return imp, nil
}

// Imports lists the user's imports, oldest first (none when there is no user database yet).
func (s *Service) Imports() ([]domain.Import, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.user == nil {
		return nil, s.userError()
	}
	return s.user.Imports()
}

// Remove deletes one import and every study it added (waiting as Import does).
func (s *Service) Remove(id int64, waiting func()) error {
	user, err := s.writableUser()
	if err != nil {
		return err
	}
	return user.Remove(id, waiting)
}

// UserFolder is the folder imported studies are kept in, for About and the README.
func (s *Service) UserFolder() string {
	if p := s.UserPath(); p != "" {
		return filepath.Dir(p)
	}
	return "not available"
}

// Changes is the evidence database's change log (studies added, values corrected),
// newest first.
func (s *Service) Changes() ([]domain.Change, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.store.Changes()
}

// Update is an evidence update just installed: what it is, what was in use before it, and
// what its change log adds since then.
type Update struct {
	Release releases.Release
	Was     domain.Provenance
	News    []domain.Change
}

// InstallUpdate verifies the release at file against the keys trusted and installs it in
// the releases folder in place of the evidence in use (older only when allowOlder); the
// window and every command then read it.
func InstallUpdate(file, releasesDir string, allowOlder bool) (Update, error) {
	if releasesDir == "" {
		return Update{}, errors.New("there is no per-user storage to install evidence updates in (HOME is not set, or has no config folder): give --user-db FILE, or set " + UserDBEnv)
	}
	r, err := releases.Verify(file, releases.LoadTrust())
	if err != nil {
		return Update{}, fmt.Errorf("nothing was installed: %w", err)
	}
	before, err := OpenInUse(releasesDir)
	if err != nil {
		return Update{}, err
	}
	was := before.Provenance()
	before.Close()
	store := releases.Store{Dir: releasesDir}
	if _, err := store.Install(r, was.Version, allowOlder); err != nil {
		return Update{}, err
	}
	s, err := data.OpenImage(r.Image(), filepath.Base(file))
	if err != nil {
		return Update{}, err
	}
	defer s.Close()
	log, err := s.Changes()
	if err != nil {
		return Update{}, err
	}
	u := Update{Release: r, Was: was}
	for _, c := range log {
		if releases.Older(was.Version, c.Version) {
			u.News = append(u.News, c)
		}
	}
	return u, nil
}
