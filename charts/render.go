package charts

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	xfont "golang.org/x/image/font"
)

// Palette is the figure's colours apart from the series: the UI passes its theme's.
type Palette struct {
	Background, Text, Muted, Grid color.Color
}

// Light is the palette for exports and light themes.
var Light = Palette{
	Background: color.White,
	Text:       color.RGBA{0x11, 0x11, 0x11, 0xff},
	Muted:      color.RGBA{0x44, 0x44, 0x44, 0xff},
	Grid:       color.RGBA{0xd0, 0xd0, 0xd0, 0xff},
}

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
var seriesColors = map[Series]color.RGBA{
	Racemic:    {0x00, 0x72, 0xb2, 0xff},
	Esketamine: {0xe6, 0x9f, 0x00, 0xff},
	Arketamine: {0x00, 0x9e, 0x73, 0xff},
	Ketamine:   {0x56, 0xb4, 0xe9, 0xff},
	Comparator: {0x8c, 0x8c, 0x8c, 0xff},
}

// Options say how to draw: Scale is device pixels per logical pixel (2 on a HiDPI screen
// or a 4K export); zero picks one from the width.
type Options struct {
	Scale   float64
	Palette Palette
	// Natural draws at Scale from the top, not grown to fill a taller canvas: a window
	// page's chart, whose cell is as tall as its row's tallest chart.
	Natural bool
}

// DesignWidth is the width in pixels a figure's type sizes are designed for: a wider
// canvas scales them with it.
const DesignWidth = 960

func (o Options) withDefaults(w int) Options {
	if o.Scale <= 0 {
		o.Scale = math.Max(1, float64(w)/DesignWidth)
	}
	if o.Palette.Background == nil {
		o.Palette = Light
	}
	return o
}

// Image draws the figure at w by h pixels.
func Image(f Figure, w, h int, opt Options) (*image.RGBA, error) {
	r, err := chart.PNG(w, h)
	if err != nil {
		return nil, err
	}
	if err := draw(r, false, f, w, h, opt.withDefaults(w)); err != nil {
		return nil, err
	}
	var c collector
	if err := r.Save(&c); err != nil {
		return nil, err
	}
	return c.img, nil
}

// PNG draws the figure as PNG bytes, compressed for speed: a chart is flat colour, which
// the fastest deflate level packs nearly as well.
func PNG(f Figure, w, h int, opt Options) ([]byte, error) {
	img, err := Image(f, w, h, opt)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	err = enc.Encode(&b, img)
	return b.Bytes(), err
}

// SVG draws the figure as an SVG document.
func SVG(f Figure, w, h int, opt Options) ([]byte, error) {
	r, err := chart.SVG(w, h)
	if err != nil {
		return nil, err
	}
	if err := draw(r, true, f, w, h, opt.withDefaults(w)); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = r.Save(&b)
	return b.Bytes(), err
}

// PreferredHeight is the height in logical pixels the figure needs at a logical width,
// so a layout can give each chart room for all its rows.
func PreferredHeight(f Figure, width int) int {
	r, err := chart.PNG(1, 1)
	if err != nil {
		return 400
	}
	p := newPainter(r, false, Options{Scale: 1, Palette: Light})
	return int(math.Ceil(p.layout(drawable(f), float64(width)).height))
}

type collector struct{ img *image.RGBA }

func (c *collector) SetRGBA(i *image.RGBA) { c.img = i }
func (c *collector) Write(p []byte) (int, error) {
	return 0, fmt.Errorf("collector takes images only")
}

// font is parsed the first time a chart is drawn, not at start-up.
var font = sync.OnceValue(func() *truetype.Font {
	f, err := chart.GetDefaultFont()
	if err != nil {
		panic("charts: the bundled font does not parse: " + err.Error())
	}
	return f
})

type painter struct {
	r   chart.Renderer
	svg bool
	s   float64
	pal Palette
	top float64 // room above the figure, centring one that cannot grow to fill its canvas
	// points is the font size set; faces measure an SVG's text, one per size: go-chart's
	// SVG renderer makes a new face, and its glyph cache, for every text it measures (two
	// fifths of an export's time)
	points float64
	faces  map[float64]xfont.Face
}

