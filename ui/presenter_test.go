package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/slides"
)

func key(w fyne.Window, name fyne.KeyName) {
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

// Presenting with no talk built shows the default talk of the indication shown: at most
// 15 slides, opening on its overview, ending with its references.
func TestPresentingShowsTheDefaultTalk(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(1)
	ex.Present(false)
	ss := ex.presenting.slides
	if len(ss) > slides.MaxTalk || ss[0].Kind != slides.Overview || ss[len(ss)-1].Kind != slides.References {
		t.Errorf("a default talk of %d slides, from %s to %s", len(ss), ss[0].Kind, ss[len(ss)-1].Kind)
	}
	for _, s := range ss {
		if s.Indication.Key != ex.indications[1].Key {
			t.Errorf("slide %s of another indication", s.ID)
		}
	}
}

// everySlide makes the talk every slide of these indications.
func everySlide(t *testing.T, ex *Explorer, keys ...string) {
	t.Helper()
	picks, err := ex.deckPicks(deck{Indications: keys, Sections: slides.Sections})
	if err != nil {
		t.Fatal(err)
	}
	ex.talks.Current.Slides = picks
}

// Presenter mode is driven by keys through every slide and back; each slide has its
// sources and the dataset version in the footer, and Esc puts the window back.
func TestPresenterModeByKeys(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(1)
	everySlide(t, ex, "trd", "pain")
	before := w.Content()
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault})
	p := ex.presenting
	if p == nil || !w.FullScreen() || w.Content() == before {
		t.Fatal("Ctrl+P did not enter full-screen presenter mode")
	}
	start := p.at
	if s := p.slides[start]; s.Kind != slides.Overview || s.Indication.Key != "trd" {
		t.Fatalf("presenting starts on %s %q", s.Kind, s.Title)
	}
	if theme.TextSize() < 1080.0/45 {
		t.Errorf("projector body text %v px is under 1/45 of 1080", theme.TextSize())
	}
	seen := map[string]bool{}
	check := func() {
		s := p.slides[p.at]
		shown := texts(w.Content())
		if !strings.Contains(shown, s.Title) || !strings.Contains(shown, "Dataset "+ex.datasetLabel()) || !strings.Contains(shown, "Sources: ") && len(s.Sources) > 0 {
			t.Fatalf("slide %d (%s) does not show its title, sources and dataset:\n%s", p.at+1, s.Title, shown)
		}
		seen[s.Kind] = true
	}
	// forward to the end with every next key, then back to the start
	nexts := []fyne.KeyName{fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyDown}
	for i := 0; p.at < len(p.slides)-1; i++ {
		was := p.at
		key(w, nexts[i%len(nexts)])
		if p.at != was+1 {
			t.Fatalf("%s moved from slide %d to %d", nexts[i%len(nexts)], was+1, p.at+1)
		}
		check()
	}
	key(w, fyne.KeyRight) // past the end: stays
	if p.at != len(p.slides)-1 {
		t.Error("Right on the last slide moved")
	}
	for p.at > 0 {
		was := p.at
		key(w, []fyne.KeyName{fyne.KeyLeft, fyne.KeyPageUp}[p.at%2])
		if p.at != was-1 {
			t.Fatalf("back moved from %d to %d", was+1, p.at+1)
		}
		check()
	}
	if !seen[slides.Overview] || !seen[slides.Card] || !seen[slides.Chart] {
		t.Errorf("slide kinds seen: %v", seen)
	}
	// a line of a card slide opens its number's source; Esc closes it and the keys still work
	forwardTo(t, w, p, slides.Card)
	var line *sourceLine
	walk(w.Content(), func(o fyne.CanvasObject) {
		if l, ok := o.(*sourceLine); ok && l.open != nil && line == nil {
			line = l
		}
	})
	if line == nil {
		t.Fatal("no slide line opens a source")
	}
	test.Tap(line)
	// the first card slide is the key numbers: each line is a number with its locator
	study, _, _ := strings.Cut(line.text, " (") // the study's name, its population apart
	if top := w.Canvas().Overlays().Top(); top == nil || !strings.Contains(texts(top), study) || !strings.Contains(texts(top), "Where in the source") {
		t.Fatalf("clicking %q did not open its number's source", line.text)
	}
	key(w, fyne.KeyEscape)
	was := p.at
	key(w, fyne.KeyRight)
	if ex.presenting == nil || p.at != was+1 {
		t.Error("after a source, the presenter's keys stopped working")
	}

	key(w, fyne.KeyEnd)
	if p.at != len(p.slides)-1 {
		t.Error("End did not go to the last slide")
	}

	if p.slides[p.at].Kind != slides.References {
		t.Errorf("the last slide is %s, not the references", p.slides[p.at].Kind)
	}

	// Ctrl+E on a chart slide offers to export that chart
	for p.slides[p.at].Kind != slides.Chart && p.at > 0 {
		key(w, fyne.KeyLeft)
	}
	if p.slides[p.at].Kind != slides.Chart {
		t.Fatal("no chart slide")
	}
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault})
	if top := w.Canvas().Overlays().Top(); top == nil || firstOf[*widget.RadioGroup](top).Selected != exportChart {
		t.Error("Ctrl+E on a chart slide does not offer the chart")
	} else {
		key(w, fyne.KeyEscape) // closes the dialog, not presenter mode
		if ex.presenting == nil || w.Canvas().Overlays().Top() != nil {
			t.Error("Esc over a dialog left presenter mode or kept the dialog")
		}
	}

	size := theme.TextSize()
	key(w, fyne.KeyEqual)
	p.typedRune('+')
	if theme.TextSize() <= size {
		t.Errorf("+ did not enlarge the type: %v", theme.TextSize())
	}
	key(w, fyne.KeyMinus)
	key(w, fyne.KeyMinus)
	if theme.TextSize() != size {
		t.Errorf("− did not return the type to %v: %v", size, theme.TextSize())
	}

	key(w, fyne.KeyEscape)
	if ex.presenting != nil || w.FullScreen() || w.Content() != before || theme.TextSize() >= size {
		t.Error("Esc did not put the window back")
	}
}

