// Package ui is the desktop window: an indication navigator and, per indication, summary
// cards, outcome charts and the studies, each number opening its source.
package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/data"
	"ketamine-explorer/resources"
	"ketamine-explorer/ui/firstframe"
)

// AppID is the application's unique ID (also in FyneApp.toml).
const AppID = "io.github.ketamineexplorer"

// Options say how the window opens.
type Options struct {
	Version string // the app's version, shown in About
	UserDB  string // the user database of imported studies ("": none)
	Present bool   // open in presenter mode
	Compare bool   // open the compare window too
	// PresentInWindow keeps presenter mode in the window instead of full screen (for
	// sharing one window in a video call).
	PresentInWindow bool
	Size            fyne.Size // the window's size (zero: 1400x900)
	Indication      string    // the key of the indication to open on ("": the first)
	View            string    // one of Views ("": the first)
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
	a.Settings().SetTheme(newAppTheme())
	w := a.NewWindow("Ketamine Evidence Explorer")
	ex, err := NewExplorer(store, w)
	if err != nil {
		return err
	}
	ex.appVersion = opt.Version
	// The user database is checked (integrity, references) while the window comes up,
	// not before it.
	type opened struct {
		user *data.UserStore
		err  error
	}
	userDB := make(chan opened, 1)
	go func() {
		if opt.UserDB == "" {
			userDB <- opened{err: errNoUserDB}
			return
		}
		u, err := data.OpenUser(opt.UserDB)
		if err != nil {
			fyne.LogError("opening the user database", err)
		}
		userDB <- opened{u, err}
	}()
	defer func() {
		if ex.user != nil {
			ex.user.Close()
		}
	}()
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
		o := <-userDB
		ex.SetUserStore(o.user, o.err)
		ex.Select(start)
		if opt.Present {
			ex.Present(!opt.PresentInWindow)
		}
		if opt.Compare {
			ex.showCompare()
		}
	}))
	w.SetMainMenu(ex.menu())
	if opt.Size.IsZero() {
		opt.Size = fyne.NewSize(1400, 900)
	}
	w.Resize(opt.Size)
	w.ShowAndRun()
	return nil
}

// errNoUserDB is why importing is off until a user database is given.
var errNoUserDB = errors.New("no user database is open")

// Explorer is the main window's content and state.
type Explorer struct {
	store       *data.Store
	window      fyne.Window
	version     string
	indications []data.Indication // with the user's studies counted
	// baseIndications are the store's own, before the user's studies are counted
	baseIndications []data.Indication
	user            *data.UserStore // nil when it could not be opened (userErr says why)
	userErr         error
	nav             *widget.List
	page            *fyne.Container
	content         fyne.CanvasObject
	current         data.IndicationEvidence
	pages           map[string]*page
	pagePainted     func() // run once after the first page is painted: prebuild, or quit (benchmarks)
	dataset         *widget.Label
	view            int // the tab shown, kept when switching indication
	appVersion      string
	presenting      *presenter // non-nil in presenter mode
	exportDir       string     // the folder of the last export
	filter          data.Filter
	compare         *comparer // the compare window, when open
	filters         *filterBar
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
	ex := &Explorer{store: store, window: w, version: version, indications: inds, baseIndications: inds, userErr: errNoUserDB, page: container.NewStack(), pages: map[string]*page{}}
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
	ex.filters = ex.newFilterBar()
	split := container.NewHSplit(left, container.NewBorder(container.NewVBox(ex.toolbar(), ex.filters.content), nil, nil, nil, ex.page))
	split.Offset = 0.2
	ex.content = split
	for i := 0; i < 9; i++ {
		w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyName(fmt.Sprint(i + 1)), Modifier: fyne.KeyModifierShortcutDefault},
			func(fyne.Shortcut) { ex.Select(i) })
	}
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.chooseDatabase() })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.chooseImport() })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.Present(true) })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.showExport(ex.slideFigure()) })
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ex.showCompare() })
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
	ex.current = p.ev
	if p.tabs.SelectedIndex() != ex.view {
		p.tabs.SelectIndex(ex.view)
	}
	title := "Ketamine Evidence Explorer — " + p.ev.Indication.Name
	if name := ex.store.Name(); name != resources.EvidenceName {
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
	ev, err := ex.evidenceFor(i)
	if err != nil {
		return nil, err
	}
	p := ex.indicationPage(ev)
	p.content.Hide()
	ex.page.Add(p.content)
	ex.pages[ind.Key] = p
	return p, nil
}

// evidenceFor loads the i-th indication's evidence with the user's studies, as pages,
// slides and handouts show it.
func (ex *Explorer) evidenceFor(i int) (data.IndicationEvidence, error) {
	ind := ex.indications[i]
	if p := ex.pages[ind.Key]; p != nil {
		return p.ev, nil
	}
	ev, err := ex.unfiltered(i)
	return ex.filter.Apply(ev), err
}

// unfiltered is the i-th indication's evidence with the user's studies, before filters.
func (ex *Explorer) unfiltered(i int) (data.IndicationEvidence, error) {
	ind := ex.indications[i]
	ev, err := ex.store.EvidenceFirst(ind.Key, pageStudies)
	if err != nil {
		return ev, fmt.Errorf("could not load %s: %w", ind.Name, err)
	}
	ev = data.WithUserStudies(ev, ex.userStudies(ind.Key))
	if ex.filters != nil {
		ex.filters.noteRoutes(ev.Studies)
	}
	return ev, nil
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
