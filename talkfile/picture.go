package talkfile

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"ketamine-explorer/charts"
	"ketamine-explorer/slides"
)

// Fonts are the type faces slides are drawn in, as TrueType data: the window's, so an
// exported slide looks like the one presented.
type Fonts struct{ Regular, Bold []byte }

// Painter draws slides as pictures. It may be used from several goroutines at once.
type Painter struct{ regular, bold *truetype.Font }

// NewPainter parses the fonts once for every picture drawn.
func NewPainter(f Fonts) (*Painter, error) {
	regular, err := truetype.Parse(f.Regular)
	if err != nil {
		return nil, fmt.Errorf("the slide font does not parse: %w", err)
	}
	bold, err := truetype.Parse(f.Bold)
	if err != nil {
		return nil, fmt.Errorf("the slide's bold font does not parse: %w", err)
	}
	return &Painter{regular, bold}, nil
}

// colours of the projector theme: black on white, projectors wash dark backgrounds out
var (
	ink       = color.Black
	warning   = color.RGBA{0x8a, 0x3b, 0x00, 0xff}
	separator = color.RGBA{0x33, 0x33, 0x33, 0xff}
	danger    = color.RGBA{0xb0, 0x00, 0x20, 0xff} // a footer naming a file that is not an official release
)

// canvas is one picture being drawn, with the faces it has used (a face is not safe for
// concurrent use, so each picture has its own).
type canvas struct {
	*Painter
	img   *image.RGBA
	k     float64 // pixels per slide unit: the slide's sizes are for 1080 lines
	faces map[faceKey]font.Face
}

type faceKey struct {
	bold bool
	px   float64
}

func (c *canvas) face(bold bool, size float64) font.Face {
	key := faceKey{bold, size * c.k}
	if f, ok := c.faces[key]; ok {
		return f
	}
	tt := c.regular
	if bold {
		tt = c.bold
	}
	f := truetype.NewFace(tt, &truetype.Options{Size: key.px, Hinting: font.HintingNone})
	c.faces[key] = f
	return f
}

// text is one run of wrapped text, as drawn: its lines and their face.
type text struct {
	lines []string
	face  font.Face
	size  float64 // in slide units
	col   color.Color
}

// lineHeight is the distance between baselines, in pixels.
func (t text) lineHeight(k float64) float64 { return math.Ceil(t.size * k * 1.3) }
func (t text) height(k float64) float64     { return float64(len(t.lines)) * t.lineHeight(k) }

// wrap breaks s into lines no wider than width pixels at spaces (a word wider than a line
// has one to itself).
func (c *canvas) wrap(s string, bold bool, size, width float64, col color.Color) text {
	f := c.face(bold, size)
	t := text{face: f, size: size, col: col}
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := strings.TrimSpace(line + " " + word)
			if line != "" && float64(font.MeasureString(f, try))/64 > width {
				t.lines = append(t.lines, line)
				line = word
			} else {
				line = try
			}
		}
		t.lines = append(t.lines, line)
	}
	return t
}

// draw puts the text with its first line's top at y, its left at x; it returns the y
// below it.
func (c *canvas) draw(t text, x, y float64) float64 {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(t.col), Face: t.face}
	lh := t.lineHeight(c.k)
	ascent := float64(t.face.Metrics().Ascent) / 64
	for _, l := range t.lines {
		d.Dot = fixed.Point26_6{X: fixed.Int26_6(x * 64), Y: fixed.Int26_6((y + (lh-t.size*c.k)/2 + ascent) * 64)}
		d.DrawString(l)
		y += lh
	}
	return y
}

func (c *canvas) fill(r image.Rectangle, col color.Color) {
	draw.Draw(c.img, r, image.NewUniform(col), image.Point{}, draw.Src)
}

// mark draws the warning triangle a disputed number or an evidence gap carries, size
// pixels high with its top at (x, y).
func (c *canvas) mark(x, y, size float64) {
	var z vector.Rasterizer
	z.Reset(c.img.Bounds().Dx(), c.img.Bounds().Dy())
	z.MoveTo(float32(x+size/2), float32(y))
	z.LineTo(float32(x+size), float32(y+size))
	z.LineTo(float32(x), float32(y+size))
	z.ClosePath()
	z.Draw(c.img, c.img.Bounds(), image.NewUniform(warning), image.Point{})
	bang := c.face(true, size*0.7/c.k)
	w := float64(font.MeasureString(bang, "!")) / 64
	d := font.Drawer{Dst: c.img, Src: image.White, Face: bang, Dot: fixed.Point26_6{X: fixed.Int26_6((x + size/2 - w/2) * 64), Y: fixed.Int26_6((y + size*0.92) * 64)}}
	d.DrawString("!")
}

