// Package ui is the desktop window: an indication navigator and, per indication, summary
// cards, outcome charts and the studies, each number opening its source.
package ui

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/resources"
	"ketamine-explorer/ui/firstframe"
)

// AppID is the application's unique ID (also in FyneApp.toml).
const AppID = "io.github.ketamineexplorer"

// Options say how the window opens.
type Options struct {
	Version string        // the app's version, shown in About
	UserDB  string        // the user database of imported studies ("": none)
	Present bool          // open in presenter mode
	Compare bool          // open the compare window too
	Compact bool          // open with the header collapsed (see Explorer.setCompact)
	Deck    bool          // open the talk's builder
	Filter  domain.Filter // open with these filters on
	// CompareStudies, two study IDs, opens the compare window on those two studies
	CompareStudies []string
	// PresentInWindow keeps presenter mode in the window instead of full screen (for
	// sharing one window in a video call).
	PresentInWindow bool
	// PresentChart opens presenter mode on the slide of the chart with this ID (as its
	// exported file is named, "trd-05-forest").
	PresentChart string
	// PresentSlide opens presenter mode on the slide of this number (1 is the first).
	PresentSlide int
	// WhatsNew opens Help > What's new in the evidence once the window is up.
	WhatsNew bool
	// Source opens the source of a study, or of a pooled estimate, by its ID.
	Source     string
	Size       fyne.Size // the window's size (zero: 1400x900, or less on a smaller screen)
	Indication string    // the key of the indication to open on ("": the first)
	View       string    // one of Views ("": the first)
	// ExitAfterFirstFrame quits once the window's first frame is painted, and
	// ExitAfterPage once the first indication page is: for startup benchmarks.
	ExitAfterFirstFrame, ExitAfterPage bool
}

// crashReport keeps a panic's stack in the user's cache folder and says where, so it can
// be sent with a report; "" when it cannot be written.
func crashReport(r any, stack []byte) string {
	dir := evidence.CacheFolder()
	if dir == "" {
		return ""
	}
	path := filepath.Join(dir, "crash-"+time.Now().UTC().Format("20060102-150405")+".txt")
	if os.MkdirAll(dir, 0o700) != nil || os.WriteFile(path, fmt.Appendf(nil, "%v\n\n%s", r, stack), 0o600) != nil {
		return ""
	}
	return " (details in " + path + ")"
}

// Run opens the window on svc and returns when it is closed.
func Run(svc *evidence.Service, opt Options) (err error) {
	// With no display the toolkit panics while creating the window; say so in a sentence.
	// A panic once the window is up is a bug: said as one, with its stack kept in a file.
	var shown atomic.Bool
	defer func() {
		r := recover()
		switch {
		case r == nil:
		case !shown.Load():
			err = fmt.Errorf("cannot open a window (is a graphical display available?): %v", r)
		default:
			err = fmt.Errorf("the window stopped on an internal error, a bug in this app or its toolkit: %v%s", r, crashReport(r, debug.Stack()))
		}
	}()
	log.SetOutput(&quietLog{w: log.Writer()})
	a := app.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", resources.Icon))
	a.Settings().SetTheme(newAppTheme())
	w := a.NewWindow("Ketamine Evidence Explorer")
	ex, err := NewExplorer(svc, w)
	if err != nil {
		return err
	}
	ex.opening(opt)
	ahead := ex.readAhead(opt.UserDB)
	ex.runInTurns()
	// The benchmarks' exits stop the driver without closing the window first: Fyne 2.7
	// panics on a pointer event that reaches a window it is closing (fyne-io/fyne#5981),
	// as the one the window gets when it first appears under the pointer can.
	if opt.ExitAfterPage {
		ex.pagePainted = a.Driver().Quit
	}
	// The window's first frame shows the navigator; the page, whose text takes longer to
	// lay out, is built right after it, so the window is on screen as soon as it can be.
	w.SetContent(firstframe.After(ex.Content(), func() {
		shown.Store(true)
		if opt.ExitAfterFirstFrame {
			a.Driver().Quit()
			return
		}
		ex.firstPage(<-ahead)
		ex.afterStart(opt)
	}))
	w.SetMainMenu(mainMenu(ex.actions))
	ex.screen = screenSize
	if opt.Size.IsZero() {
		opt.Size = fitScreen(screenSize())
	}
	w.Resize(opt.Size)
	w.ShowAndRun()
	return nil
}

