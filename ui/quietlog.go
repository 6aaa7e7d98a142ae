package ui

import (
	"io"
	"strings"
)

// quietLog passes the log through but for Fyne's report that a file dialog found no
// standard folder (Videos, Music…) to offer: printed, with its cause and place, on every
// file dialog of a system without one, where it is not an error.
type quietLog struct {
	w        io.Writer
	dropping bool // the lines of a dropped report follow
}

func (q *quietLog) Write(b []byte) (int, error) {
	s := string(b)
	switch {
	case strings.Contains(s, "Fyne error:  Getting favorite locations"):
		q.dropping = true
	case q.dropping && (strings.Contains(s, "  Cause: ") || strings.Contains(s, "  At: ")):
	default:
		q.dropping = false
		return q.w.Write(b)
	}
	return len(b), nil
}