const dpi = 96

func newPainter(r chart.Renderer, svg bool, opt Options) *painter {
	r.SetDPI(dpi)
	return &painter{r: r, svg: svg, s: opt.Scale, pal: opt.Palette, faces: map[float64]xfont.Face{}}
}

func col(c color.Color) drawing.Color {
	r, g, b, a := c.RGBA()
	return drawing.Color{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 8)}
}

// font sizes and spacing in logical pixels
const (
	titleSize   = 17
	textSize    = 13
	smallSize   = 11.5
	pad         = 14
	lineSpacing = 1.3
)

func (p *painter) setFont(px float64, c color.Color) {
	p.r.ResetStyle()
	p.r.SetFont(font())
	p.points = px * p.s * 72 / dpi
	p.r.SetFontSize(p.points)
	p.r.SetFontColor(col(c))
}

// width is how wide text is drawn in the font set, in pixels, as the renderer measures it
// (for SVG, as go-chart's SVG renderer does, with a face kept per size).
func (p *painter) width(text string) float64 {
	if !p.svg {
		return float64(p.r.MeasureText(text).Width())
	}
	face, ok := p.faces[p.points]
	if !ok {
		face = truetype.NewFace(font(), &truetype.Options{DPI: dpi, Size: p.points})
		p.faces[p.points] = face
	}
	return float64(xfont.MeasureString(face, text).Ceil())
}

func (p *painter) text(text string, x, y float64) {
	if p.svg {
		text = html.EscapeString(text)
	}
	p.r.Text(text, int(math.Round(x)), int(math.Round(y)))
}

