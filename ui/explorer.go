// Package ui is the desktop window: an indication navigator and, per indication, summary
// cards, outcome charts and the studies, each number opening its source.
package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/data"
	"ketamine-explorer/resources"
	"ketamine-explorer/ui/firstframe"
)

// AppID is the application's unique ID (also in FyneApp.toml).
const AppID = "io.github.ketamineexplorer"

// Options say how the window opens.
type Options struct {
	Version    string // the app's version, shown in About
	Indication string // the key of the indication to open on ("": the first)
	View       string // one of Views ("": the first)
	// ExitAfterFirstFrame quits once the window's first frame is painted, and
	// ExitAfterPage once the first indication page is: for startup benchmarks.
	ExitAfterFirstFrame, ExitAfterPage bool
}

// Run opens the window on store and returns when it is closed.
func Run(store *data.Store, opt Options) (err error) {
	// With no display the toolkit panics while creating the window; say so in a sentence.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot open a window (is a graphical display available?): %v", r)
		}
	}()
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	w := a.NewWindow("Ketamine Evidence Explorer")
	ex, err := NewExplorer(store, w)
	if err != nil {
		return err
	}
	ex.appVersion = opt.Version
	for i, v := range Views {
		if v == opt.View {
			ex.ShowView(i)
		}
	}
	start := 0
	for i, ind := range ex.indications {
		if ind.Key == opt.Indication {
			start = i
		}
	}
	ex.pagePainted = func() { ex.prebuild(0) }
	if opt.ExitAfterPage {
		ex.pagePainted = a.Quit
	}
	// The window's first frame shows the navigator; the page, whose text takes longer to
	// lay out, is built right after it, so the window is on screen as soon as it can be.
	w.SetContent(firstframe.After(ex.Content(), func() {
		if opt.ExitAfterFirstFrame {
			a.Quit()
			return
		}
		ex.Select(start)
	}))
	w.SetMainMenu(ex.menu())
	w.Resize(fyne.NewSize(1400, 900))
	w.ShowAndRun()
	return nil
}

// Explorer is the main window's content and state.
type Explorer struct {
	store       *data.Store
	window      fyne.Window
	version     string
	indications []data.Indication
	nav         *widget.List
	page        *fyne.Container
	content     fyne.CanvasObject
	current     data.IndicationEvidence
	tabs        *container.AppTabs
	pages       map[string]*page
	pagePainted func() // run once after the first page is painted (benchmarks)
	dataset     *widget.Label
	view        int // the tab shown, kept when switching indication
	appVersion  string
}

// NewExplorer reads the indication list and builds the window content.
func NewExplorer(store *data.Store, w fyne.Window) (*Explorer, error) {
	inds, err := store.Indications()
	if err != nil {
		return nil, err
	}
	version, err := store.DatasetVersion()
	if err != nil {
		return nil, err
	}
	ex := &Explorer{store: store, window: w, version: version, indications: inds, page: container.NewStack(), pages: map[string]*page{}}
	ex.nav = widget.NewList(
		func() int { return len(ex.indications) },
		func() fyne.CanvasObject {
			name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Wrapping = fyne.TextWrapWord
			return container.NewVBox(name, widget.NewLabel(""))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			ind := ex.indications[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(ind.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d studies · Ctrl+%d", ind.StudyCount, id+1))
			ex.nav.SetItemHeight(id, box.MinSize().Height)
		})
	ex.nav.OnSelected = func(id widget.ListItemID) { ex.show(id) }
	heading := widget.NewLabelWithStyle("Indications", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	ex.dataset = widget.NewLabel("Dataset " + version)
	left := container.NewBorder(heading, ex.dataset, nil, nil, ex.nav)
	split := container.NewHSplit(left, ex.page)
	split.Offset = 0.2
	ex.content = split
	for i := 0; i < 9; i++ {
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { ex.Select(i) })
	}
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.chooseDatabase() })
	return ex, nil
}

// Content is the window's content.
func (ex *Explorer) Content() fyne.CanvasObject { return ex.content }

// Select shows the i-th indication, as a click in the navigator does.
func (ex *Explorer) Select(i int) {
	if i >= 0 && i < len(ex.indications) {
		ex.nav.Select(i)
	}
}

// A page shows an indication's first pageStudies studies (randomized evidence first), and
// each card its first cardItems items: enough for a room to read, and a page costs the
// same however large the evidence database grows. The CLI's show and export give all.
const (
	pageStudies = 200
	cardItems   = 20
)

// page is one indication's built page, kept so going back to it is instant and its charts
// need not be drawn again.
type page struct {
	ev      data.IndicationEvidence
	content fyne.CanvasObject
	tabs    *container.AppTabs
}

