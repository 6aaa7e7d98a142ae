package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
	"ketamine-explorer/talkfile"
	"ketamine-explorer/talks"
)

// SlideFonts are the window's type faces, which exported slides are drawn in so they look
// like the presenter's.
func SlideFonts() talkfile.Fonts {
	return talkfile.Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content()}
}

// talkBook is the user's talks in the window: the one being built, which the pins add to,
// and those saved by name, kept in a file beside the user database.
type talkBook struct {
	talks.Book
	path string // "": kept for this run only
	// broken is why the file could not be read: it is left as it is, not written over
	broken error
	// shown are the pins and lists on screen, told when the talk changes, and builder
	// the talk's builder while it is open
	shown   []func()
	builder func()
}

// TalksFile is where the window keeps the talks of the user whose user database is
// userDB: beside it.
func TalksFile(userDB string) string { return filepath.Join(filepath.Dir(userDB), talks.FileName) }

func loadTalks(path string) *talkBook {
	tb := &talkBook{path: path}
	if path != "" {
		tb.Book, tb.broken = talks.Load(path)
	}
	return tb
}

// pinned says whether the current talk holds id.
func (tb *talkBook) pinned(id string) bool {
	return slices.ContainsFunc(tb.Current.Slides, func(p slides.Pick) bool { return p.ID == id })
}

// changed keeps the talk and tells what shows it.
func (tb *talkBook) changed(win fyne.Window) {
	for _, f := range tb.shown {
		f()
	}
	if tb.builder != nil {
		tb.builder()
	}
	tb.save(win)
}

// save writes the talks file; an error is said, and the talk stays as it is in the window.
func (tb *talkBook) save(win fyne.Window) {
	if tb.path == "" {
		return
	}
	err := tb.broken
	if err == nil {
		err = talks.Save(tb.path, tb.Book)
	}
	if err != nil {
		dialog.ShowError(fmt.Errorf("your talk is not saved: %w", err), win)
	}
}

// toggle adds id to the current talk, or takes it out.
func (tb *talkBook) toggle(id string, win fyne.Window) {
	if tb.pinned(id) {
		tb.Current.Slides = slices.DeleteFunc(tb.Current.Slides, func(p slides.Pick) bool { return p.ID == id })
	} else {
		tb.Current.Slides = append(tb.Current.Slides, slides.Pick{ID: id})
	}
	tb.changed(win)
}

// pinLabels say what a pin does, and that it has done it.
const (
	pinLabel    = "Pin"
	pinnedLabel = "Pinned"
)

// pinButton adds a card, chart, pooled estimate or study to the current talk, or takes it
// out again. id is found when tapped: a chart's is the unfiltered chart's.
func (ex *Explorer) pinButton(id func() string, what string) *widget.Button {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	show := func() {
		if ex.talks.pinned(id()) {
			b.SetText(pinnedLabel)
			b.SetIcon(theme.ConfirmIcon())
		} else {
			b.SetText(pinLabel)
			b.SetIcon(theme.ContentAddIcon())
		}
	}
	b.OnTapped = func() {
		if id() == "" {
			dialog.ShowInformation("Not pinned", "This "+what+" is not in the unfiltered evidence a talk shows: lift the filters to pin it.", ex.window)
			return
		}
		ex.talks.toggle(id(), ex.window)
	}
	show()
	ex.talks.shown = append(ex.talks.shown, show)
	return b
}

// talkSlides lays out the current talk from the unfiltered evidence of the indications it
// shows: a talk is the same wherever it is presented or exported.
func (ex *Explorer) talkSlides(t talks.Talk) ([]slides.Slide, map[string]domain.IndicationEvidence, error) {
	var evs []domain.IndicationEvidence
	evidence := map[string]domain.IndicationEvidence{}
	for _, ind := range ex.indications {
		if !slices.ContainsFunc(t.Slides, func(p slides.Pick) bool { return strings.HasPrefix(p.ID, ind.Key+"-") }) {
			continue
		}
		ev, err := ex.svc.Evidence(ind.Key, domain.Filter{}, -1)
		if err != nil {
			return nil, nil, err
		}
		evs = append(evs, ev)
		evidence[ind.Key] = ev
	}
	ss, err := slides.Compose(evs, ex.svc.Provenance(), t.Slides)
	return ss, evidence, err
}

