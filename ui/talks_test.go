package ui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
	"ketamine-explorer/talkfile"
	"ketamine-explorer/talks"
)

// withTalks keeps the explorer's talks in a file of the test's, as the window keeps them
// beside the user database.
func withTalks(t *testing.T, ex *Explorer) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), talks.FileName)
	ex.talks = loadTalks(path)
	return path
}

// pinIn is the pin button of the card, chart or study whose widgets hold text, under o.
func pinIn(t *testing.T, o fyne.CanvasObject, holder func(fyne.CanvasObject) bool) *widget.Button {
	t.Helper()
	var pin *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if pin == nil && holder(o) {
			walk(o, func(b fyne.CanvasObject) {
				if btn, ok := b.(*widget.Button); ok && pin == nil && (btn.Text == pinLabel || btn.Text == pinnedLabel) {
					pin = btn
				}
			})
		}
	})
	if pin == nil {
		t.Fatal("no pin button found")
	}
	return pin
}

func cardTitled(title string) func(fyne.CanvasObject) bool {
	return func(o fyne.CanvasObject) bool { c, ok := o.(*widget.Card); return ok && c.Title == title }
}

// Pins in the window build a talk: a card, a chart (pinned by its unfiltered ID even under
// a filter) and a pooled estimate join it in the order pinned; presenting shows those slides
// and their references, and the talk is kept in the talks file. A second tap unpins.
func TestPinsBuildTheTalkPresented(t *testing.T) {
	ex, w := newExplorer(t)
	path := withTalks(t, ex)
	ex.Select(0)
	page := ex.pages.built["trd"]
	safety := pinIn(t, page.content, cardTitled("Safety and tolerability"))
	test.Tap(safety)
	if safety.Text != pinnedLabel {
		t.Errorf("a pinned card's button reads %q", safety.Text)
	}
	// a chart, under a filter that renumbers the charts
	ex.SetFilter(domain.Filter{Molecule: domain.Esketamine})
	waitFor(t, ex, "the filtered page", func() bool { p := ex.pages.built["trd"]; return p != nil && p.filter.Active() })
	ex.ShowView(1)
	page = ex.pages.built["trd"]
	ex.build.runWhile(func() bool { return ex.build.pending("trd") })
	var forest *chartView
	for _, v := range chartViews(page.content) {
		if strings.HasPrefix(v.fig.Title, "Effect estimates: mean difference, MADRS") {
			forest = v
		}
	}
	if forest == nil {
		t.Fatal("no MADRS forest plot on the filtered page")
	}
	var row fyne.CanvasObject
	walk(page.content, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && row == nil && slices.Contains(c.Objects, fyne.CanvasObject(forest)) {
			row = o
		}
	})
	test.Tap(pinIn(t, ex.window.Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*fyne.Container)
		return ok && len(c.Objects) == 2 && slices.Contains(c.Objects, row)
	}))
	ex.SetFilter(domain.Filter{})
	waitFor(t, ex, "the unfiltered page", func() bool { p := ex.pages.built["trd"]; return p != nil && !p.filter.Active() })

	// a pooled estimate, by the pin beside its line
	ex.ShowView(0)
	ex.build.runWhile(func() bool { return ex.build.pending("trd") })
	pooled := pinIn(t, ex.pages.built["trd"].content, cardTitled("Pooled estimates (computed by this app)"))
	var line *widget.Button
	walk(ex.pages.built["trd"].content, func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok && line == nil && len(c.Objects) == 2 {
			pin, isPin := c.Objects[0].(*widget.Button)
			if info, ok := c.Objects[1].(*widget.Button); isPin && ok && pin != pooled && pin.Text == pinLabel && info.Icon == theme.InfoIcon() {
				line = pin
			}
		}
	})
	if line == nil {
		t.Fatal("no pin beside a pooled estimate")
	}
	test.Tap(line)

	picks := ex.talks.Current.Slides
	if len(picks) != 3 || picks[0].ID != "trd-safety" || !strings.HasPrefix(picks[1].ID, "trd-") || !strings.HasSuffix(picks[1].ID, "-forest") || !strings.HasPrefix(picks[2].ID, "trd-pool-") {
		t.Fatalf("the talk holds %+v", picks)
	}
	pool, _, err := ex.talkSlides(talks.Talk{Slides: []slides.Pick{{ID: picks[2].ID}}})
	if err != nil || len(pool) == 0 || len(pool[0].Items) == 0 || pool[0].Items[0].Pool != picks[2].ID {
		t.Errorf("the pooled estimate pinned shows %+v (%v)", pool, err)
	}
	all, _, err := ex.talkSlides(talks.Talk{Slides: []slides.Pick{{ID: picks[1].ID}}})
	if err != nil || all[0].Figure == nil || !strings.HasPrefix(all[0].Figure.Title, forest.fig.Title) {
		t.Errorf("the chart pinned under the filter is %v (%v), not %q", all[0].Figure, err, forest.fig.Title)
	}
	saved, err := talks.Load(path)
	if err != nil || !slices.Equal(saved.Current.Slides, picks) {
		t.Errorf("the talks file holds %+v (%v)", saved.Current, err)
	}

	ex.Present(false)
	p := ex.presenting
	if p == nil {
		t.Fatal("presenting the talk did not start")
	}
	if p.slides[0].ID != "trd-safety-1" || p.slides[len(p.slides)-1].Kind != slides.References {
		t.Errorf("presented %s ... %s", p.slides[0].ID, p.slides[len(p.slides)-1].ID)
	}
	p.leave()
	await(t, "leaving presenter mode", ex.jobs.idle())
	ex.ShowView(0)
	ex.build.runWhile(func() bool { return ex.build.pending("trd") })
	safety = pinIn(t, ex.pages.built["trd"].content, cardTitled("Safety and tolerability"))
	test.Tap(safety)
	if ex.talks.pinned("trd-safety") || safety.Text != pinLabel {
		t.Errorf("a second tap left the card pinned (%q)", safety.Text)
	}
	_ = w
}

