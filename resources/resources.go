// Package resources holds the files bundled into the binary, the evidence database and
// the app icon. It holds bytes only: the evidence package opens them.
package resources

import (
	_ "embed"
)

// EvidenceDB is the bundled evidence database, built from data/evidence by `make db`.
//
//go:embed evidence.sqlite
var EvidenceDB []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// EvidenceName is the name the bundled evidence goes by in titles, About and errors.
const EvidenceName = "bundled evidence"

// ReleaseKey is the project's release public key (minisign): evidence updates signed with
// its secret key, which is never in the repository, are trusted by every installed app.
//
//go:embed release.pub
var ReleaseKey string
