// Package resources holds the files bundled into the binary, the evidence database and
// the app icon, and opens the bundled evidence.
package resources

import (
	_ "embed"

	"ketamine-explorer/data"
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

// OpenEvidence opens the bundled evidence database (read-only, in memory).
func OpenEvidence() (*data.Store, error) { return data.OpenBytes(EvidenceDB, EvidenceName) }
