package ui

import (
	"os"
	"path/filepath"
	"testing"

	"ketamine-explorer/releases"
)

// TestMain keeps the list of evidence files checked once out of the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kee-ui-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	releases.TrustFolder = filepath.Join(dir, "trusted-keys") // the tests' own, never the system's
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