// wrap breaks text into lines no wider than max pixels, at spaces.
func (p *painter) wrap(text string, max float64) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + word)
		if line != "" && p.width(try) > max {
			lines = append(lines, line)
			line = word
		} else {
			line = try
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

func (p *painter) rect(x0, y0, x1, y1 float64, c color.Color) {
	p.r.ResetStyle()
	p.r.SetFillColor(col(c))
	p.box(x0, y0, x1, y1)
	p.r.Fill()
}

// box traces a rectangle's outline, to fill or stroke.
func (p *painter) box(x0, y0, x1, y1 float64) {
	p.r.MoveTo(int(x0), int(y0))
	p.r.LineTo(int(x1), int(y0))
	p.r.LineTo(int(x1), int(y1))
	p.r.LineTo(int(x0), int(y1))
	p.r.Close()
}

// mark is a coloured shape outlined in the text colour: some palette colours (orange, sky
// blue) are too light against white alone, and the outline gives every mark the 3:1
// contrast WCAG asks of graphics.
func (p *painter) mark(x0, y0, x1, y1 float64, c color.Color) {
	p.r.ResetStyle()
	p.r.SetFillColor(col(c))
	p.r.SetStrokeColor(col(p.pal.Text))
	p.r.SetStrokeWidth(math.Max(1, p.s))
	p.box(x0, y0, x1, y1)
	p.r.FillStroke()
}

func (p *painter) line(x0, y0, x1, y1, width float64, c color.Color, dash bool) {
	p.r.ResetStyle()
	p.r.SetStrokeColor(col(c))
	p.r.SetStrokeWidth(math.Max(1, width*p.s))
	if dash {
		p.r.SetStrokeDashArray([]float64{5 * p.s, 4 * p.s})
	}
	p.r.MoveTo(int(x0), int(y0))
	p.r.LineTo(int(x1), int(y1))
	p.r.Stroke()
}

func (p *painter) dot(x, y, radius float64, c color.Color) {
	p.r.ResetStyle()
	p.r.SetFillColor(col(c))
	p.r.SetStrokeColor(col(p.pal.Text))
	p.r.SetStrokeWidth(math.Max(1, p.s))
	p.r.Circle(radius*p.s, int(x), int(y))
	p.r.FillStroke()
}

// plan is a laid-out figure: wrapped texts and the y of every row, for a given width.
type plan struct {
	title, subtitle, caption []string
	groups                   []plannedGroup
	height                   float64
	labelW, plotX0, plotX1   float64
	axisY                    float64
	favours                  [2]string // under the axis: what each side favours
	favoursLines             int       // 1, or 2 when the two do not fit side by side
}

type plannedGroup struct {
	title []string
	y     float64
	rows  []plannedRow
}

type plannedRow struct {
	row          Row
	label, value []string
	y, h         float64
}

func (p *painter) lineH(size float64) float64 { return size * p.s * lineSpacing }

func (p *painter) layout(f Figure, w float64) plan {
	s := p.s
	var pl plan
	inner := w - 2*pad*s
	pl.labelW = inner * 0.34
	valueW := inner * 0.26
	pl.plotX0 = pad*s + pl.labelW + 8*s
	pl.plotX1 = w - pad*s - valueW - 8*s
	y := pad*s + p.top
	p.setFont(titleSize, p.pal.Text)
	pl.title = p.wrap(f.Title, inner)
	y += float64(len(pl.title)) * p.lineH(titleSize)
	p.setFont(smallSize, p.pal.Muted)
	pl.subtitle = p.wrap(f.Subtitle, inner)
	y += float64(len(pl.subtitle))*p.lineH(smallSize) + 8*s
	for _, g := range f.Groups {
		p.setFont(textSize, p.pal.Text)
		pg := plannedGroup{title: p.wrap(g.Title, inner), y: y}
		y += float64(len(pg.title))*p.lineH(textSize) + 2*s
		for _, r := range g.Rows {
			p.setFont(textSize, p.pal.Text)
			pr := plannedRow{row: r, label: p.wrap(r.Label, pl.labelW-14*s), value: p.wrap(r.ValueText, valueW), y: y}
			n := math.Max(float64(len(pr.label)), float64(len(pr.value)))
			pr.h = math.Max(n*p.lineH(textSize), 22*s) + 4*s
			y += pr.h
			pg.rows = append(pg.rows, pr)
		}
		y += 6 * s
		pl.groups = append(pl.groups, pg)
	}
	pl.axisY = y
	y += 4*s + p.lineH(smallSize)*2 + 6*s // ticks and axis label
	if f.Axis.FavoursBelow != "" {
		// each end of the axis says which arm its side favours, so no reader has to know
		// the sign convention of the measure
		pl.favours = [2]string{"favours " + f.Axis.FavoursBelow, "favours " + f.Axis.FavoursAbove}
		p.setFont(smallSize, p.pal.Text)
		pl.favoursLines = 1
		if p.width(pl.favours[0])+p.width(pl.favours[1])+24*s > pl.plotX1-pl.plotX0 {
			pl.favoursLines = 2
		}
		y += p.lineH(smallSize) * 1.2 * float64(pl.favoursLines)
	}
	p.setFont(smallSize, p.pal.Muted)
	pl.caption = p.wrap(f.Caption, inner)
	y += float64(len(pl.caption))*p.lineH(smallSize) + pad*s
	pl.height = y
	return pl
}

// maxGrow is how much larger than its natural size a figure is drawn to fill a canvas
// taller than it needs (a 1920x1080 export or slide of a two-row chart): type and rows
// grow with it, so a small chart fills the slide without turning into a poster.
const maxGrow = 2.5

// fit lays f out to fill w by h: shrunk when it needs more height, grown (up to maxGrow)
// when it needs less, so a canvas of a given size is filled rather than left mostly
// blank. A raster figure is first made drawable, and that figure is returned.
func fit(r chart.Renderer, svg bool, f Figure, w, h int, opt Options) (*painter, plan, Figure) {
	if !svg {
		f = drawable(f)
	}
	p := newPainter(r, svg, opt)
	pl := p.layout(f, float64(w))
	switch {
	case pl.height > float64(h):
		// the largest scale that fits: smaller type wraps into fewer lines, so the height
		// falls faster than the scale and one proportional step would leave the figure far
		// smaller than its canvas (a thumbnail on a slide)
		lo, hi := p.s*float64(h)/pl.height, p.s
		p.s = lo
		pl = p.layout(f, float64(w))
		for i := 0; i < 6 && pl.height < 0.95*float64(h); i++ { // within 5% of the canvas is full
			p.s = (lo + hi) / 2
			if next := p.layout(f, float64(w)); next.height <= float64(h) {
				lo, pl = p.s, next
			} else {
				hi = p.s
			}
		}
		p.s = lo
		pl = p.layout(f, float64(w))
	case pl.height < float64(h)*0.95 && !opt.Natural:
		// height grows with scale, a little faster than in proportion (longer lines wrap
		// more): scale by the room left, then back off until it fits
		p.s *= math.Min(maxGrow, float64(h)/pl.height)
		pl = p.layout(f, float64(w))
		for i := 0; i < 4 && pl.height > float64(h); i++ {
			p.s *= 0.98 * float64(h) / pl.height
			pl = p.layout(f, float64(w))
		}
		if room := float64(h) - pl.height; room > 0 {
			p.top = room / 2
			pl = p.layout(f, float64(w))
		}
	}
	return p, pl, f
}

// MissingGlyphsNote ends the caption of a chart drawn with "?" for characters its font
// lacks.
const MissingGlyphsNote = "Characters this chart's font cannot draw (such as emoji, or Arabic, Hebrew or CJK script) show as ?; the window's source view, the SVG export and the CSV show them as written."

// drawable is f with each character the bundled font cannot draw replaced by "?", and
// MissingGlyphsNote added to its caption when there was one: a raster chart would
// otherwise draw empty boxes where a reader expects a name. (An SVG keeps the text: the
// viewer's fonts draw it.)
func drawable(f Figure) Figure {
	fnt := font()
	missing := false
	fix := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) || fnt.Index(r) != 0 {
				return r
			}
			missing = true
			return '?'
		}, s)
	}
	f.Title, f.Subtitle, f.Caption = fix(f.Title), fix(f.Subtitle), fix(f.Caption)
	f.Axis.Label, f.Axis.FavoursBelow, f.Axis.FavoursAbove = fix(f.Axis.Label), fix(f.Axis.FavoursBelow), fix(f.Axis.FavoursAbove)
	groups := make([]Group, len(f.Groups))
	for i, g := range f.Groups {
		groups[i] = Group{Title: fix(g.Title), Rows: make([]Row, len(g.Rows))}
		for j, r := range g.Rows {
			r.Label, r.ValueText = fix(r.Label), fix(r.ValueText)
			groups[i].Rows[j] = r
		}
	}
	f.Groups = groups
	if missing {
		f.Caption += " " + MissingGlyphsNote
	}
	return f
}

