// Package releases is how evidence updates reach an installed app without a reinstall: a
// release is an evidence database with a detached minisign signature; it is trusted when a
// key the app trusts signed it (the project's key, built in, or an organisation's, placed
// by an administrator in the system's trusted-keys folder); installed releases are kept
// in the user's storage, the previous one for rollback. It knows files and signatures,
// and opens databases only through the data package; nothing of the window.
package releases

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"ketamine-explorer/resources"
	"ketamine-explorer/signing"
)

// ProjectSigner is who the built-in key belongs to, as provenance lines name it.
const ProjectSigner = "the Ketamine Evidence Explorer project"

// TrustFolder is the system-wide folder of trusted keys, one minisign public key file
// each, which only an administrator can write. A variable only so tests can point it at a
// folder of their own: no flag or environment variable changes it, so a user cannot add
// trust without those rights.
var TrustFolder = systemTrustFolder()

func systemTrustFolder() string {
	switch runtime.GOOS {
	case "windows":
		dir := os.Getenv("ProgramData")
		if dir == "" {
			dir = `C:\ProgramData`
		}
		return filepath.Join(dir, "Ketamine Evidence Explorer", "trusted-keys")
	case "darwin":
		return "/Library/Application Support/Ketamine Evidence Explorer/trusted-keys"
	}
	return "/etc/ketamine-explorer/trusted-keys"
}

// Key is a trusted public key and whom it stands for.
type Key struct {
	signing.PublicKey
	Signer string // "the Ketamine Evidence Explorer project", or the organisation its file names
	File   string // the key file it was read from ("" for the built-in key)
}

// Trust is the set of keys a release may be signed by, and what was wrong with any key
// file that was left out (a file of garbage, an unreadable folder): trust is never added by
// a file that is not a key, and the built-in key is always there.
type Trust struct {
	Keys     []Key
	Problems []string
}

// projectKey is the built-in release key.
func projectKey() Key {
	pk, err := signing.ParsePublicKey(resources.ReleaseKey)
	if err != nil {
		panic("the built-in release key is not a minisign public key: " + err.Error()) // a build defect, caught by every test
	}
	return Key{PublicKey: pk, Signer: ProjectSigner}
}

// LoadTrust reads the built-in key and every key file in TrustFolder (a missing folder
// adds none).
func LoadTrust() Trust {
	t := Trust{Keys: []Key{projectKey()}}
	entries, err := os.ReadDir(TrustFolder)
	if errors.Is(err, os.ErrNotExist) {
		return t
	}
	if err != nil {
		t.Problems = append(t.Problems, fmt.Sprintf("the trusted-keys folder %s cannot be read (%v): only the project's own key is trusted", TrustFolder, err))
		return t
	}
	for _, e := range entries {
		p := filepath.Join(TrustFolder, e.Name())
		st, err := os.Stat(p) // a link is followed, to a file only
		if err != nil || !st.Mode().IsRegular() || st.Size() > 4096 {
			if !strings.HasPrefix(e.Name(), ".") {
				t.Problems = append(t.Problems, fmt.Sprintf("%s is not a key file (a folder, a device or too large): left out", p))
			}
			continue
		}
		text, err := os.ReadFile(p)
		if err != nil {
			t.Problems = append(t.Problems, fmt.Sprintf("%s cannot be read (%v): left out", p, err))
			continue
		}
		pk, err := signing.ParsePublicKey(string(text))
		if err != nil {
			t.Problems = append(t.Problems, fmt.Sprintf("%s: %v: left out", p, err))
			continue
		}
		if slices.ContainsFunc(t.Keys, func(k Key) bool { return k.ID == pk.ID }) {
			continue // the same key twice (or the project's own, placed again)
		}
		t.Keys = append(t.Keys, Key{PublicKey: pk, Signer: signerName(pk), File: p})
	}
	return t
}

// signerName is whom an organisation's key stands for: its file's comment line, unless
// that is minisign's default ("minisign public key ID"), which names no one.
func signerName(pk signing.PublicKey) string {
	name := strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return -1
		}
		return r
	}, pk.Comment)
	if len([]rune(name)) > 80 {
		name = string([]rune(name)[:80]) + "…"
	}
	if name == "" || strings.HasPrefix(name, "minisign public key") {
		return "the holder of key " + pk.ID.String()
	}
	return name
}

// public is the keys as the signing package takes them.
func (t Trust) public() []signing.PublicKey {
	out := make([]signing.PublicKey, len(t.Keys))
	for i, k := range t.Keys {
		out[i] = k.PublicKey
	}
	return out
}

// key is the trusted key with id.
func (t Trust) key(id signing.KeyID) Key {
	for _, k := range t.Keys {
		if k.ID == id {
			return k
		}
	}
	return Key{}
}