// navRowHeight is the height of a navigator row whose name wraps at the navigator's width
// (a wrapped Label knows its height only once laid out at its width, after the row's height
// was asked for: rows overlapped on a narrow window).
func (ex *Explorer) navRowHeight(name string, row *fyne.Container) float32 {
	pad, inner := theme.Padding(), theme.InnerPadding()
	width := ex.nav.Size().Width - 2*pad - 2*inner - theme.ScrollBarSize()
	if width <= 0 {
		return row.MinSize().Height
	}
	size := theme.TextSize()
	lines := wrapWords(name, width, func(t string) float32 { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width })
	line := fyne.MeasureText("Ag", size, fyne.TextStyle{}).Height
	count := row.Objects[1].MinSize().Height
	return float32(len(lines))*line + 2*inner + pad + count + pad
}

// opening sets what the window opens on: the compact header, filters, tab and indication.
// The filter is only set here: the first frame's refresh builds the page under it.
func (ex *Explorer) opening(opt Options) {
	ex.appVersion = opt.Version
	if opt.UserDB != "" {
		ex.talks = loadTalks(TalksFile(opt.UserDB))
		ex.settings = loadSettings(filepath.Join(filepath.Dir(opt.UserDB), SettingsFileName))
	}
	if opt.Compact || ex.settings.Compact {
		ex.applyCompact(true)
	}
	ex.filter = opt.Filter
	ex.filters.sync()
	for i, v := range Views {
		if v == opt.View {
			ex.ShowView(i)
		}
	}
	for i, ind := range ex.indications {
		if ind.Key == opt.Indication {
			ex.pages.wanted = i // the first frame's refresh shows it
		}
	}
}

// readAhead checks the user database (integrity, references) and then reads the first
// page, while the window comes up; the page read arrives on the channel.
func (ex *Explorer) readAhead(userDB string) <-chan *pageRead {
	ahead := make(chan *pageRead, 1)
	ind, f, dataset := ex.indications[ex.pages.wanted], ex.filter, ex.datasetLabel()
	go func() {
		if userDB != "" {
			if err := ex.svc.UseUserDB(userDB); err != nil {
				fyne.LogError("opening the user database", err)
			}
		}
		ahead <- ex.pages.read(ind, f, dataset)
	}()
	return ahead
}

// runInTurns sets the window to work as it does once it is up: pages built a piece per
// turn, each turn after the frames and input waiting; pages not shown built once the first
// is painted; and, after a filter change, the navigator's counts of matching studies
// worked out off the UI goroutine, sooner than the pages are built.
func (ex *Explorer) runInTurns() {
	ex.build.post = func(turn func()) { go fyne.Do(turn) }
	ex.pagePainted = func() {
		ex.background = true
		ex.prebuild(0)
	}
	ex.refreshed = ex.countMatches
}

// countMatches works out, off the UI goroutine, how many studies of each indication the
// filter keeps, for the navigator.
func (ex *Explorer) countMatches() {
	f, inds := ex.filter, ex.indications
	if !f.Active() {
		return
	}
	counts := map[string]int{}
	ex.jobs.run(func() {
		for _, ind := range inds {
			if ev, err := ex.pages.readEvidence(ind, f); err == nil {
				counts[ind.Key] = max(len(ev.Studies), ev.Indication.Matching)
			}
		}
	}, func() {
		if ex.filter == f { // not a filter changed since
			ex.matched = counts
			ex.nav.Refresh()
		}
	})
}

// firstPage shows the page read ahead (or reads it, if the window wants another by now).
// It is built in one go as far as the window shows it (a frame in between would only cost
// its drawing, and Fyne draws every text laid out, seen or not); the rest follows a piece
// per turn. From here on pages are read off the UI goroutine.
func (ex *Explorer) firstPage(ahead *pageRead) {
	ex.pages.ahead = ahead
	ex.refresh() // counts the user's studies, once their database is open
	key := ex.current.Indication.Key
	if p := ex.pages.built[key]; p != nil { // nil: it could not be read, as a dialog said
		ex.build.runWhile(func() bool { return ex.build.pending(key) && !p.filled() })
		ex.viewBuilt(key)
	}
	ex.pages.offUI = ex.jobs.run
}