// Esc then Ctrl+P before the window is back (its type faces still loading) neither leaves
// the window empty nor loses its menu, then or after presenting again.
func TestPresentAgainWhileLeaving(t *testing.T) {
	ex, w := newExplorer(t)
	before, menu := w.Content(), w.MainMenu()
	var queued []func()
	ex.pages.offUI = func(read, done func()) { queued = append(queued, func() { read(); done() }) }
	run := func() {
		for len(queued) > 0 {
			next := queued[0]
			queued = queued[1:]
			next()
		}
	}
	present := func() {
		w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
			&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault})
	}
	present()
	run()
	key(w, fyne.KeyEscape)
	present() // before leaving has finished
	run()
	if w.Content() != before || w.MainMenu() != menu {
		t.Fatal("the window is not back after Esc then Ctrl+P")
	}
	present()
	run()
	if ex.presenting == nil {
		t.Fatal("Ctrl+P did not present again once the window was back")
	}
	key(w, fyne.KeyEscape)
	run()
	if ex.presenting != nil || w.Content() != before || w.MainMenu() != menu {
		t.Error("the window is not back after presenting again")
	}
}

// --present-chart opens presenter mode on the slide of the chart named as its export is.
func TestPresentOpensOnAChartByID(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(0)
	ex.Present(false)
	p := ex.presenting
	var id string
	for _, s := range p.slides {
		if s.Figure != nil && s.Figure.Kind == "forest" {
			id = s.Figure.ID
			break
		}
	}
	p.goToChart(id)
	if f := p.slides[p.at].Figure; id == "" || f == nil || f.ID != id {
		t.Fatalf("presenter is on slide %d, not chart %q", p.at, id)
	}
	if !strings.Contains(p.slides[p.at].Figure.Subtitle, "favours") {
		t.Error("the forest slide's chart does not say which side favours which arm")
	}
}

