package ui

import (
	"os"
	"testing"
)

// TestMain keeps the list of evidence files checked once out of the user's cache folder.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kee-ui-cache-")
	if err != nil {
		panic(err)
	}
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