// afterStart opens what the command line asked for once the first page is up.
func (ex *Explorer) afterStart(opt Options) {
	ex.watchUserDB()
	if opt.Present || opt.PresentChart != "" || opt.PresentSlide > 0 {
		ex.Present(!opt.PresentInWindow)
	}
	if p := ex.presenting; p != nil && opt.PresentChart != "" {
		p.goToChart(opt.PresentChart)
	}
	if p := ex.presenting; p != nil && opt.PresentSlide > 0 {
		p.goTo(min(opt.PresentSlide, len(p.slides)) - 1)
	}
	if opt.WhatsNew {
		ex.showChanges()
	}
	if err := ex.talks.broken; err != nil {
		dialog.ShowError(fmt.Errorf("your saved talks cannot be read: %w", err), ex.window)
	}
	if opt.Deck {
		ex.showTalk()
	}
	if opt.Source != "" {
		ex.openByID(opt.Source)
	}
	if opt.Compare || len(opt.CompareStudies) == 2 {
		ex.showCompare()
	}
	if len(opt.CompareStudies) == 2 {
		ex.compare.chooseStudies(opt.CompareStudies[0], opt.CompareStudies[1])
	}
}

// state is what the window shows, shared by its features (filters, export, import,
// compare, presenter): they read it, and only the explorer changes it.
type state struct {
	window      fyne.Window
	screen      func() fyne.Size // the screen the window is on (nil: unknown, as in tests)
	jobs        *jobs            // work off the UI goroutine
	svc         *evidence.Service
	appVersion  string
	indications []domain.Indication // with the user's studies counted
	current     domain.IndicationEvidence
	// currentFilter is the filter current was read under: until a refresh's page is read,
	// the page shown is still the one read under the filter before
	currentFilter domain.Filter
	filter        domain.Filter
	// evidenceFor is the i-th indication's evidence as its page shows it (filtered).
	evidenceFor func(i int) (domain.IndicationEvidence, error)
	settings    *settings // the choices kept between runs
}

// datasetLabel is the dataset and its origin, as every footer gives it after "Dataset ".
func (s *state) datasetLabel() string { return s.svc.Provenance().Label() }