func (ex *Explorer) show(i int) {
	if i < 0 || i >= len(ex.indications) {
		return
	}
	p, err := ex.pageFor(i)
	if err != nil {
		dialog.ShowError(err, ex.window)
		return
	}
	ex.current, ex.tabs = p.ev, p.tabs
	if p.tabs.SelectedIndex() != ex.view {
		p.tabs.SelectIndex(ex.view)
	}
	title := "Ketamine Evidence Explorer — " + p.ev.Indication.Name
	if name := ex.store.Name(); name != "bundled evidence" {
		title += " — " + name
	}
	ex.window.SetTitle(title)
	for _, o := range ex.page.Objects {
		if o != p.content {
			o.Hide()
		}
	}
	p.content.Show()
	if fn := ex.pagePainted; fn != nil {
		ex.pagePainted = nil
		ex.page.Add(firstframe.After(layout.NewSpacer(), fn))
	}
}

// pageFor returns the i-th indication's page, building it if need be. Built pages stay in
// the page stack, hidden, so showing one again needs no new layout.
func (ex *Explorer) pageFor(i int) (*page, error) {
	ind := ex.indications[i]
	if p := ex.pages[ind.Key]; p != nil {
		return p, nil
	}
	ev, err := ex.store.EvidenceFirst(ind.Key, pageStudies)
	if err != nil {
		return nil, fmt.Errorf("could not load %s: %w", ind.Name, err)
	}
	p := ex.indicationPage(ev)
	p.content.Hide()
	ex.page.Add(p.content)
	ex.pages[ind.Key] = p
	return p, nil
}

// prebuild builds, one per frame, the pages not yet built, so that the first visit to
// each is as quick as a return to it. It runs once the window is idle after starting.
func (ex *Explorer) prebuild(i int) {
	if i >= len(ex.indications) {
		return
	}
	if _, err := ex.pageFor(i); err != nil {
		fyne.LogError("prebuilding a page", err)
	}
	go fyne.Do(func() { ex.prebuild(i + 1) })
}

// shown is the page on screen.
func (ex *Explorer) shown() fyne.CanvasObject {
	return ex.pages[ex.current.Indication.Key].content
}

// Views of an indication page, in tab order.
var Views = []string{"summary", "charts", "studies"}

func (ex *Explorer) indicationPage(ev data.IndicationEvidence) *page {
	title := widget.NewLabelWithStyle(ev.Indication.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	count := fmt.Sprintf("%d studies", ev.Indication.StudyCount)
	if len(ev.Studies) < ev.Indication.StudyCount {
		count += fmt.Sprintf(" (the first %d shown, randomized evidence first; `show` and `export` give all)", len(ev.Studies))
	}
	sub := widget.NewLabel(count + " · dataset " + ex.version + " · the info button beside an item, or a click on a chart row, opens its source")
	header := container.NewVBox(title, sub)
	if gap := ev.Indication.EvidenceGap; gap != "" {
		// the absence of evidence is the finding here: it must not read as a footnote
		msg := widget.NewLabelWithStyle(gap, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		msg.Wrapping = fyne.TextWrapWord
		msg.Importance = widget.WarningImportance
		header.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, msg))
	}

	summary := container.NewVBox()
	var grid []fyne.CanvasObject
	for _, c := range data.Cards(ev) {
		card := ex.cardView(ev, c)
		if c.Key == "headline" {
			header.Add(card)
			continue
		}
		grid = append(grid, card)
	}
	summary.Add(container.NewGridWithColumns(2, grid...))

	var views []fyne.CanvasObject
	for _, f := range charts.For(ev, ex.version) {
		views = append(views, newChartView(f, func(r charts.Row) {
			if st, ok := study(ev, r.StudyID); ok {
				showSource(ex.window, st, r.OutcomeID)
			}
		}))
	}
	chartGrid := container.NewGridWithColumns(2, views...)

	studies := ex.studyList(ev.Studies)
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Summary cards", theme.DocumentIcon(), container.NewVScroll(container.NewPadded(summary))),
		container.NewTabItemWithIcon(fmt.Sprintf("Outcome charts (%d)", len(views)), theme.GridIcon(), container.NewVScroll(container.NewPadded(chartGrid))),
		container.NewTabItemWithIcon(fmt.Sprintf("Studies (%d)", len(ev.Studies)), theme.ListIcon(), container.NewPadded(studies)),
	)
	tabs.SelectIndex(ex.view)
	tabs.OnSelected = func(*container.TabItem) { ex.view = tabs.SelectedIndex() }
	return &page{ev: ev, content: container.NewBorder(container.NewPadded(header), nil, nil, nil, tabs), tabs: tabs}
}

