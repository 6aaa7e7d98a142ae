package ui

import (
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
)

// presenter is presenter mode: the window full screen in the projector theme, one slide
// at a time, driven from the keyboard. Leaving it puts the window back as it was.
type presenter struct {
	*state
	build  *builder // the slide is shown, and the window put back, a piece at a time
	offUI  func(read, done func())
	left   func() // the window is back as it was: presenter mode may be entered again
	gone   bool   // leaving has begun: what was still to come of entering or zooming is not
	slides []slides.Slide
	// evidence is what the slides show, by indication key, to open a number's source
	evidence map[string]domain.IndicationEvidence
	at       int
	charts   map[int]*chartView // the chart slides' views by slide, kept across zooms
	theme    *projectorTheme
	holder   *fyne.Container

	// what leaving restores
	content  fyne.CanvasObject
	oldTheme fyne.Theme
	onKey    func(*fyne.KeyEvent)
	menu     *fyne.MainMenu
	size     fyne.Size // the window's: the projector theme's larger type can widen it
}

// zoomKey names the size of the screen presented on, under which the zoom chosen with +
// and - is remembered: a projector and a laptop each keep their own.
func (s *state) zoomKey() string {
	size := s.window.Canvas().Size()
	if s.screen != nil {
		if sc := s.screen(); !sc.IsZero() {
			size = sc
		}
	}
	return fmt.Sprintf("%.0fx%.0f", size.Width, size.Height)
}

// Zoom limits for + and -.
const (
	zoomStep = 0.1
	zoomMin  = 0.6
	zoomMax  = 1.6
)

// Present enters presenter mode, full screen or in the window (to share one window in a
// call), on the talk being built (View > Talk), or, while it has no slides, on the default
// talk of the indication shown, filtered as the window is.
func (ex *Explorer) Present(fullScreen bool) {
	if ex.presenting != nil {
		return
	}
	zoom := float32(1)
	if z, ok := ex.settings.Zoom[ex.zoomKey()]; ok {
		zoom = float32(z)
	}
	p := &presenter{state: ex.state, build: &ex.build, offUI: ex.pages.offUI, left: func() { ex.presenting = nil }, theme: &projectorTheme{zoom: min(max(zoom, zoomMin), zoomMax)}, holder: container.NewStack(), charts: map[int]*chartView{}}
	if err := p.talk(ex); err != nil {
		dialog.ShowError(fmt.Errorf("the talk cannot be presented: %w", err), ex.window)
		return
	}
	if len(p.slides) == 0 {
		return
	}
	ex.presenting = p
	c := ex.window.Canvas()
	p.content, p.onKey, p.menu, p.size = c.Content(), c.OnTypedKey(), ex.window.MainMenu(), c.Size()
	app := fyne.CurrentApp()
	p.oldTheme = app.Settings().Theme()
	// the window's pages are taken off the canvas before the theme changes, so only the
	// slide is laid out again in it, not every page built (and back when leaving)
	ex.window.SetMainMenu(nil)
	ex.window.SetContent(p.holder)
	app.Settings().SetTheme(p.theme)
	ex.window.SetFullScreen(fullScreen)
	c.SetOnTypedKey(p.typedKey)
	c.SetOnTypedRune(p.typedRune)
	p.afterFaces(func() {
		if p.gone {
			return
		}
		s := p.slides[p.at]
		p.build.add(presenting, measureAhead(s.Title, fyne.TextStyle{Bold: true}, theme.SizeNameHeadingText)...)
		p.build.add(presenting, measureAhead(s.Footer(), fyne.TextStyle{}, theme.SizeNameText)...)
		p.build.add(presenting, p.show)
		p.build.first(presenting)
	})
}

// talk lays out the slides presented: the current talk's, or the shown indication's
// default talk.
func (p *presenter) talk(ex *Explorer) error {
	if t := ex.talks.Current; len(t.Slides) > 0 {
		var err error
		p.slides, p.evidence, err = ex.talkSlides(t)
		return err
	}
	ev := ex.current
	p.evidence = map[string]domain.IndicationEvidence{ev.Indication.Key: ev}
	for _, s := range slides.Talk(ev, ex.svc.Provenance()) {
		s.Filters = ex.currentFilter.Chips()
		p.slides = append(p.slides, s)
	}
	return nil
}

// Owners of the builder's pieces: entering and leaving presenter mode, and the lines of
// the slide shown (dropped when another is shown).
const (
	presenting = "presenter mode"
	slideLines = "presenter slide"
)

// afterFaces loads the type faces the window uses off the UI goroutine, then runs next on
// it: a theme change empties Fyne's font cache, and each face took most of a frame to load
// again (Fyne's font cache may be filled from any goroutine).
func (p *presenter) afterFaces(next func()) {
	load := func() {
		for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
			fyne.MeasureText("Ag", theme.TextSize(), style)
		}
	}
	if p.offUI == nil {
		load()
		next()
		return
	}
	p.offUI(load, next)
}