// all is every indication's evidence as the pages show it, for slides and handouts.
func (s *state) all() ([]domain.IndicationEvidence, error) {
	var out []domain.IndicationEvidence
	for i := range s.indications {
		ev, err := s.evidenceFor(i)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// Explorer is the main window: a navigator of indications and the page of the one chosen,
// with the features around them.
type Explorer struct {
	*state
	nav         *widget.List
	page        *fyne.Container // the stack of built pages, the one shown visible
	content     fyne.CanvasObject
	pages       *pages
	build       builder             // builds pages a piece per turn
	stale       []fyne.CanvasObject // pages a refresh replaced, shown until the next is
	background  bool                // pages not shown are built while the window is idle (after start-up)
	pagePainted func()              // run once after the first page is painted: prebuild, or quit (benchmarks)
	refreshed   func()              // run after refresh (the app counts matching studies)
	matched     map[string]int      // studies matching the filter, by indication, once counted
	dataset     *widget.Label
	banner      *banner       // a file not an official release, or an update not used
	view        int           // the tab shown, kept when switching indication
	presenting  *presenter    // non-nil in presenter mode
	userSeen    fileSignature // the user database as the window last saw it (see watchUserDB)
	talks       *talkBook     // the talk being built and those saved
	compare     *comparer     // the compare window, when open
	filters     *filterBar
	exporter    *exporter
	importer    *importer
	opener      *opener
	actions     []action
	top         *fyne.Container // toolbar, filters and search: hidden in the compact header
	compact     bool            // the header is collapsed so the charts get the screen
}

// setCompact collapses the header (toolbar, filters, search and headline card) to the
// indication's title and counts, so a laptop screen shows the charts, or restores it. The
// choice is remembered.
func (ex *Explorer) setCompact(on bool) {
	ex.settings.Compact = on
	ex.settings.save()
	ex.applyCompact(on)
}

// applyCompact is setCompact for this run only (--compact, the remembered choice).
func (ex *Explorer) applyCompact(on bool) {
	ex.compact = on
	if on {
		ex.top.Hide()
	} else {
		ex.top.Show()
	}
	for _, p := range ex.pages.built {
		p.compact(on)
	}
	ex.page.Refresh()
}

// NewExplorer reads the indication list and builds the window content.
func NewExplorer(svc *evidence.Service, w fyne.Window) (*Explorer, error) {
	inds, err := svc.Indications()
	if err != nil {
		return nil, err
	}
	st := &state{svc: svc, window: w, jobs: &jobs{}, indications: inds}
	ex := &Explorer{state: st, page: container.NewStack(), talks: loadTalks("")}
	st.settings = loadSettings("")
	ex.pages = newPages(svc, ex.addPage)
	st.evidenceFor = func(i int) (domain.IndicationEvidence, error) {
		return ex.pages.evidence(ex.indications[i], ex.filter)
	}
	ex.exporter = &exporter{state: st}
	ex.importer = &importer{state: st, changed: func() { ex.userSeen = signatureOf(svc.UserPath()); ex.refresh() }}
	ex.opener = &opener{state: st, opened: ex.swap}
	ex.nav = widget.NewList(
		func() int { return len(ex.indications) },
		func() fyne.CanvasObject {
			// regular weight: a bold face is one more font to load before the first frame
			name := widget.NewLabel("")
			name.Wrapping = fyne.TextWrapWord
			count := widget.NewLabel("")
			count.SizeName = theme.SizeNameCaptionText // under the name, not another name
			return container.NewVBox(name, count)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			ind := ex.indications[id]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(ind.Name)
			box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · Ctrl+%d", ex.navCount(ind), id+1))
			ex.nav.SetItemHeight(id, ex.navRowHeight(ind.Name, box))
		})
	ex.nav.OnSelected = func(id widget.ListItemID) { ex.show(id) }
	heading := widget.NewLabel("Indications")
	heading.SizeName = theme.SizeNameSubHeadingText
	ex.dataset = widget.NewLabel("Dataset " + st.datasetLabel())
	ex.dataset.Wrapping = fyne.TextWrapWord // the dataset's origin is a sentence
	ex.dataset.SizeName = theme.SizeNameCaptionText
	// a row is as tall as its name wraps at the navigator's width: found again when that changes
	nav := container.New(&widthWatch{changed: ex.nav.Refresh}, ex.nav)
	left := container.NewBorder(heading, ex.dataset, nil, nil, nav)
	ex.filters = newFilterBar(st, ex.SetFilter, ex.showSearchResults)
	ex.actions = ex.actionTable()
	ex.top = container.NewVBox(toolbar(ex.actions), ex.filters.content)
	ex.banner = newBanner()
	ex.banner.show(svc.Provenance())
	split := container.NewHSplit(left, container.NewBorder(container.NewVBox(ex.banner.content, ex.top), nil, nil, nil, ex.page))
	split.Offset = 0.2
	ex.content = split
	addShortcuts(w.Canvas(), ex.actions)
	for i := 0; i < 9; i++ {
		w.Canvas().AddShortcut(shortcut(fyne.KeyName(fmt.Sprint(i+1))), func(fyne.Shortcut) { ex.Select(i) })
	}
	// Fyne's dialogs have no key to close them: Esc closes the one on top.
	// F5 presents, as in slide software, when no field has the keyboard.
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		top := w.Canvas().Overlays().Top()
		switch {
		case k.Name == fyne.KeyEscape && top != nil:
			top.Hide()
		case k.Name == fyne.KeyF5 && top == nil:
			ex.Present(true)
		}
	})
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

func (ex *Explorer) show(i int) {
	if i < 0 || i >= len(ex.indications) {
		return
	}
	ex.pages.wanted = i
	ex.pageAt(i, func(p *page, err error) {
		switch {
		case err != nil:
			ex.dropStale()
			ex.current = domain.IndicationEvidence{}
			dialog.ShowError(err, ex.window)
		case ex.pages.wanted == i: // not another chosen while it was read
			ex.display(p)
		}
	})
}

// pageAt hands the i-th indication's page, under the filter in force, to then (see
// pages.get).
func (ex *Explorer) pageAt(i int, then func(*page, error)) {
	ex.pages.get(i, ex.indications[i], ex.filter, ex.datasetLabel(), then)
}

// dropStale takes the pages a refresh replaced off the window.
func (ex *Explorer) dropStale() {
	for _, o := range ex.stale {
		ex.page.Remove(o)
	}
	ex.stale = nil
}

// display puts a built page on screen.
func (ex *Explorer) display(p *page) {
	ex.dropStale()
	ex.current, ex.currentFilter = p.ev, p.filter
	if p.tabs.SelectedIndex() != ex.view {
		p.tabs.SelectIndex(ex.view)
	}
	title := "Ketamine Evidence Explorer — " + p.ev.Indication.Name
	if !ex.svc.IsBundled() {
		name := ex.svc.Name()
		title += " — " + name
	}
	if !ex.svc.Provenance().Official() {
		title += " — NOT AN OFFICIAL RELEASE"
	}
	ex.window.SetTitle(title)
	for _, o := range ex.page.Objects {
		if o != p.content {
			o.Hide()
		}
	}
	p.content.Show()
	key := p.ev.Indication.Key
	if !ex.build.pending(key) {
		ex.viewBuilt(key)
	}
	ex.build.first(key)
}

// viewBuilt runs pagePainted once the page shown has the view on screen built.
func (ex *Explorer) viewBuilt(key string) {
	if fn := ex.pagePainted; fn != nil && key == ex.current.Indication.Key {
		ex.pagePainted = nil
		ex.page.Add(firstframe.After(layout.NewSpacer(), fn))
	}
}

// navCount is what the navigator says of an indication's studies: how many, or, with a
// filter on and the indication's page built, how many of them match.
func (ex *Explorer) navCount(ind domain.Indication) string {
	all := domain.Plural(ind.StudyCount, "study", "studies")
	if !ex.filter.Active() {
		return all
	}
	if p := ex.pages.built[ind.Key]; p != nil {
		return fmt.Sprintf("%d of %s match", len(p.ev.Studies), all)
	}
	if n, ok := ex.matched[ind.Key]; ok {
		return fmt.Sprintf("%d of %s match", n, all)
	}
	return all
}

// addPage builds the i-th indication's page of what r read, puts it, hidden, in the page
// stack (so showing it again needs no new layout), and queues its pieces.
func (ex *Explorer) addPage(i int, r *pageRead) *page {
	ex.filters.noteRoutes(r.ev.Studies)
	p := ex.indicationPage(r)
	p.content.Hide()
	ex.page.Add(p.content)
	ex.build.add(r.key, p.steps...)
	ex.build.add(r.key, func() { ex.viewBuilt(r.key) })
	ex.build.add(r.key, p.rest...)
	p.steps, p.rest = nil, nil
	if ex.filter.Active() {
		ex.nav.RefreshItem(i) // its count of matching studies is known now
	}
	return p
}

// prebuild builds the pages not built yet, from the i-th on, a piece per turn, so that
// the first visit to each is as quick as a return to it. It runs once the window is idle
// after starting, and again after a refresh.
func (ex *Explorer) prebuild(i int) {
	if i >= len(ex.indications) {
		return
	}
	ex.pageAt(i, func(_ *page, err error) {
		if err != nil {
			fyne.LogError("prebuilding a page", err)
		}
		ex.build.add(ex.indications[i].Key, func() { ex.prebuild(i + 1) })
	})
}

// shown is the page on screen.
func (ex *Explorer) shown() fyne.CanvasObject {
	return ex.pages.built[ex.current.Indication.Key].content
}

// swap shows another evidence database's evidence (the user's studies stay).
func (ex *Explorer) swap(next *evidence.Service) {
	ex.svc.Swap(next)
	ex.refresh()
}

// refresh shows the evidence again from scratch after the database, the user's studies or
// the filter changed, staying on the indication shown if it is still there.
func (ex *Explorer) refresh() {
	inds, err := ex.svc.Indications()
	ex.banner.show(ex.svc.Provenance())
	if err != nil {
		dialog.ShowError(err, ex.window)
		return
	}
	key := ex.current.Indication.Key
	if w := ex.pages.wanted; w < len(ex.indications) {
		key = ex.indications[w].Key // chosen, perhaps not read yet
	}
	replaced := []string{""} // the prebuilding, and every page
	for _, ind := range ex.indications {
		replaced = append(replaced, ind.Key)
	}
	ex.build.drop(replaced...)
	ex.pages.reset()
	ex.talks.shown = nil // the pins of the pages replaced
	ex.indications = inds
	// the page shown stays until its successor is read and shown: no blank frame between
	ex.stale = append(ex.stale, ex.page.Objects...)
	ex.matched = nil
	ex.dataset.SetText("Dataset " + ex.datasetLabel())
	ex.nav.UnselectAll()
	ex.nav.Refresh()
	at := 0
	for i, ind := range ex.indications {
		if ind.Key == key {
			at = i
		}
	}
	ex.Select(at)
	if ex.background {
		ex.build.add("", func() { ex.prebuild(0) })
	}
	if ex.refreshed != nil {
		ex.refreshed()
	}
}

// openByID opens the source of the study, or the pooled estimate, with that ID.
func (ex *Explorer) openByID(id string) {
	evs, err := ex.all()
	if err != nil {
		dialog.ShowError(err, ex.window)
		return
	}
	if _, ok := findPool(evs, id); ok {
		openSource(ex.window, evs, "", id)
		return
	}
	openSource(ex.window, evs, id, "")
}