// Slide units: the presenter's paddings at 1080 lines.
const (
	margin = 28
	gap    = 12
)

// Picture draws slide n of total (counting from 1) at w by h pixels, as the presenter
// shows it: the title, the lines or the chart, and a footer with the sources, the dataset
// version and the slide's number. Type scales with the picture's height (the presenter's
// sizes at 1080 lines), steps down when a slide's lines need the room, and a chart is drawn
// to fill the slide's body.
func (p *Painter) Picture(s slides.Slide, n, total, w, h int) (*image.RGBA, error) {
	c := &canvas{Painter: p, img: image.NewRGBA(image.Rect(0, 0, w, h)), k: float64(h) / 1080, faces: map[faceKey]font.Face{}}
	c.fill(c.img.Bounds(), color.White)
	k := c.k
	left, right := margin*k, float64(w)-margin*k
	width := right - left

	titleSize := float64(slides.TitleSize)
	if s.Kind == slides.Chart {
		titleSize = slides.ChartTitleSize
	}
	title := c.wrap(s.Title, true, titleSize, width, ink)
	top := c.draw(title, left, margin*k) + gap*k

	// the footer: a rule, the sources on the left, the slide's number on the right
	number := c.wrap(fmt.Sprintf("%d / %d", n, total), true, slides.BodySize, width, ink)
	numberW := float64(font.MeasureString(number.face, number.lines[0]))/64 + gap*k
	footInk := color.Color(ink)
	if !s.Provenance.Official() {
		footInk = danger
	}
	footer := c.wrap(s.Footer(), false, slides.CaptionSize, width-numberW, footInk)
	footerTop := float64(h) - margin*k - max(footer.height(k), number.height(k))
	c.fill(image.Rect(int(left), int(footerTop-gap*k), int(right), int(footerTop-gap*k+math.Max(1, 2*k))), separator)
	c.draw(footer, left, footerTop)
	c.draw(number, right-numberW+gap*k, footerTop)
	bottom := footerTop - 2*gap*k

	if s.Figure != nil {
		// its sources are the footer's, and its axis says which side favours which arm:
		// the chart's caption and subtitle give their height to larger type
		fig := *s.Figure
		fig.Caption, fig.Subtitle = "", ""
		bw, bh := int(width), int(bottom-top)
		if bw <= 0 || bh <= 0 {
			return c.img, nil
		}
		img, err := charts.Image(fig, bw, bh, charts.Options{Scale: slides.BodySize * k / chartTextSize, Palette: charts.Light})
		if err != nil {
			return nil, fmt.Errorf("drawing the chart of slide %s: %w", s.ID, err)
		}
		draw.Draw(c.img, image.Rect(int(left), int(top), int(left)+bw, int(top)+bh), img, image.Point{}, draw.Src)
		return c.img, nil
	}
	c.lines(s, left, top, width, bottom)
	return c.img, nil
}

// chartTextSize is the text size at which a figure is drawn at its design size (the
// window's standard size: the presenter scales charts from it the same way).
const chartTextSize = 14

// lines draws a text slide's evidence gap and lines between top and bottom, in the largest
// of the slide's sizes at which they fit.
func (c *canvas) lines(s slides.Slide, left, top, width, bottom float64) {
	k := c.k
	sizes := []float64{slides.BodySize, slides.SmallerSize, slides.SmallestSize}
	if s.Large() {
		sizes = append([]float64{slides.LargeSize}, sizes...)
	}
	type block struct {
		t      text
		marked bool
	}
	var blocks []block
	for _, size := range sizes {
		gutter := size * 1.4 * k // room for the warning mark, kept by every line so they align
		blocks = blocks[:0]
		need := 0.0
		if s.Warning != "" {
			blocks = append(blocks, block{c.wrap(s.Warning, true, size, width-gutter, warning), true})
		}
		for _, it := range s.Items {
			blocks = append(blocks, block{c.wrap(it.Line(), false, size, width-gutter, ink), it.Disputed})
		}
		for _, b := range blocks {
			need += b.t.height(k) + gap*k
		}
		if need <= bottom-top {
			break
		}
	}
	y := top
	for _, b := range blocks {
		gutter := b.t.size * 1.4 * k
		if b.marked {
			m := b.t.size * 0.9 * k
			c.mark(left, y+(b.t.lineHeight(k)-m)/2, m)
		}
		if y+b.t.lineHeight(k) > bottom {
			break // never drawn over the footer; the presenter's smallest type fits every slide
		}
		y = c.draw(b.t, left+gutter, y) + gap*k
	}
}
