// Package safecsv is the one CSV writer of the app: every cell a spreadsheet would run as
// a formula (one that begins with =, +, -, @, a tab or a carriage return, as OWASP's advice
// on CSV injection lists them) is written with a leading apostrophe, so it opens as text;
// a number ("-3.8") stays a number. Text from a database or a CSV file reaches every
// export, so no cell is written any other way.
package safecsv

import (
	"encoding/csv"
	"io"
	"regexp"
	"strings"
)

// Writer is a csv.Writer whose every cell is made inert.
type Writer struct{ *csv.Writer }

// NewWriter writes CSV to w.
func NewWriter(w io.Writer) *Writer { return &Writer{csv.NewWriter(w)} }

// Write writes one row, each cell made inert.
func (w *Writer) Write(row []string) error {
	cells := make([]string, len(row))
	for i, c := range row {
		cells[i] = Cell(c)
	}
	return w.Writer.Write(cells)
}

var number = regexp.MustCompile(`^[-+]?[0-9]+(\.[0-9]+)?$`)

// Cell is a cell a spreadsheet takes as text or a number, never as a formula.
func Cell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || number.MatchString(s) {
		return s
	}
	return "'" + s
}
