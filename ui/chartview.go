package ui

import (
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
)

// chartView shows one figure, drawn at the widget's real pixel size so it stays sharp on
// any screen. Drawing happens off the UI goroutine; until it is done the last image shown
// (or nothing) stands in, and the result is cached by size and palette.
type chartView struct {
	widget.BaseWidget
	fig    charts.Figure
	raster *canvas.Raster
	// onTap is called with the row under a click, to open its source.
	onTap func(charts.Row)
	// minHeight fits every row at a typical column width (see sizedFigure)
	minHeight float32
	// fit takes the space given instead of asking for the height the figure would like (a
	// slide has no room to scroll); the drawing fits itself to it (charts.Image)
	fit bool

	mu      sync.Mutex
	img     image.Image
	drawn   cacheKey
	scale   float64         // the type scale img was drawn at, to find the row under a click
	pending request         // the drawing last asked for
	drawing bool            // one drawing at a time: a window being resized asks for many sizes
	waiting []chan struct{} // closed when the drawing asked for last is done (see whenDrawn)
}

type cacheKey struct {
	w, h int
	bg   color.RGBA
	text float32 // the theme's text size: the projector theme draws charts larger
}

// defaultTextSize is Fyne's standard text size, at which a figure is drawn at its design size.
const defaultTextSize = 14

// chartScale is device pixels per figure pixel: the screen's scale times how much larger
// the theme's text is than standard, so chart labels grow with the UI's.
func (v *chartView) chartScale(key cacheKey) float64 {
	return float64(key.w) / float64(max(v.Size().Width, 1)) * float64(key.text) / defaultTextSize
}

type request struct {
	key   cacheKey
	scale float64
	pal   charts.Palette
}

// sizedFigure is a figure with the height it needs at a typical column width. Finding it
// lays the figure out, measuring all of its text (most of a frame for a large one), so a
// page works it out with its read, off the UI goroutine.
type sizedFigure struct {
	charts.Figure
	height float32
	pick   string // the chart's pick in a talk (see pages.read)
}

func sized(f charts.Figure) sizedFigure {
	return sizedFigure{Figure: f, height: float32(charts.PreferredHeight(f, 560))}
}

func newChartView(fig sizedFigure, onTap func(charts.Row)) *chartView {
	v := &chartView{fig: fig.Figure, onTap: onTap, minHeight: fig.height}
	v.raster = canvas.NewRaster(v.generate)
	v.ExtendBaseWidget(v)
	return v
}

func (v *chartView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.raster)
}

// newFittedChartView is a chart for a slide: it takes the room it is given.
func newFittedChartView(fig charts.Figure, onTap func(charts.Row)) *chartView {
	v := newChartView(sizedFigure{Figure: fig}, onTap) // fitted: its height is the slide's
	v.fit = true
	return v
}

// MinSize leaves room for every row of the figure at a typical column width.
func (v *chartView) MinSize() fyne.Size {
	if v.fit {
		return fyne.NewSize(360, 240)
	}
	return fyne.NewSize(360, v.minHeight)
}

func palette() charts.Palette {
	return charts.Palette{
		Background: theme.Color(theme.ColorNameBackground),
		Text:       theme.Color(theme.ColorNameForeground),
		Muted:      theme.Color(theme.ColorNameForeground),
		Grid:       theme.Color(theme.ColorNameSeparator),
	}
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func (v *chartView) generate(w, h int) image.Image {
	pal := palette()
	key := cacheKey{w, h, toRGBA(pal.Background), theme.TextSize()}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.img != nil && v.drawn == key {
		return v.img
	}
	if v.pending.key != key && w > 0 && h > 0 {
		v.pending = request{key, v.chartScale(key), pal}
		if !v.drawing {
			v.drawing = true
			go v.draw(v.pending)
		}
	}
	if v.img == nil {
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	}
	return v.img
}

func (v *chartView) draw(req request) {
	// a slide's chart is fitted to the slide by the drawing itself: smaller type when it
	// needs more room, larger when it needs less
	scale := req.scale
	img, err := charts.Image(v.fig, req.key.w, req.key.h, charts.Options{Scale: scale, Palette: req.pal, Natural: !v.fit})
	if err != nil {
		fyne.LogError("drawing chart "+v.fig.ID, err)
		v.mu.Lock()
		v.drawing = false
		v.wake()
		v.mu.Unlock()
		return
	}
	v.mu.Lock()
	v.img, v.drawn, v.scale = img, req.key, scale
	if next := v.pending; next.key != req.key { // a newer size was asked for meanwhile
		v.mu.Unlock()
		v.draw(next)
		return
	}
	v.drawing = false
	v.wake()
	v.mu.Unlock()
	fyne.Do(v.raster.Refresh)
}

// Tapped opens the source of the number under the pointer.
func (v *chartView) Tapped(ev *fyne.PointEvent) {
	v.mu.Lock()
	key, drawn, scale := v.drawn, v.img != nil, v.scale
	v.mu.Unlock()
	if !drawn || v.onTap == nil || v.Size().Width <= 0 {
		return
	}
	px := float64(key.w) / float64(v.Size().Width)
	row, ok := charts.RowAt(v.fig, key.w, key.h, charts.Options{Scale: scale}, float64(ev.Position.X)*px, float64(ev.Position.Y)*px)
	if ok {
		v.onTap(row)
	}
}

// Cursor shows a hand: the rows of a chart open their sources.
func (v *chartView) Cursor() desktop.Cursor { return desktop.PointerCursor }

// wake ends the waits of whenDrawn; v.mu is held.
func (v *chartView) wake() {
	for _, ch := range v.waiting {
		close(ch)
	}
	v.waiting = nil
}

// whenDrawn returns a channel closed once the figure is drawn at the size last asked for:
// what a test waits for. A drawing that fails ends the wait too (fyne.LogError said why).
func (v *chartView) whenDrawn() <-chan struct{} {
	v.mu.Lock()
	defer v.mu.Unlock()
	ch := make(chan struct{})
	if v.img != nil && v.drawn == v.pending.key {
		close(ch)
	} else {
		v.waiting = append(v.waiting, ch)
	}
	return ch
}
