// Package talks keeps a presenter's talks: the one being built and those saved by name, in
// one file in the user's storage, written whole or not at all. The window and the CLI read
// the same file.
package talks

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/slides"
)

// FileName is the talks file, kept beside the user database.
const FileName = "talks.json"

// Talk is a presenter's chosen slides, in order.
type Talk struct {
	Name   string        `json:"name"`
	Slides []slides.Pick `json:"slides"`
}

// Book is every talk a user keeps: the one being built and the saved ones, by name.
type Book struct {
	Current Talk   `json:"current"`
	Saved   []Talk `json:"saved"`
}

// Find is the saved talk of that name (case and surrounding spaces aside).
func (b Book) Find(name string) (Talk, bool) {
	i := slices.IndexFunc(b.Saved, func(t Talk) bool { return same(t.Name, name) })
	if i < 0 {
		return Talk{}, false
	}
	return b.Saved[i], true
}

// Keep saves t under its name, replacing a talk of the same name.
func (b *Book) Keep(t Talk) error {
	t.Name = strings.TrimSpace(t.Name)
	if t.Name == "" {
		return errors.New("a talk needs a name to be saved")
	}
	t.Slides = slices.Clone(t.Slides)
	if i := slices.IndexFunc(b.Saved, func(o Talk) bool { return same(o.Name, t.Name) }); i >= 0 {
		b.Saved[i] = t
	} else {
		b.Saved = append(b.Saved, t)
	}
	return nil
}

// Remove forgets the saved talk of that name.
func (b *Book) Remove(name string) {
	b.Saved = slices.DeleteFunc(b.Saved, func(t Talk) bool { return same(t.Name, name) })
}

func same(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// Names lists the saved talks' names, in the order saved.
func (b Book) Names() []string {
	out := make([]string, len(b.Saved))
	for i, t := range b.Saved {
		out[i] = t.Name
	}
	return out
}

// Load reads the talks file; a missing file is an empty book. A file that does not parse
// is an error naming it, and is left as it is for the user to mend or remove.
func Load(path string) (Book, error) {
	var b Book
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return b, fmt.Errorf("reading the talks in %s: %w", path, err)
	}
	if err := json.Unmarshal(raw, &b); err != nil {
		return Book{}, fmt.Errorf("the talks file %s is damaged (%v): move it away to start again", path, err)
	}
	return b, nil
}

// Save writes the book, whole or not at all.
func Save(path string, b Book) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("saving talks: %w", err)
	}
	err := atomicfile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(b)
	})
	if err != nil {
		return fmt.Errorf("saving talks in %s: %w", path, err)
	}
	return nil
}
