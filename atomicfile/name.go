package atomicfile

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Name is text made fit to be part of a file name: lower-case ASCII letters, digits and
// single dashes, cut to at most limit bytes at a word's end. Text that reaches a file name
// from a database, a CSV or a talk's title goes through it, so it can name nothing but a
// file ("../..", a drive, a device or a control character become dashes or nothing).
func Name(text string, limit int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(text) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > limit { // whole words, to keep names short enough to read
		s = s[:limit]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// Within is the path of the file called name directly in dir. A name that is empty, "." or
// "..", or holds a separator, is refused: every file the app writes into a chosen folder
// goes through it, so none can land outside that folder.
func Within(dir, name string) (string, error) {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\:`+"\x00") || filepath.Base(name) != name {
		return "", fmt.Errorf("%q cannot be the name of a file in %s", name, dir)
	}
	return filepath.Join(dir, name), nil
}
