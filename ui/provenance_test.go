package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketamine-explorer/data"
	"ketamine-explorer/evidence"
	"ketamine-explorer/releases"
	"ketamine-explorer/resources"
	"ketamine-explorer/signing"
)

// File > Install evidence update… installs a release an organisation signed with a key an
// administrator placed, lists what is new, and the window names the signer; a copy no
// trusted key signed can still be explored, under a banner in the error colour and a
// title that say it is not an official release.
func TestInstallAnUpdateAndSeeWhereTheEvidenceComesFrom(t *testing.T) {
	sk, err := signing.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(releases.TrustFolder, 0o755)
	placed := filepath.Join(releases.TrustFolder, "pharmacy.pub")
	if err := os.WriteFile(placed, []byte(sk.Public("St Elsewhere Hospital pharmacy").String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Remove(placed) })
	dir := t.TempDir()
	update := filepath.Join(dir, "evidence-update.sqlite")
	os.WriteFile(update, resources.EvidenceDB, 0o644)
	os.WriteFile(update+releases.SignatureSuffix, signing.Sign(sk, resources.EvidenceDB, "checked by the pharmacy"), 0o644)

	ex, w := newExplorer(t)
	if err := ex.svc.UseUserDB(filepath.Join(t.TempDir(), data.UserFileName)); err != nil {
		t.Fatal(err)
	}
	ex.Select(0)
	if ex.banner.content.Visible() {
		t.Error("the bundled evidence is shown under a banner")
	}
	ex.install(update, evidence.ReleasesFolder(ex.svc.UserPath()))
	waitFor(t, ex, "the update installed", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "Installed dataset 2026.12-3, signed by St Elsewhere Hospital pharmacy")
	})
	w.Canvas().Overlays().Top().Hide()
	if !strings.Contains(ex.dataset.Text, "signed by St Elsewhere Hospital pharmacy") || ex.banner.content.Visible() {
		t.Errorf("after the install the window says %q (banner shown: %v)", ex.dataset.Text, ex.banner.content.Visible())
	}

	colleague := filepath.Join(dir, "colleague.sqlite")
	os.WriteFile(colleague, resources.EvidenceDB, 0o644)
	ex.opener.open(colleague)
	waitFor(t, ex, "the copy opened", func() bool { return ex.svc.Name() != resources.EvidenceName })
	ex.Select(1)
	waitFor(t, ex, "the page shown", func() bool { return ex.current.Indication.Key != "" })
	if !ex.banner.content.Visible() || !strings.Contains(ex.banner.label.Text, "colleague.sqlite: not an official release (not signed by a trusted key)") {
		t.Errorf("the banner reads %q (shown: %v)", ex.banner.label.Text, ex.banner.content.Visible())
	}
	if !strings.Contains(w.Title(), "NOT AN OFFICIAL RELEASE") {
		t.Errorf("the title is %q", w.Title())
	}
	// back to the evidence in use: the installed update
	ex.opener.bundled()
	waitFor(t, ex, "the evidence in use", func() bool {
		return strings.Contains(ex.dataset.Text, "signed by St Elsewhere") && !ex.banner.content.Visible()
	})
}