// TextPixels is how many pixels high the figure's row text is drawn on a w by h canvas:
// what a projector test holds against a minimum.
func TextPixels(f Figure, w, h int, opt Options) float64 {
	r, err := chart.PNG(1, 1)
	if err != nil {
		return 0
	}
	p, _, _ := fit(r, false, f, w, h, opt.withDefaults(w))
	return textSize * p.s
}

// RowAt returns the row drawn at pixel (x, y) of the figure drawn at w by h with opt,
// so a click on a bar, a span or its label can open that number's source.
func RowAt(f Figure, w, h int, opt Options, x, y float64) (Row, bool) {
	r, err := chart.PNG(1, 1)
	if err != nil || x < 0 || x > float64(w) {
		return Row{}, false
	}
	_, pl, _ := fit(r, false, f, w, h, opt.withDefaults(w))
	for _, g := range pl.groups {
		for _, pr := range g.rows {
			if y >= pr.y && y < pr.y+pr.h {
				return pr.row, true
			}
		}
	}
	return Row{}, false
}

// draw lays the figure out and paints it.
func draw(r chart.Renderer, svg bool, f Figure, w, h int, opt Options) error {
	p, pl, f := fit(r, svg, f, w, h, opt)
	s := p.s
	p.rect(0, 0, float64(w), float64(h), p.pal.Background)
	x := pad * s
	y := pad*s + p.top
	p.setFont(titleSize, p.pal.Text)
	for _, l := range pl.title {
		y += p.lineH(titleSize)
		p.text(l, x, y-0.3*p.lineH(titleSize))
	}
	p.setFont(smallSize, p.pal.Muted)
	for _, l := range pl.subtitle {
		y += p.lineH(smallSize)
		p.text(l, x, y-0.25*p.lineH(smallSize))
	}
	ax := newScale(f.Axis, pl.plotX0, pl.plotX1)
	top := pl.axisY
	if len(pl.groups) > 0 {
		top = pl.groups[0].y
	}
	// grid and ticks
	for _, t := range f.Axis.Ticks() {
		xt := ax.x(t.Value)
		p.line(xt, top, xt, pl.axisY, 1, p.pal.Grid, false)
		p.setFont(smallSize, p.pal.Muted)
		p.text(t.Label, xt-p.width(t.Label)/2, pl.axisY+4*s+p.lineH(smallSize)*0.8)
	}
	p.line(pl.plotX0, pl.axisY, pl.plotX1, pl.axisY, 1.5, p.pal.Muted, false)
	p.setFont(smallSize, p.pal.Text)
	p.text(f.Axis.Label, (pl.plotX0+pl.plotX1)/2-p.width(f.Axis.Label)/2, pl.axisY+4*s+p.lineH(smallSize)*1.9)
	if pl.favoursLines > 0 {
		y := pl.axisY + 4*s + p.lineH(smallSize)*3.1
		p.setFont(smallSize, p.pal.Text)
		p.text(pl.favours[0], pl.plotX0, y)
		if pl.favoursLines == 2 {
			y += p.lineH(smallSize) * 1.2
		}
		p.text(pl.favours[1], pl.plotX1-p.width(pl.favours[1]), y)
	}
	if f.Axis.NoEffect != nil {
		xn := ax.x(*f.Axis.NoEffect)
		p.line(xn, top, xn, pl.axisY, 1.5, p.pal.Text, true)
	}
	if f.Kind == "bars" {
		p.line(ax.x(0), top, ax.x(0), pl.axisY, 1.5, p.pal.Muted, false) // bars start here; drawn before the group headings, which sit on top
	}
	for _, g := range pl.groups {
		p.setFont(textSize, p.pal.Text)
		gy := g.y
		for _, l := range g.title {
			gy += p.lineH(textSize)
			// the heading sits on a plain band so grid lines do not run through it
			p.rect(x, gy-p.lineH(textSize), x+p.width(l)+4*s, gy, p.pal.Background)
			p.setFont(textSize, p.pal.Text)
			p.text(l, x, gy-0.28*p.lineH(textSize))
		}
		for _, pr := range g.rows {
			p.drawRow(pr, ax, pl, w)
		}
	}
	p.setFont(smallSize, p.pal.Muted)
	cy := pl.axisY + 4*s + p.lineH(smallSize)*(2+1.2*float64(pl.favoursLines)) + 6*s
	for _, l := range pl.caption {
		cy += p.lineH(smallSize)
		p.text(l, x, cy-0.25*p.lineH(smallSize))
	}
	return nil
}