// Zooming a chart slide keeps its drawing on screen while the larger one is drawn: the
// same view, never a blank slide.
func TestZoomingAChartSlideNeverBlanksIt(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	ex.Present(false)
	p := ex.presenting
	forwardTo(t, w, p, slides.Chart)
	view := func() *chartView { return chartViews(p.holder)[0] }
	v := view()
	waitDrawn(t, w, v)
	w.Canvas().OnTypedRune()('+')
	if p.theme.zoom != 1.1 {
		t.Fatalf("+ left the zoom at %v", p.theme.zoom)
	}
	if view() != v {
		t.Fatal("zooming made a new chart view, blank until drawn")
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.img == nil {
		t.Error("the chart has no drawing right after zooming")
	}
}

// Leaving presenter mode gives the window back at the size it had, not widened by the
// projector theme's larger type.
func TestLeavingPresenterModeRestoresTheWindowSize(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	before := w.Canvas().Size()
	ex.Present(false)
	w.Resize(fyne.NewSize(before.Width*1.5, before.Height))
	key(w, fyne.KeyEscape)
	if got := w.Canvas().Size(); got != before {
		t.Errorf("window %v after presenting, %v before", got, before)
	}
}

// forwardTo presses Right until a slide of that kind is shown, failing at the last slide.
func forwardTo(t *testing.T, w fyne.Window, p *presenter, kind string) {
	t.Helper()
	for p.slides[p.at].Kind != kind {
		if p.at == len(p.slides)-1 {
			t.Fatalf("no %s slide from here to the end", kind)
		}
		key(w, fyne.KeyRight)
	}
}

// The zoom chosen with + and - is remembered for the size of the screen: presenting again
// on it starts at that zoom, on a screen of another size at the zoom chosen there.
func TestZoomIsRememberedPerScreenSize(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	screen := fyne.NewSize(1024, 768)
	ex.screen = func() fyne.Size { return screen }
	ex.Present(false)
	w.Canvas().OnTypedRune()('-')
	w.Canvas().OnTypedRune()('-')
	key(w, fyne.KeyEscape)
	ex.Present(false)
	if z := ex.presenting.theme.zoom; z != 0.8 {
		t.Errorf("presenting again on the projector starts at zoom %v, want the 0.8 chosen", z)
	}
	key(w, fyne.KeyEscape)
	screen = fyne.NewSize(1920, 1080)
	ex.Present(false)
	if z := ex.presenting.theme.zoom; z != 1 {
		t.Errorf("a screen of another size starts at zoom %v, want 1", z)
	}
	key(w, fyne.KeyEscape)
}

// On a 1024x768 projector, and on a 1920x1080 screen, every chart slide's row text is at
// least 16 px and 0.6 of the slide's body text: what a room reads.
func TestChartSlidesAreReadable(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1024, Height: 768}, {Width: 1920, Height: 1080}} {
		ex, w := explorerOn(t, bundledService(t), size)
		ex.Select(0)
		everySlide(t, ex, "trd")
		ex.Present(false)
		p := ex.presenting
		least := max(16, 0.6*float64(theme.TextSize()))
		chartSlides := 0
		for i := range p.slides {
			if p.slides[i].Kind != slides.Chart {
				continue
			}
			p.goTo(i)
			chartSlides++
			// the chart as the view draws it at its size on the slide (the test canvas has one
			// pixel per unit)
			v := p.charts[i]
			key := cacheKey{w: int(v.Size().Width), h: int(v.Size().Height), text: theme.TextSize()}
			if px := charts.TextPixels(v.fig, key.w, key.h, charts.Options{Scale: v.chartScale(key)}); px < least {
				t.Errorf("%v: slide %d, %s: chart text %.1f px, want at least %.1f", size, i+1, v.fig.Title, px, least)
			}
		}
		if chartSlides == 0 {
			t.Fatalf("%v: no chart slide", size)
		}
		key(w, fyne.KeyEscape)
	}
}

// At 1024x768 no slide's text runs off the screen: its lines fit between the title and the
// footer, the type made smaller where they would not (down to three quarters of it).
func TestNoSlideCutsTextAt1024x768(t *testing.T) {
	ex, w := explorerOn(t, bundledService(t), fyne.NewSize(1024, 768))
	ex.Select(0)
	everySlide(t, ex, ex.indications[0].Key, ex.indications[1].Key, ex.indications[2].Key, ex.indications[3].Key)
	ex.Present(false)
	p := ex.presenting
	for i := range p.slides {
		p.goTo(i)
		if p.slides[i].Kind == slides.Chart {
			continue
		}
		w.Canvas().(test.WindowlessCanvas).Capture()
		scroll := firstOf[*container.Scroll](w.Content())
		if scroll == nil {
			t.Fatalf("slide %d has no body", i+1)
		}
		if need, shown := scroll.Content.MinSize().Height, scroll.Size().Height; need > shown+1 {
			t.Errorf("slide %d (%s): its lines need %.0f px, the screen shows %.0f", i+1, p.slides[i].Title, need, shown)
		}
	}
}
