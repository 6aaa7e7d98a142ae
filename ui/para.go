package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

// para is word-wrapped, read-only text that is cheap to lay out. A Label that wraps finds
// each line by shaping ever shorter prefixes of its whole text, again at every width it is
// given, and that was most of what building a page cost; a para measures each word once
// (Fyne keeps the measurement, so a word seen on another card costs nothing) and fills its
// lines greedily. It looks as a Label does: same padding, font, size and colours.
type para struct {
	widget.BaseWidget
	text       string
	style      fyne.TextStyle
	importance widget.Importance
	sizeName   fyne.ThemeSizeName // the theme's text size unless set
}

// newPara is a para of text, cut to what a page shows (see shownLimit).
func newPara(text string, style fyne.TextStyle, importance widget.Importance) *para {
	p := &para{}
	p.init(text, style, importance)
	p.ExtendBaseWidget(p)
	return p
}

func (p *para) init(text string, style fyne.TextStyle, importance widget.Importance) {
	p.text, p.style, p.importance, p.sizeName = domain.Clip(text, shownLimit), style, importance, theme.SizeNameText
}

func (p *para) CreateRenderer() fyne.WidgetRenderer {
	return &paraRenderer{p: p, width: -1}
}

type paraRenderer struct {
	p      *para
	width  float32 // the width the lines were broken for
	size   float32 // and the text size
	lines  []*canvas.Text
	height float32 // of the lines, padding included
}

func (r *paraRenderer) Destroy() {}

func (r *paraRenderer) Objects() []fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.lines))
	for i, l := range r.lines {
		objs[i] = l
	}
	return objs
}

// MinSize is as narrow as a wrapped Label's and as tall as the lines at the width given
// last: a parent lays it out again when a new width changes that.
func (r *paraRenderer) MinSize() fyne.Size {
	th := r.p.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	r.breakLines(r.p.Size().Width, th)
	return fyne.NewSize(2*pad, r.height)
}

func (r *paraRenderer) Layout(size fyne.Size) {
	th := r.p.Theme()
	pad := th.Size(theme.SizeNameInnerPadding)
	if r.breakLines(size.Width, th) {
		canvas.Refresh(r.p) // taller or shorter: the next frame lays the parent out again
	}
	y := pad
	for _, l := range r.lines {
		h := l.MinSize().Height
		l.Move(fyne.NewPos(pad, y))
		l.Resize(fyne.NewSize(size.Width-2*pad, h))
		y += h
	}
}

func (r *paraRenderer) Refresh() {
	th := r.p.Theme()
	r.breakLines(r.p.Size().Width, th)
	c := th.Color(importanceColor(r.p.importance), fyne.CurrentApp().Settings().ThemeVariant())
	for _, l := range r.lines {
		l.Color = c
		l.Refresh()
	}
	r.Layout(r.p.Size())
}

// breakLines fills the lines for width (a width not known yet gives one line), and says
// whether their number changed.
func (r *paraRenderer) breakLines(width float32, th fyne.Theme) bool {
	size := th.Size(r.p.sizeName)
	if width == r.width && size == r.size {
		return false
	}
	r.width, r.size = width, size
	pad := th.Size(theme.SizeNameInnerPadding)
	var texts []string
	for _, par := range strings.Split(r.p.text, "\n") {
		texts = append(texts, wrapWords(par, width-2*pad, func(s string) float32 {
			return fyne.MeasureText(s, size, r.p.style).Width
		})...)
	}
	before := len(r.lines)
	c := th.Color(importanceColor(r.p.importance), fyne.CurrentApp().Settings().ThemeVariant())
	for len(r.lines) < len(texts) {
		t := canvas.NewText("", c)
		t.TextStyle = r.p.style
		r.lines = append(r.lines, t)
	}
	r.lines = r.lines[:len(texts)]
	r.height = 2 * pad
	for i, s := range texts {
		r.lines[i].Text, r.lines[i].TextSize = s, size
		r.height += r.lines[i].MinSize().Height
	}
	return before != len(texts)
}

// measureAhead is pieces (see builder) that measure text's words, a few dozen each, as a
// para in that style and size will: laying the para out then finds them measured. A theme
// change empties Fyne's measurements, and a long line measured anew in one go took a frame.
func measureAhead(text string, style fyne.TextStyle, sizeName fyne.ThemeSizeName) []func() {
	const perPiece = 30
	words := strings.Fields(text)
	var fns []func()
	for len(words) > 0 {
		chunk := words[:min(perPiece, len(words))]
		words = words[len(chunk):]
		fns = append(fns, func() {
			size := fyne.CurrentApp().Settings().Theme().Size(sizeName)
			for _, w := range chunk {
				fyne.MeasureText(w, size, style)
			}
		})
	}
	return fns
}

// wrapWords breaks text into lines no wider than width, as measured by measure, at
// spaces; a word wider than a line is broken where it has to be.
func wrapWords(text string, width float32, measure func(string) float32) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{""}
	}
	if width <= 0 {
		return []string{strings.Join(words, " ")}
	}
	space := measure(" ")
	var lines []string
	line, lineW := "", float32(0)
	for _, w := range words {
		ww := measure(w)
		switch {
		case line == "":
		case lineW+space+ww <= width:
			line, lineW = line+" "+w, lineW+space+ww
			continue
		default:
			lines = append(lines, line)
		}
		for ww > width && len([]rune(w)) > 1 {
			head := fitPrefix(w, width, measure)
			lines = append(lines, head)
			w = w[len(head):]
			ww = measure(w)
		}
		line, lineW = w, ww
	}
	return append(lines, line)
}

// fitPrefix is the longest start of word (one character at least) no wider than width.
func fitPrefix(word string, width float32, measure func(string) float32) string {
	runes := []rune(word)
	lo, hi := 1, len(runes)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if measure(string(runes[:mid])) <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(runes[:lo])
}

// importanceColor is the colour a Label of that importance is drawn in.
func importanceColor(i widget.Importance) fyne.ThemeColorName {
	switch i {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameForeground
}