func (p *painter) seriesColor(sr Series) color.Color {
	if c, ok := seriesColors[sr]; ok {
		return c
	}
	return p.pal.Text
}

func (p *painter) drawRow(pr plannedRow, ax scale, pl plan, w int) {
	s := p.s
	mid := pr.y + pr.h/2
	c := p.seriesColor(pr.row.Series)
	// a small colour key before the label ties the label to its mark
	p.mark(pad*s, mid-4*s, pad*s+8*s, mid+4*s, c)
	p.setFont(textSize, p.pal.Text)
	lh := p.lineH(textSize)
	ly := mid - float64(len(pr.label))*lh/2
	for _, l := range pr.label {
		ly += lh
		p.text(l, pad*s+14*s, ly-0.28*lh)
	}
	vy := mid - float64(len(pr.value))*lh/2
	for _, l := range pr.value {
		vy += lh
		p.text(l, pl.plotX1+10*s, vy-0.28*lh)
	}
	r := pr.row
	half := 8 * s
	switch r.Shape {
	case Bar:
		p.mark(ax.x(0), mid-half, ax.x(r.Value), mid+half, c)
	case Span:
		p.mark(ax.x(r.Low), mid-half*0.6, ax.x(r.High), mid+half*0.6, c)
		p.line(ax.x(r.Low), mid-half, ax.x(r.Low), mid+half, 2, p.pal.Text, false)
		p.line(ax.x(r.High), mid-half, ax.x(r.High), mid+half, 2, p.pal.Text, false)
	case Estimate:
		if r.HasCI {
			p.line(ax.x(r.Low), mid, ax.x(r.High), mid, 2.5, p.pal.Text, false)
			p.line(ax.x(r.Low), mid-half*0.7, ax.x(r.Low), mid+half*0.7, 2, p.pal.Text, false)
			p.line(ax.x(r.High), mid-half*0.7, ax.x(r.High), mid+half*0.7, 2, p.pal.Text, false)
		}
		p.mark(ax.x(r.Value)-6*s, mid-6*s, ax.x(r.Value)+6*s, mid+6*s, c)
	case Point:
		p.dot(ax.x(r.Value), mid, 6, c)
	case Diamond:
		p.line(ax.x(r.PILow), mid, ax.x(r.PIHigh), mid, 1.2, p.pal.Text, false)
		p.diamond(ax.x(r.Low), ax.x(r.Value), ax.x(r.High), mid, half, c)
	}
}