// The builder lists the talk's slides to retitle, reorder and remove; a talk is saved by
// name, several are kept, and a saved one opens again; "Add a whole indication" adds its
// chosen sections' slides.
func TestTalkBuilderSavesNamedTalks(t *testing.T) {
	ex, w := newExplorer(t)
	path := withTalks(t, ex)
	ex.Select(0)
	ex.talks.Current = talks.Talk{Slides: []slides.Pick{{ID: "trd-overview"}, {ID: "trd-pooled"}, {ID: "si-overview"}}}
	ex.showTalk()
	dlg := w.Canvas().Overlays().Top()
	// the last slide up one, then the first removed
	var ups, removes []*widget.Button
	walk(dlg, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil {
			switch b.Icon.Name() {
			case theme.MoveUpIcon().Name():
				ups = append(ups, b)
			case theme.DeleteIcon().Name():
				if b.Text == "" {
					removes = append(removes, b)
				}
			}
		}
	})
	if len(ups) != 3 || len(removes) != 3 {
		t.Fatalf("%d up and %d remove buttons for 3 slides", len(ups), len(removes))
	}
	test.Tap(ups[2])
	dlg = w.Canvas().Overlays().Top()
	removes = nil
	walk(dlg, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == theme.DeleteIcon().Name() && b.Text == "" {
			removes = append(removes, b)
		}
	})
	test.Tap(removes[0])
	if got := ex.talks.Current.Slides; len(got) != 2 || got[0].ID != "si-overview" || got[1].ID != "trd-pooled" {
		t.Fatalf("after moving and removing: %+v", got)
	}
	// a title for the first slide, and a name
	var name, first *widget.Entry
	walk(w.Canvas().Overlays().Top(), func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok {
			switch {
			case e.PlaceHolder == "Name this talk to save it":
				name = e
			case first == nil:
				first = e
			}
		}
	})
	test.Type(name, "Grand rounds")
	test.Type(first, "Suicidal ideation: what we know")
	test.Tap(buttonNamed(w.Canvas().Overlays().Top(), "Save"))
	// a second talk, from a whole indication's overview and pooled estimates
	test.Tap(buttonNamed(w.Canvas().Overlays().Top(), "New talk"))
	if len(ex.talks.Current.Slides) != 0 {
		t.Fatal("New talk kept the slides")
	}
	ex.chooseDeck()
	test.Tap(buttonNamed(w.Canvas().Overlays().Top(), "Add to the talk"))
	want, err := ex.deckPicks(deck{Indications: []string{"trd"}, Sections: []string{slides.SectionOverview, slides.SectionCards, slides.SectionPooled}})
	if err != nil || !slices.Equal(ex.talks.Current.Slides, want) || len(want) < 3 {
		t.Errorf("added %+v, want %+v (%v)", ex.talks.Current.Slides, want, err)
	}
	ex.talks.Current.Name = "TRD in full"
	if err := ex.talks.Keep(ex.talks.Current); err != nil {
		t.Fatal(err)
	}
	ex.talks.changed(w)

	book, err := talks.Load(path)
	if err != nil || !slices.Equal(book.Names(), []string{"Grand rounds", "TRD in full"}) {
		t.Fatalf("saved talks %v (%v)", book.Names(), err)
	}
	grand, _ := book.Find("grand rounds")
	if grand.Slides[0].Title != "Suicidal ideation: what we know" {
		t.Errorf("the title typed was not kept: %+v", grand.Slides)
	}
	ss, _, err := ex.talkSlides(grand)
	if err != nil || ss[0].Title != "Suicidal ideation: what we know" {
		t.Errorf("the retitled slide presents as %q (%v)", ss[0].Title, err)
	}
}

