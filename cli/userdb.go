package cli

import (
	"os"
	"path/filepath"
	"runtime"

	"ketamine-explorer/data"
	"ketamine-explorer/ui"
)

// userDBEnv overrides where imported studies are kept (a portable install, a test).
const userDBEnv = "KETAMINE_EXPLORER_USER_DB"

// defaultUserDB is the user database inside Fyne's per-user storage folder for the app,
// the same folder the window's preferences live in (a test holds the two together).
func defaultUserDB() string {
	if p := os.Getenv(userDBEnv); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	var root string
	switch runtime.GOOS {
	case "windows":
		root = filepath.Join(home, "AppData", "Roaming")
	case "darwin":
		root = filepath.Join(home, "Library", "Preferences")
	default:
		root, _ = os.UserConfigDir()
	}
	return filepath.Join(root, "fyne", ui.AppID, data.UserFileName)
}