// diamond draws a pooled estimate: widest at its value, its points at the CI's ends.
func (p *painter) diamond(lo, mid, hi, y, half float64, c color.Color) {
	p.r.ResetStyle()
	p.r.SetFillColor(col(c))
	p.r.SetStrokeColor(col(p.pal.Text))
	p.r.SetStrokeWidth(math.Max(1, p.s))
	p.r.MoveTo(int(lo), int(y))
	p.r.LineTo(int(mid), int(y-half))
	p.r.LineTo(int(hi), int(y))
	p.r.LineTo(int(mid), int(y+half))
	p.r.Close()
	p.r.FillStroke()
}

// scale maps axis values to x pixels, linearly or on a log scale.
type scale struct {
	a      Axis
	x0, x1 float64
}

func newScale(a Axis, x0, x1 float64) scale { return scale{a: a, x0: x0, x1: x1} }

func (sc scale) x(v float64) float64 {
	lo, hi := sc.a.Min, sc.a.Max
	if sc.a.Log {
		v, lo, hi = math.Log10(math.Max(v, 1e-9)), math.Log10(lo), math.Log10(hi)
	}
	if hi == lo {
		return sc.x0
	}
	t := (v - lo) / (hi - lo)
	return sc.x0 + math.Max(0, math.Min(1, t))*(sc.x1-sc.x0)
}

// Tick is one mark of an axis and the label printed under it: the label reads exactly the
// tick's value (2.5, never "2").
type Tick struct {
	Value float64
	Label string
}

// step is the distance between ticks on a linear axis: about five ticks.
func (a Axis) step() float64 {
	step := niceMax((a.Max - a.Min) / 5)
	if (a.Max-a.Min)/step < 3 {
		step /= 2
	}
	return step
}

// Ticks are the axis's marks: 1, 2 and 5 times powers of ten on a log axis, even steps on
// a linear one.
func (a Axis) Ticks() []Tick {
	var vs []float64
	if a.Log {
		for e := -3; e <= 3; e++ {
			for _, m := range []float64{1, 2, 5} {
				if v := m * math.Pow(10, float64(e)); v >= a.Min && v <= a.Max {
					vs = append(vs, v)
				}
			}
		}
	} else {
		step := a.step()
		for v := math.Ceil(a.Min/step) * step; v <= a.Max+step*1e-9; v += step {
			vs = append(vs, math.Round(v/step)*step)
		}
	}
	out := make([]Tick, len(vs))
	for i, v := range vs {
		out[i] = Tick{Value: v, Label: tickLabel(v)}
	}
	return out
}

// tickLabel writes a tick's value in the fewest digits that read it exactly, after
// dropping float noise (0.1 * 3 = 0.30000000000000004 reads 0.3).
func tickLabel(v float64) string {
	v = math.Round(v*1e9) / 1e9
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