// showTalk is the talk's builder: the pinned slides to title, reorder and remove, the
// saved talks to open, save and delete, a whole indication to add, and the talk to present
// or export.
func (ex *Explorer) showTalk() {
	tb := ex.talks
	name := widget.NewEntry()
	name.SetPlaceHolder("Name this talk to save it")
	name.SetText(tb.Current.Name)
	name.OnChanged = func(s string) { tb.Current.Name = s }
	saved := widget.NewSelect(nil, nil)
	saved.PlaceHolder = "Open a saved talk…"
	rows := container.NewVBox()
	count := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	var present, export *widget.Button
	var redraw func()
	move := func(i, j int) {
		s := tb.Current.Slides
		s[i], s[j] = s[j], s[i]
		tb.changed(ex.window)
	}
	redraw = func() {
		saved.Options = tb.Names()
		saved.Refresh()
		rows.Objects = nil
		ss, _, err := ex.talkSlides(tb.Current)
		// each pick by the title of its slides, and how many it brings
		titles, counts := map[string]string{}, map[string]int{}
		for _, s := range ss {
			for _, p := range tb.Current.Slides {
				if s.ID == p.ID || strings.HasPrefix(s.ID, p.ID+"-") && s.Kind != slides.References {
					titles[p.ID] = partOf.ReplaceAllString(slideTitle(s), "")
					counts[p.ID]++
				}
			}
		}
		for id, n := range counts {
			if n > 1 {
				titles[id] += fmt.Sprintf(" (%d slides)", n)
			}
		}
		for i, p := range tb.Current.Slides {
			title := widget.NewEntry()
			title.SetPlaceHolder(titles[p.ID])
			title.SetText(p.Title)
			title.OnChanged = func(s string) { tb.Current.Slides[i].Title = s }
			title.OnSubmitted = func(string) { tb.changed(ex.window) }
			up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { move(i, i-1) })
			down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { move(i, i+1) })
			remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { tb.toggle(p.ID, ex.window) })
			if i == 0 {
				up.Disable()
			}
			if i == len(tb.Current.Slides)-1 {
				down.Disable()
			}
			id := widget.NewLabel(p.ID)
			id.SizeName = theme.SizeNameCaptionText
			rows.Add(container.NewBorder(nil, nil, id, container.NewHBox(up, down, remove), title))
		}
		switch {
		case err != nil:
			count.SetText("This talk cannot be shown: " + err.Error())
		case len(tb.Current.Slides) == 0:
			rows.Add(wrapped("No slides yet. Pin cards, charts, pooled estimates and studies in the window (their Pin buttons), or add a whole indication.", false))
			count.SetText("")
		default:
			count.SetText(domain.Plural(len(ss), "slide", "slides") + ", its references included")
		}
		rows.Refresh()
		if err != nil || len(ss) == 0 {
			present.Disable()
			export.Disable()
		} else {
			present.Enable()
			export.Enable()
		}
	}
	var dlg dialog.Dialog
	present = widget.NewButtonWithIcon("Present", theme.MediaPlayIcon(), func() {
		tb.changed(ex.window) // a title typed and not yet submitted
		dlg.Hide()
		ex.Present(true)
	})
	present.Importance = widget.HighImportance
	export = widget.NewButtonWithIcon("Export…", theme.DocumentSaveIcon(), func() {
		tb.changed(ex.window)
		ex.exporter.showTalk(tb.Current, func() ([]slides.Slide, error) { ss, _, err := ex.talkSlides(tb.Current); return ss, err })
	})
	save := widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() {
		if err := tb.Keep(tb.Current); err != nil {
			dialog.ShowError(err, ex.window)
			return
		}
		tb.changed(ex.window)
	})
	remove := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() {
		if _, ok := tb.Find(tb.Current.Name); !ok {
			return
		}
		dialog.ShowConfirm("Delete this talk?", fmt.Sprintf("The saved talk %q will be deleted; the slides stay here until you clear them.", tb.Current.Name), func(ok bool) {
			if ok {
				tb.Remove(tb.Current.Name)
				tb.changed(ex.window)
			}
		}, ex.window)
	})
	clear := widget.NewButtonWithIcon("New talk", theme.ContentClearIcon(), func() {
		tb.Current = talks.Talk{}
		name.SetText("")
		tb.changed(ex.window)
	})
	saved.OnChanged = func(n string) {
		if t, ok := tb.Find(n); ok {
			tb.Current = talks.Talk{Name: t.Name, Slides: slices.Clone(t.Slides)}
			name.SetText(t.Name)
			tb.changed(ex.window)
		}
		saved.ClearSelected()
	}
	whole := widget.NewButtonWithIcon("Add a whole indication…", theme.ContentAddIcon(), ex.chooseDeck)
	top := container.NewBorder(nil, nil, nil, container.NewHBox(saved, save, remove, clear), name)
	intro := wrapped("A talk shows the evidence unfiltered, and ends with the references of every study it cites. Leave a title empty to keep the slide's own.", false)
	buttons := container.NewHBox(whole, count, layout.NewSpacer(), export, widget.NewButton("Close", func() { tb.changed(ex.window); dlg.Hide() }), present)
	dlg = dialog.NewCustomWithoutButtons("Talk", container.NewBorder(container.NewVBox(top, intro), buttons, nil, nil, container.NewVScroll(rows)), ex.window)
	redraw()
	tb.builder = redraw
	dlg.SetOnClosed(func() { tb.builder = nil })
	size := ex.window.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(1100, size.Width*0.95), min(640, size.Height*0.9)))
	dlg.Show()
}

