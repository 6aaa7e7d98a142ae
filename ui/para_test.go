package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestWrapWordsKeepsEveryWordWithinTheWidth(t *testing.T) {
	measure := func(s string) float32 { return float32(len([]rune(s))) } // one unit a character
	text := "IV ketamine 0.5 mg/kg   over 40 minutes; https://doi.org/10.1176/appi.ajp.2018.18020138 and"
	lines := wrapWords(text, 20, measure)
	for _, l := range lines {
		if measure(l) > 20 {
			t.Errorf("line %q is wider than 20", l)
		}
	}
	if got, want := strings.Join(lines, ""), strings.ReplaceAll(strings.Join(strings.Fields(text), " "), " ", ""); strings.ReplaceAll(got, " ", "") != want {
		t.Errorf("the lines %q lost or changed text", lines)
	}
	if lines[0] != "IV ketamine 0.5" {
		t.Errorf("first line %q: a line takes the words that fit", lines[0])
	}
	if got := wrapWords(text, 0, measure); len(got) != 1 {
		t.Errorf("no width yet gives %d lines, want one", len(got))
	}
}

// A para wraps as a Label does: narrower means taller, and the text is all there.
func TestParaWrapsLikeALabel(t *testing.T) {
	text := strings.Repeat("Esketamine nasal spray with an oral antidepressant. ", 12)
	p := newPara(text, fyne.TextStyle{}, widget.MediumImportance)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	w := test.NewWindow(container.NewGridWithColumns(2, p, l))
	defer w.Close()
	heights := map[float32][2]float32{}
	for _, width := range []float32{1200, 500} {
		w.Resize(fyne.NewSize(width, 1000))
		p.Resize(fyne.NewSize(width/2, p.MinSize().Height))
		l.Resize(fyne.NewSize(width/2, l.MinSize().Height))
		heights[width] = [2]float32{p.MinSize().Height, l.MinSize().Height}
	}
	if heights[500][0] <= heights[1200][0] {
		t.Errorf("para heights %v: narrower is not taller", heights)
	}
	for width, h := range heights {
		if d := h[0] - h[1]; d > h[1]/5 || d < -h[1]/5 {
			t.Errorf("at %v wide the para is %v tall and a Label %v", width, h[0], h[1])
		}
	}
	var got strings.Builder
	walk(p, func(o fyne.CanvasObject) {
		if l, ok := o.(*canvas.Text); ok {
			got.WriteString(l.Text + " ")
		}
	})
	if strings.Join(strings.Fields(got.String()), " ") != strings.TrimSpace(text) {
		t.Errorf("the para draws %q", got.String())
	}
}