// leave puts the window back as it was before presenting: the theme at once, the window's
// content once the theme's faces are loaded again.
func (p *presenter) leave() {
	c := p.window.Canvas()
	c.SetOnTypedKey(p.onKey)
	c.SetOnTypedRune(nil)
	p.window.SetFullScreen(false)
	p.holder.Objects = nil
	p.holder.Refresh()
	p.build.drop(slideLines)
	fyne.CurrentApp().Settings().SetTheme(p.oldTheme)
	p.gone = true
	p.afterFaces(func() {
		p.window.SetContent(p.content)
		p.window.SetMainMenu(p.menu)
		p.window.Resize(p.size)
		// only now: entering again before the window is back would keep the empty
		// presenter holder as the content to restore
		p.left()
	})
}

func (p *presenter) typedKey(k *fyne.KeyEvent) {
	if top := p.window.Canvas().Overlays().Top(); top != nil {
		if k.Name == fyne.KeyEscape {
			top.Hide() // a source opened from a chart closes first
		}
		return
	}
	switch k.Name {
	case fyne.KeyRight, fyne.KeyDown, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyEnter, fyne.KeyReturn:
		p.goTo(p.at + 1)
	case fyne.KeyLeft, fyne.KeyUp, fyne.KeyPageUp, fyne.KeyBackspace:
		p.goTo(p.at - 1)
	case fyne.KeyHome:
		p.goTo(0)
	case fyne.KeyEnd:
		p.goTo(len(p.slides) - 1)
	case fyne.KeyEscape:
		p.leave()
	case fyne.KeyPlus, fyne.KeyEqual:
		p.zoom(zoomStep)
	case fyne.KeyMinus:
		p.zoom(-zoomStep)
	}
}

// typedRune catches + typed with Shift or on a keypad, which arrives as a character.
func (p *presenter) typedRune(r rune) {
	switch r {
	case '+':
		p.zoom(zoomStep)
	case '-':
		p.zoom(-zoomStep)
	}
}

func (p *presenter) goTo(i int) {
	if i < 0 || i >= len(p.slides) || i == p.at {
		return
	}
	p.at = i
	p.show()
}

// goToChart shows the slide of the chart with that ID (or the stem of its exported files'
// names, which starts with it), if there is one.
func (p *presenter) goToChart(id string) {
	for i, s := range p.slides {
		if s.Figure != nil && (s.Figure.ID == id || strings.HasPrefix(id, s.Figure.ID+"-")) {
			p.goTo(i)
			return
		}
	}
}

func (p *presenter) zoom(d float32) {
	z := min(max(float32(math.Round(float64(p.theme.zoom+d)*10)/10), zoomMin), zoomMax) // whole tenths
	if z == p.theme.zoom {
		return
	}
	p.theme.zoom = z
	if p.settings.Zoom == nil {
		p.settings.Zoom = map[string]float64{}
	}
	p.settings.Zoom[p.zoomKey()] = math.Round(float64(z)*10) / 10 // whole tenths, as chosen
	p.settings.save()
	fyne.CurrentApp().Settings().SetTheme(p.theme) // re-applies the sizes everywhere
	p.afterFaces(func() {
		if !p.gone {
			p.show()
		}
	})
}

// show puts the slide on screen, its lines following a few at a time (see builder).
func (p *presenter) show() {
	slide, lines := p.slideView(p.slides[p.at])
	p.holder.Objects = []fyne.CanvasObject{slide}
	p.holder.Refresh()
	p.build.drop(slideLines) // a slide moved past before its lines came
	p.build.add(slideLines, lines...)
	p.build.first(slideLines)
}

