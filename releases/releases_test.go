package releases_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"ketamine-explorer/releases"
	"ketamine-explorer/releases/releasetest"
	"ketamine-explorer/signing"
)

// trusting points the trusted-keys folder at a folder of the test's holding a new key of
// an organisation, and returns that key.
func trusting(t *testing.T, organisation string) signing.SecretKey {
	t.Helper()
	dir := t.TempDir()
	was := releases.TrustFolder
	releases.TrustFolder = dir
	t.Cleanup(func() { releases.TrustFolder = was })
	sk, err := signing.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "org.pub"), []byte(sk.Public(organisation).String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return sk
}

// release is a copy of the bundled evidence as dataset version, signed by sk (nil:
// unsigned).
func release(t *testing.T, version string, sk *signing.SecretKey) string {
	t.Helper()
	p := releasetest.Evidence(t, version)
	if sk != nil {
		sign(t, p, *sk)
	}
	return p
}

func sign(t *testing.T, p string, sk signing.SecretKey) {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p+releases.SignatureSuffix, signing.Sign(sk, b, "dataset release"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A release signed by an organisation whose key an administrator placed is verified,
// installed (what was in use kept), used, refused once a byte of it changes in the user's
// storage, and rolled back to the previous release, then to the bundled evidence.
func TestInstallUseAndRollBack(t *testing.T) {
	sk := trusting(t, "St Elsewhere Hospital pharmacy")
	store := releases.Store{Dir: filepath.Join(t.TempDir(), "releases")}
	first, err := releases.Verify(release(t, "2027.01-1", &sk), releases.LoadTrust())
	if err != nil {
		t.Fatal(err)
	}
	if first.Version != "2027.01-1" || first.Signer != "St Elsewhere Hospital pharmacy" || first.KeyID != sk.ID.String() {
		t.Errorf("verified as %+v", first)
	}
	if _, err := store.Install(first, "2026.12-3", false); err != nil {
		t.Fatal(err)
	}
	second, err := releases.Verify(release(t, "2027.03-1", &sk), releases.LoadTrust())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := store.Install(second, "2027.01-1", false); err != nil {
		t.Fatal(err)
	}
	cur, prev, err := store.Status()
	if err != nil || cur == nil || prev == nil || cur.Version != "2027.03-1" || prev.Version != "2027.01-1" {
		t.Fatalf("status %+v %+v %v", cur, prev, err)
	}
	r, _, note := store.InUse(releases.LoadTrust())
	if r == nil || r.Version != "2027.03-1" || note != "" {
		t.Fatalf("in use %+v (%s)", r, note)
	}
	// an older release is refused unless asked for, and changes nothing
	if _, err := store.Install(first, "2027.03-1", false); err == nil || !strings.Contains(err.Error(), "older than dataset 2027.03-1") {
		t.Errorf("an older release: %v", err)
	}
	// the user's storage is the user's to change: a byte changed there is caught on use
	installed := filepath.Join(store.Dir, cur.File)
	b, _ := os.ReadFile(installed)
	b[len(b)/2] ^= 0xff
	os.WriteFile(installed, b, 0o644)
	if r, _, note := store.InUse(releases.LoadTrust()); r != nil || !strings.Contains(note, "changed after it was signed") || !strings.Contains(note, "the bundled evidence is shown") {
		t.Errorf("a changed installed file: %+v, %q", r, note)
	}
	// rollback: to the previous release, then to the bundled evidence
	back, err := store.Rollback()
	if err != nil || back == nil || back.Version != "2027.01-1" {
		t.Fatalf("rollback gave %+v, %v", back, err)
	}
	if _, err := os.Stat(installed); !errors.Is(err, os.ErrNotExist) {
		t.Error("the release rolled back from is still kept")
	}
	if r, _, _ := store.InUse(releases.LoadTrust()); r == nil || r.Version != "2027.01-1" {
		t.Errorf("after rollback in use: %+v", r)
	}
	if back, err := store.Rollback(); err != nil || back != nil {
		t.Errorf("second rollback gave %+v, %v", back, err)
	}
	if _, err := store.Rollback(); err == nil || !strings.Contains(err.Error(), "nothing to roll back") {
		t.Errorf("rollback with nothing installed: %v", err)
	}
}

// Every refusal says why in one sentence and installs nothing.
func TestRefusalsSayWhy(t *testing.T) {
	sk := trusting(t, "St Elsewhere Hospital pharmacy")
	stranger, _ := signing.GenerateKey()
	dir := t.TempDir()

	tampered := release(t, "2027.01-1", &sk)
	b, _ := os.ReadFile(tampered)
	b[100] ^= 1
	os.WriteFile(tampered, b, 0o644)

	otherFile := release(t, "2027.01-1", &sk)
	otherSig, _ := os.ReadFile(release(t, "2027.02-1", &sk) + releases.SignatureSuffix)
	os.WriteFile(otherFile+releases.SignatureSuffix, otherSig, 0o644)

	truncated := release(t, "2027.01-1", &sk)
	sig, _ := os.ReadFile(truncated + releases.SignatureSuffix)
	os.WriteFile(truncated+releases.SignatureSuffix, sig[:len(sig)/2], 0o644)

	notEvidence := filepath.Join(dir, "notes.sqlite")
	os.WriteFile(notEvidence, []byte("a signed file that is not a database"), 0o644)
	sign(t, notEvidence, sk)

	link := filepath.Join(dir, "link.sqlite")
	os.Symlink(release(t, "2027.01-1", &sk), link)
	fifo := filepath.Join(dir, "fifo.sqlite")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}

	for name, c := range map[string]struct{ file, want string }{
		"unsigned":            {release(t, "2027.01-1", nil), "is not signed"},
		"an unknown key":      {release(t, "2027.01-1", &stranger), "signed by a key that is not trusted here"},
		"one byte changed":    {tampered, "changed after it was signed"},
		"another file's":      {otherFile, "changed after it was signed, or the signature is another file's"},
		"signature cut short": {truncated, "not a minisign signature"},
		"not evidence":        {notEvidence, "not an evidence file this app reads"},
		"a symlink":           {link, "not a regular file"},
		"a FIFO":              {fifo, "not a regular file"},
	} {
		_, err := releases.Verify(c.file, releases.LoadTrust())
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// Key files that are garbage, folders or too large are left out with a note; the keys
// beside them and the project's own key are still trusted.
func TestBadKeyFilesAreLeftOut(t *testing.T) {
	sk := trusting(t, "St Elsewhere Hospital pharmacy")
	os.WriteFile(filepath.Join(releases.TrustFolder, "garbage.pub"), []byte("untrusted comment: x\nnot a key"), 0o644)
	os.Mkdir(filepath.Join(releases.TrustFolder, "a-folder.pub"), 0o755)
	os.WriteFile(filepath.Join(releases.TrustFolder, "huge.pub"), make([]byte, 1<<20), 0o644)
	trust := releases.LoadTrust()
	if len(trust.Keys) != 2 || trust.Keys[0].Signer != releases.ProjectSigner || trust.Keys[1].ID != sk.ID {
		t.Errorf("trusted %+v", trust.Keys)
	}
	if len(trust.Problems) != 3 {
		t.Errorf("problems %q", trust.Problems)
	}
	if _, err := releases.Verify(release(t, "2027.01-1", &sk), trust); err != nil {
		t.Error(err)
	}
	// a trusted-keys path that is a file, not a folder: only the project's key
	releases.TrustFolder = filepath.Join(releases.TrustFolder, "garbage.pub")
	if trust := releases.LoadTrust(); len(trust.Keys) != 1 || len(trust.Problems) != 1 {
		t.Errorf("a file for a folder: %+v", trust)
	}
}

// A failed install (the releases folder cannot be written: here it is a file) leaves the
// release in use as it was; two installs at once leave one in use and the other as the
// rollback, both whole.
func TestFailedAndSimultaneousInstalls(t *testing.T) {
	sk := trusting(t, "St Elsewhere Hospital pharmacy")
	first, err := releases.Verify(release(t, "2027.01-1", &sk), releases.LoadTrust())
	if err != nil {
		t.Fatal(err)
	}
	second, err := releases.Verify(release(t, "2027.02-1", &sk), releases.LoadTrust())
	if err != nil {
		t.Fatal(err)
	}
	blocked := filepath.Join(t.TempDir(), "releases")
	os.WriteFile(blocked, []byte("a file where the folder would be"), 0o644)
	if _, err := (releases.Store{Dir: blocked}).Install(first, "2026.12-3", false); err == nil {
		t.Error("an install into a file succeeded")
	}

	store := releases.Store{Dir: filepath.Join(t.TempDir(), "releases")}
	var wg sync.WaitGroup
	for _, r := range []releases.Release{first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			store.Install(r, "2026.12-3", true)
		}()
	}
	wg.Wait()
	r, _, note := store.InUse(releases.LoadTrust())
	if r == nil || note != "" {
		t.Fatalf("after two installs at once: %+v, %q", r, note)
	}
	if back, err := store.Rollback(); err != nil {
		t.Fatalf("rollback after two installs: %+v, %v", back, err)
	}
	if r, _, note := store.InUse(releases.LoadTrust()); note != "" {
		t.Errorf("after rollback: %+v, %q", r, note)
	}
}

func TestVersionsOrder(t *testing.T) {
	for _, c := range []struct {
		a, b  string
		older bool
	}{{"2026.12-3", "2027.01-1", true}, {"2026.12-3", "2026.12-10", true}, {"2026.12-10", "2026.12-9", false}, {"2026.12-3", "2026.12-3", false}, {"odd", "2026.12-3", true}} {
		if releases.Older(c.a, c.b) != c.older {
			t.Errorf("Older(%s, %s) = %v", c.a, c.b, !c.older)
		}
	}
}