// partOf is the "(2 of 3)" a slide's title ends with when a card or chart runs over several.
var partOf = regexp.MustCompile(` \([0-9]+ of [0-9]+\)$`)

// slideTitle is what a slide is called in the builder: a chart slide by its chart.
func slideTitle(s slides.Slide) string {
	if s.Figure != nil {
		return s.Figure.Title
	}
	return s.Title
}

// Talk sizes offered for export.
var talkSizes = []struct {
	label string
	w, h  int
}{
	{"1920 × 1080 (16:9, full HD)", 1920, 1080},
	{"1280 × 720 (16:9)", 1280, 720},
	{"1024 × 768 (4:3 projector)", 1024, 768},
	{"3840 × 2160 (16:9, 4K)", 3840, 2160},
}

// Talk formats offered for export, by the file name each writes.
var talkFormats = []struct{ label, ext string }{
	{"PowerPoint (.pptx): a picture a slide, sources and references in the notes", ".pptx"},
	{"PDF: a page a slide", ".pdf"},
	{"PNG: a picture of each slide, in a folder", ""},
}

// showTalk asks how to export a talk and where, then writes it off the UI goroutine.
func (e *exporter) showTalk(t talks.Talk, compose func() ([]slides.Slide, error)) {
	var labels []string
	for _, f := range talkFormats {
		labels = append(labels, f.label)
	}
	format := widget.NewRadioGroup(labels, nil)
	format.SetSelected(labels[0])
	var sizes []string
	for _, s := range talkSizes {
		sizes = append(sizes, s.label)
	}
	size := widget.NewSelect(sizes, nil)
	size.SetSelected(sizes[0])
	form := container.NewVBox(
		widget.NewLabelWithStyle("As", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), format,
		widget.NewLabelWithStyle("Slide size (pixels)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), size,
		widget.NewLabelWithStyle("Folder", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.folderRow(),
	)
	d := dialog.NewCustomConfirm("Export the talk", "Export", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		i, j := slices.Index(labels, format.Selected), slices.Index(sizes, size.Selected)
		ss, err := compose()
		if err != nil {
			dialog.ShowError(fmt.Errorf("nothing was exported: %w", err), e.window)
			return
		}
		stem := talkStem(t.Name)
		path, err := atomicfile.Within(e.dir, stem+talkFormats[i].ext)
		if err != nil {
			dialog.ShowError(fmt.Errorf("nothing was exported: %w", err), e.window)
			return
		}
		opt := talkfile.Options{Width: talkSizes[j].w, Height: talkSizes[j].h, Date: time.Now(),
			Title: stem + " (Ketamine Evidence Explorer, dataset " + e.datasetLabel() + ")", App: "Ketamine Evidence Explorer " + e.appVersion}
		e.writeTalk(path, ss, opt)
	}, e.window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// talkStem is a talk's file name: its name in letters, digits and dashes, "talk" if it has
// none, so a talk's title can never name a file outside the folder chosen.
func talkStem(name string) string {
	if stem := atomicfile.Name(name, 60); stem != "" {
		return stem
	}
	return "talk"
}

// writeTalk writes the talk with a progress bar and a Cancel button, and says where.
func (e *exporter) writeTalk(path string, ss []slides.Slide, opt talkfile.Options) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	progress := dialog.NewCustom("Exporting the talk…", "Cancel", bar, e.window)
	progress.SetOnClosed(cancel)
	progress.Show()
	opt.Progress = func(f float64) { fyne.Do(func() { bar.SetValue(f) }) }
	var files []string
	var err error
	e.jobs.run(func() {
		var p *talkfile.Painter
		if p, err = talkfile.NewPainter(SlideFonts()); err == nil {
			files, err = talkfile.Write(ctx, path, ss, p, opt)
		}
	}, func() {
		cancelled := ctx.Err() != nil
		progress.Hide()
		switch {
		case cancelled && err != nil:
			dialog.ShowInformation("Export cancelled", "Cancelled: no file was left half-written.", e.window)
		case err != nil:
			dialog.ShowError(fmt.Errorf("the talk was not exported: %w", err), e.window)
		default:
			dialog.ShowInformation("Exported", fmt.Sprintf("%s of %s written to %s", domain.Plural(len(files), "file", "files"), domain.Plural(len(ss), "slide", "slides"), path), e.window)
		}
	})
}