// ShowView switches the page to one of Views, as clicking its tab does.
func (ex *Explorer) ShowView(i int) {
	ex.view = i
	if ex.tabs != nil {
		ex.tabs.SelectIndex(i)
	}
}

func sectionTitle(text string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// study finds a study of the indication by id.
func study(ev data.IndicationEvidence, id string) (data.Study, bool) {
	for _, st := range ev.Studies {
		if st.ID == id {
			return st, true
		}
	}
	return data.Study{}, false
}

// cardView is a summary card; each item that comes from a study has a button that opens
// the source, and a number the seed summary disputes carries a warning.
func (ex *Explorer) cardView(ev data.IndicationEvidence, c data.Card) fyne.CanvasObject {
	box := container.NewVBox()
	items := c.Items
	if len(items) > cardItems {
		items = items[:cardItems]
	}
	for _, it := range items {
		label := wrapped(it.Line(), false)
		var left fyne.CanvasObject
		if it.Disputed {
			left = widget.NewIcon(theme.WarningIcon())
		}
		var right fyne.CanvasObject
		if st, ok := study(ev, it.StudyID); ok {
			outcome := it.Outcome
			btn := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { showSource(ex.window, st, outcome) })
			btn.Importance = widget.LowImportance
			right = btn
		}
		box.Add(container.NewBorder(nil, nil, left, right, label))
	}
	if more := len(c.Items) - len(items); more > 0 {
		box.Add(widget.NewLabelWithStyle(fmt.Sprintf("… and %d more: see the Studies tab, or `ketamine-explorer show`", more),
			fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	return widget.NewCard(c.Title, "", box)
}

// studyList lists the studies, one line each, with a button that opens the full source;
// a list draws only the rows on screen, so a long one costs no more than a short one.
func (ex *Explorer) studyList(studies []data.Study) fyne.CanvasObject {
	return widget.NewList(
		func() int { return len(studies) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("Source", theme.InfoIcon(), nil), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			st := studies[id]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%s — %s; %s; extraction: %s", st.Label, st.Design, st.SizeText(), st.Extraction))
			row.Objects[1].(*widget.Button).OnTapped = func() { showSource(ex.window, st, "") }
		})
}

func (ex *Explorer) menu() *fyne.MainMenu {
	open := fyne.NewMenuItem("Open evidence database…", ex.chooseDatabase)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	bundled := fyne.NewMenuItem("Open the bundled evidence", func() {
		ex.load(func() (*data.Store, error) { return data.OpenBytes(resources.EvidenceDB, "bundled evidence") })
	})
	about := fyne.NewMenuItem("About", func() {
		dialog.ShowInformation("About Ketamine Evidence Explorer",
			fmt.Sprintf("Version %s\n\nPublished evidence on ketamine and esketamine, by indication.\n\nDatabase: %s\nDataset: %s\n\nEvery number links to its source. Records were extracted from abstracts\nand secondary pages; check the full text before clinical use.", ex.appVersion, ex.store.Name(), ex.version),
			ex.window)
	})
	return fyne.NewMainMenu(fyne.NewMenu("File", open, bundled), fyne.NewMenu("Help", about))
}

// chooseDatabase asks for an evidence database file and opens it.
func (ex *Explorer) chooseDatabase() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ex.window)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		ex.OpenDatabase(path)
	}, ex.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".sqlite", ".sqlite3", ".db"}))
	d.Show()
}

// OpenDatabase opens another evidence database file, read-only, and shows it; a file that
// cannot be used is refused with a message and the current one stays.
func (ex *Explorer) OpenDatabase(path string) {
	ex.load(func() (*data.Store, error) { return data.Open(path) })
}

// load opens a store off the UI goroutine (checking a large file takes a while), then
// switches the window to it.
func (ex *Explorer) load(open func() (*data.Store, error)) {
	wait := dialog.NewCustomWithoutButtons("Opening the evidence database…", widget.NewProgressBarInfinite(), ex.window)
	wait.Show()
	go func() {
		store, err := open()
		var inds []data.Indication
		var version string
		if err == nil {
			inds, err = store.Indications()
		}
		if err == nil {
			version, err = store.DatasetVersion()
		}
		if err != nil && store != nil {
			store.Close()
		}
		fyne.Do(func() {
			wait.Hide()
			if err != nil {
				dialog.ShowError(fmt.Errorf("that evidence database cannot be opened, so the current one stays open.\n\n%w", err), ex.window)
				return
			}
			old := ex.store
			ex.store, ex.indications, ex.version = store, inds, version
			ex.pages, ex.page.Objects, ex.current = map[string]*page{}, nil, data.IndicationEvidence{}
			ex.dataset.SetText("Dataset " + version)
			ex.nav.UnselectAll()
			ex.nav.Refresh()
			ex.Select(0)
			old.Close()
		})
	}()
}