// slideView lays out one slide: title, body, and a footer with the sources, the dataset
// version, the slide number and the keys; the pieces returned add the body's lines.
func (p *presenter) slideView(s slides.Slide) (fyne.CanvasObject, []func()) {
	var lines []func()
	title := newPara(s.Title, fyne.TextStyle{Bold: true}, widget.MediumImportance)
	title.sizeName = theme.SizeNameHeadingText
	if s.Kind == slides.Chart {
		title.sizeName = theme.SizeNameSubHeadingText // the chart has a title of its own: its rows get the height
	}
	var body fyne.CanvasObject
	switch s.Kind {
	case slides.Chart:
		// the same view across zooms: it shows its last drawing until the new one is ready,
		// never a blank slide
		v := p.charts[p.at]
		if v == nil {
			// its sources are the slide's footer, and its axis says which side favours which
			// arm: the room gets the caption's and the subtitle's height for larger type
			fig := *s.Figure
			fig.Caption, fig.Subtitle = "", ""
			v = newFittedChartView(fig, rowOpener(p.window, p.evidence[s.Indication.Key]))
			p.charts[p.at] = v
		}
		body = v
	default:
		box := container.NewVBox()
		if s.Warning != "" {
			w := newPara(s.Warning, fyne.TextStyle{Bold: true}, widget.WarningImportance)
			lines = append(lines, func() { grow(box, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, w)) })
		}
		evs := []domain.IndicationEvidence{p.evidence[s.Indication.Key]}
		size := p.fitText(s, title.sizeName)
		if s.Large() {
			size = theme.SizeNameSubHeadingText
		}
		for _, it := range s.Items {
			var open func() // the headline and counts have no single source
			switch {
			case it.StudyID != "":
				open = func() { openSource(p.window, evs, it.StudyID, it.Outcome) }
			case it.Pool != "":
				open = func() { openSource(p.window, evs, "", it.Pool) }
			}
			lines = append(lines, measureAhead(it.Line(), fyne.TextStyle{}, size)...)
			lines = append(lines, func() {
				line := newSourceLine(it.Line(), open)
				line.sizeName = size
				var mark fyne.CanvasObject
				if it.Disputed {
					mark = widget.NewIcon(theme.WarningIcon())
				}
				grow(box, container.NewBorder(nil, nil, mark, nil, line))
			})
		}
		body = container.NewVScroll(box)
	}
	importance := widget.MediumImportance
	if !s.Provenance.Official() {
		importance = widget.DangerImportance // a room must notice
	}
	footer := newPara(s.Footer(), fyne.TextStyle{}, importance)
	where := widget.NewLabelWithStyle(fmt.Sprintf("%d / %d", p.at+1, len(p.slides)), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	// the keys in small type under the slide number, so the sources keep the footer's width
	keys := widget.NewLabelWithStyle("→ ← + − Esc", fyne.TextAlignTrailing, fyne.TextStyle{})
	keys.SizeName = theme.SizeNameCaptionText
	bottom := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, container.NewVBox(where, keys), footer))
	return container.NewPadded(container.NewBorder(title, bottom, nil, nil, body)), lines
}

// fitText is the largest text size at which a slide's lines fit between its title and its
// footer on the screen presented on (body size, then smaller down to three quarters of it),
// so no line runs off the bottom of a small projector's screen.
func (p *presenter) fitText(s slides.Slide, titleSize fyne.ThemeSizeName) fyne.ThemeSizeName {
	th := p.theme
	screen := p.window.Canvas().Size()
	pad := th.Size(theme.SizeNameInnerPadding)
	width := screen.Width - 4*th.Size(theme.SizeNamePadding) - 2*pad
	height := func(text string, size float32, style fyne.TextStyle, w float32) float32 {
		lines := wrapWords(text, w, func(t string) float32 { return fyne.MeasureText(t, size, style).Width })
		return float32(len(lines))*fyne.MeasureText("Ag", size, style).Height + 2*pad
	}
	// the title above, the footer's two lines and separator below, the paddings around
	room := screen.Height - height(s.Title, th.Size(titleSize), fyne.TextStyle{Bold: true}, width) -
		2*fyne.MeasureText("Ag", th.Size(theme.SizeNameText), fyne.TextStyle{}).Height - 2*pad - 6*th.Size(theme.SizeNamePadding)
	sizes := []fyne.ThemeSizeName{theme.SizeNameText, sizeNameSlideSmaller, sizeNameSlideSmallest}
	for _, size := range sizes {
		need := float32(0)
		for _, line := range append(slideLineTexts(s), s.Warning) {
			need += height(line, th.Size(size), fyne.TextStyle{}, width-th.Size(theme.SizeNameInlineIcon)) + th.Size(theme.SizeNamePadding)
		}
		if need*1.05 <= room { // a margin for what the estimate leaves out
			return size
		}
	}
	return sizes[len(sizes)-1]
}

func slideLineTexts(s slides.Slide) []string {
	out := make([]string, len(s.Items))
	for i, it := range s.Items {
		out[i] = it.Line()
	}
	return out
}

// slideFigure is the chart on the presenter's slide, so Ctrl+E exports what the room sees
// (nil when not presenting, or on a slide without a chart).
func (ex *Explorer) slideFigure() *charts.Figure {
	if p := ex.presenting; p != nil {
		return p.slides[p.at].Figure
	}
	return nil
}

// sourceLine is a slide's line of text that opens its source when clicked. It takes no
// keyboard focus, so the presenter's keys keep working after a click.
type sourceLine struct {
	para
	open func()
}

func newSourceLine(text string, open func()) *sourceLine {
	l := &sourceLine{open: open}
	l.init(text, fyne.TextStyle{}, widget.MediumImportance)
	l.ExtendBaseWidget(l)
	return l
}

func (l *sourceLine) Tapped(*fyne.PointEvent) {
	if l.open != nil {
		l.open()
	}
}

// Cursor shows a hand over a line that has a source.
func (l *sourceLine) Cursor() desktop.Cursor {
	if l.open == nil {
		return desktop.DefaultCursor
	}
	return desktop.PointerCursor
}