// Exporting the talk from the window writes the file the dialog names, off the UI
// goroutine, and says where.
func TestExportTheTalkFromTheWindow(t *testing.T) {
	ex, w := newExplorer(t)
	withTalks(t, ex)
	ex.Select(0)
	ex.talks.Current = talks.Talk{Name: "Case conference: TRD", Slides: []slides.Pick{{ID: "trd-overview"}, {ID: "trd-pooled"}}}
	ex.exporter.dir = t.TempDir()
	ex.exporter.showTalk(ex.talks.Current, func() ([]slides.Slide, error) { ss, _, err := ex.talkSlides(ex.talks.Current); return ss, err })
	test.Tap(buttonNamed(w.Canvas().Overlays().Top(), "Export"))
	await(t, "the talk's export", ex.jobs.idle())
	want := filepath.Join(ex.exporter.dir, "case-conference-trd.pptx")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("no %s: %v", want, err)
	}
	if msg := texts(w.Canvas().Overlays().Top()); !strings.Contains(msg, want) {
		t.Errorf("the window says %q", msg)
	}
	_ = talkfile.PPTX
}

// The window's choices kept between runs (the collapsed header, the presenter's zoom for a
// screen size) are in the app's own file, written whole: a second window reads them as
// they were; a damaged file gives the defaults.
func TestSettingsAreKeptInTheAppsOwnFile(t *testing.T) {
	ex, w := newExplorer(t)
	path := filepath.Join(t.TempDir(), SettingsFileName)
	ex.settings = loadSettings(path)
	ex.Select(0)
	ex.setCompact(true)
	ex.Present(false)
	key(w, fyne.KeyMinus)
	await(t, "the zoom", ex.jobs.idle())
	key(w, fyne.KeyEscape)
	again := loadSettings(path)
	if !again.Compact || again.Zoom[ex.zoomKey()] != 0.9 {
		t.Errorf("kept: %+v", again)
	}
	if err := os.WriteFile(path, []byte(`{"compact_header": tr`), 0o644); err != nil {
		t.Fatal(err)
	}
	if s := loadSettings(path); s.Compact || len(s.Zoom) != 0 {
		t.Errorf("a damaged file gave %+v", s)
	}
}
