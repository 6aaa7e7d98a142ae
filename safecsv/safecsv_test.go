package safecsv_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"ketamine-explorer/safecsv"
)

// Every cell a spreadsheet would run opens as text; numbers and plain text are kept as they are.
func TestNoCellRunsAsAFormula(t *testing.T) {
	row := []string{`=HYPERLINK("http://x","click")`, "@SUM(A1:A9)", "+1+cmd|' /C calc'!A0", "-2+3", "\tx", "\rx", "-3.8", "+12", "0.5", "plain", ""}
	want := []string{`'=HYPERLINK("http://x","click")`, "'@SUM(A1:A9)", "'+1+cmd|' /C calc'!A0", "'-2+3", "'\tx", "'\rx", "-3.8", "+12", "0.5", "plain", ""}
	var b bytes.Buffer
	w := safecsv.NewWriter(&b)
	if err := w.Write(row); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	got, err := csv.NewReader(&b).Read()
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("cell %d: %q, want %q", i, got[i], want[i])
		}
	}
}
