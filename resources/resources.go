// Package resources holds the files bundled into the binary: the evidence database and
// the app icon.
package resources

import _ "embed"

// EvidenceDB is the bundled evidence database, built from data/evidence by `make db`.
//
//go:embed evidence.sqlite
var EvidenceDB []byte

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte
