package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/evidence"
	"ketamine-explorer/releases"
	"ketamine-explorer/releases/releasetest"
	"ketamine-explorer/resources"
)

// trustFolderEnv tells a child test process the tests' trusted-keys folder.
const trustFolderEnv = "KEE_TEST_TRUST_FOLDER"

// minisignTool runs Debian's minisign, as IT would.
func minisignTool(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("minisign", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("minisign %s: %v: %s (Debian package minisign)", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// organisationKey makes a key pair with minisign and places its public key, naming the
// organisation, in the trusted-keys folder as an administrator would; it returns the
// secret key file.
func organisationKey(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	pub, sec := filepath.Join(dir, "org.pub"), filepath.Join(dir, "org.key")
	minisignTool(t, "-G", "-W", "-p", pub, "-s", sec)
	b, err := os.ReadFile(pub)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(b), "\n", 2)
	if err := os.MkdirAll(releases.TrustFolder, 0o755); err != nil {
		t.Fatal(err)
	}
	placed := filepath.Join(releases.TrustFolder, "org.pub")
	if err := os.WriteFile(placed, []byte("untrusted comment: "+name+"\n"+lines[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(placed) })
	return sec
}

// An organisation's release signed with `minisign -S` verifies and installs offline; every
// command then reads it and names its signer; a byte changed in the installed file makes
// the app fall back to the bundled evidence and say why; rollback returns to the bundled
// evidence. A release signed with the app's signature verifies with `minisign -V`.
func TestEvidenceUpdateEndToEnd(t *testing.T) {
	sec := organisationKey(t, "St Elsewhere Hospital pharmacy")
	userDB := filepath.Join(t.TempDir(), "user.sqlite")
	file := releasetest.Evidence(t, "2027.01-1")
	minisignTool(t, "-S", "-s", sec, "-m", file, "-t", "dataset 2027.01-1, checked by the pharmacy")

	code, out, errOut := cli(t, "dataset", "verify", file, "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "dataset 2027.01-1, signed by St Elsewhere Hospital pharmacy") || !strings.Contains(out, "checked by the pharmacy") {
		t.Fatalf("verify: %d %q %q", code, out, errOut)
	}
	// opened as it is, with --db, it is official too
	code, out, _ = cli(t, "show", "trd", "--db", file, "--user-db", userDB)
	if first, _, _ := strings.Cut(out, "\n"); code != 0 || !strings.Contains(first, "dataset 2027.01-1, signed by St Elsewhere Hospital pharmacy") {
		t.Errorf("show --db of the signed file begins %q", first)
	}
	code, out, errOut = cli(t, "dataset", "install", file, "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "Installed dataset 2027.01-1, signed by St Elsewhere Hospital pharmacy, in place of dataset 2026.12-3") ||
		!strings.Contains(out, "What's new since dataset 2026.12-3") || !strings.Contains(out, "the test correction of 2027.01-1") {
		t.Fatalf("install: %d %q %q", code, out, errOut)
	}
	for _, args := range [][]string{{"version"}, {"show", "trd"}} {
		code, out, errOut := cli(t, append(args, "--user-db", userDB)...)
		first, _, _ := strings.Cut(out, "\n")
		if code != 0 || !strings.Contains(first, "2027.01-1, signed by St Elsewhere Hospital pharmacy") {
			t.Errorf("%v: %d, first line %q (%s)", args, code, first, errOut)
		}
	}
	code, out, _ = cli(t, "slides", "trd", "--format", "json", "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "Dataset 2027.01-1, signed by St Elsewhere Hospital pharmacy") {
		t.Errorf("slide footers do not name the update: %.300s", out)
	}
	// the same release again is accepted; an older one is refused and changes nothing
	older := releasetest.Evidence(t, "2026.01-1")
	minisignTool(t, "-S", "-s", sec, "-m", older)
	if code, _, errOut := cli(t, "dataset", "install", older, "--user-db", userDB); code == 0 || !strings.Contains(errOut, "older than dataset 2027.01-1 in use") {
		t.Errorf("an older release: %d %q", code, errOut)
	}

	// tampered with in the user's storage: caught on use
	installed, err := filepath.Glob(filepath.Join(evidence.ReleasesFolder(userDB), "*.sqlite"))
	if err != nil || len(installed) != 1 {
		t.Fatalf("installed files %v %v", installed, err)
	}
	b, _ := os.ReadFile(installed[0])
	b[4096] ^= 1
	os.WriteFile(installed[0], b, 0o644)
	code, out, errOut = cli(t, "version", "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "2026.12-3, bundled") || !strings.Contains(errOut, "changed after it was signed") {
		t.Errorf("a tampered install: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "dataset", "status", "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "St Elsewhere Hospital pharmacy: key") || !strings.Contains(out, "Rollback returns to: the bundled evidence") {
		t.Errorf("status: %d %q %q", code, out, errOut)
	}
	code, out, errOut = cli(t, "dataset", "rollback", "--user-db", userDB)
	if code != 0 || !strings.Contains(out, "the evidence in use is dataset 2026.12-3, bundled") {
		t.Errorf("rollback: %d %q %q", code, out, errOut)
	}
}

// A copy of the evidence that no trusted key signed can still be explored, but says so
// first: show's first line, its slides' footers, the handout.
func TestAnUnsignedCopySaysSoEverywhere(t *testing.T) {
	dir := t.TempDir()
	copyDB := filepath.Join(dir, "colleague.sqlite")
	if err := os.WriteFile(copyDB, resources.EvidenceDB, 0o644); err != nil {
		t.Fatal(err)
	}
	const warning = "colleague.sqlite: not an official release (not signed by a trusted key)"
	code, out, _ := cli(t, "show", "trd", "--db", copyDB)
	if first, _, _ := strings.Cut(out, "\n"); code != 0 || first != warning {
		t.Errorf("show's first line: %q", first)
	}
	code, out, _ = cli(t, "slides", "trd", "--format", "json", "--db", copyDB)
	var rows []struct{ Footer string }
	if code != 0 || json.Unmarshal([]byte(out), &rows) != nil || len(rows) == 0 {
		t.Fatalf("slides: %d %.200s", code, out)
	}
	for _, r := range rows {
		if !strings.Contains(r.Footer, "NOT AN OFFICIAL RELEASE") {
			t.Errorf("a slide's footer: %q", r.Footer)
		}
	}
	if code, _, errOut := cli(t, "export", "trd", "--out", filepath.Join(dir, "out"), "--db", copyDB); code != 0 {
		t.Fatal(errOut)
	}
	pdfs, _ := filepath.Glob(filepath.Join(dir, "out", "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatal("no handout exported")
	}
	text, err := exec.Command("pdftotext", "-f", "1", "-l", "1", pdfs[0], "-").Output()
	if err != nil || !strings.Contains(strings.Join(strings.Fields(string(text)), " "), warning) {
		t.Errorf("the handout's first page does not warn: %v %.300s", err, text)
	}
}
