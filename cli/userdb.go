package cli

import (
	"os"
	"path/filepath"
	"runtime"

	"ketamine-explorer/data"
	"ketamine-explorer/evidence"
	"ketamine-explorer/ui"
)

// userDBEnv overrides where imported studies are kept (a portable install, a test).
const userDBEnv = evidence.UserDBEnv

// defaultUserDB is the user database inside Fyne's per-user storage folder for the app,
// the same folder the window's preferences live in (a test holds the two together).
// With no per-user storage (HOME unset, no config folder) it is "": there is nowhere to
// keep imports, never the current folder, where an import would be lost from any other.
func defaultUserDB() string {
	if p := os.Getenv(userDBEnv); p != "" {
		return p
	}
	home, herr := os.UserHomeDir()
	var root string
	switch runtime.GOOS {
	case "windows":
		root = filepath.Join(home, "AppData", "Roaming")
	case "darwin":
		root = filepath.Join(home, "Library", "Preferences")
	default:
		root, herr = os.UserConfigDir()
	}
	if herr != nil || !filepath.IsAbs(root) {
		return ""
	}
	return filepath.Join(root, "fyne", ui.AppID, data.UserFileName)
}
