package ui

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"

	"ketamine-explorer/atomicfile"
)

// SettingsFileName is the window's settings file, kept beside the user database.
const SettingsFileName = "settings.json"

// settings are the window's own choices kept between runs: the collapsed header and the
// presenter's zoom for each screen size. They are written by the app whole or not at all:
// Fyne's preferences file is rewritten in place, and a second window starting while the
// first wrote it read it cut ("Preferences load error: EOF").
type settings struct {
	path    string             // "": kept for this run only
	Compact bool               `json:"compact_header"`
	Zoom    map[string]float64 `json:"presenter_zoom,omitempty"` // by screen size, "1024x768"
}

// loadSettings reads the settings file; a missing or damaged one gives the defaults (a
// damaged one is written over only when a setting changes).
func loadSettings(path string) *settings {
	s := &settings{path: path}
	if path != "" {
		if b, err := os.ReadFile(path); err == nil {
			json.Unmarshal(b, s)
		}
	}
	return s
}

// save keeps the settings; a failure to write them costs only this run's choices, so it
// is logged, not put in front of a presenter.
func (s *settings) save() {
	if s.path == "" {
		return
	}
	os.MkdirAll(filepath.Dir(s.path), 0o700)
	err := atomicfile.Write(s.path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(s)
	})
	if err != nil {
		fyne.LogError("saving the window's settings", err)
	}
}
