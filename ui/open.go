package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/data"
	"ketamine-explorer/resources"
)

func (ex *Explorer) menu() *fyne.MainMenu {
	open := fyne.NewMenuItem("Open evidence database…", ex.chooseDatabase)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	bundled := fyne.NewMenuItem("Open the bundled evidence", func() {
		ex.load(resources.OpenEvidence)
	})
	about := fyne.NewMenuItem("About", func() {
		dialog.ShowInformation("About Ketamine Evidence Explorer",
			fmt.Sprintf("Version %s\n\nPublished evidence on ketamine and esketamine, by indication.\n\nDatabase: %s\nDataset: %s\nYour imported studies: %s\n\nEvery number links to its source. Records were extracted from abstracts\nand secondary pages; check the full text before clinical use.", ex.appVersion, ex.store.Name(), ex.version, ex.userDBFolder()),
			ex.window)
	})
	imp := fyne.NewMenuItem("Import studies from CSV…", ex.chooseImport)
	imp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	template := fyne.NewMenuItem("Save CSV template…", ex.saveTemplate)
	imports := fyne.NewMenuItem("Imported studies…", ex.showImports)
	exp := fyne.NewMenuItem("Export…", func() { ex.showExport(nil) })
	exp.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	keys := fyne.NewMenuItem("Keyboard shortcuts", ex.showShortcuts)
	compare := fyne.NewMenuItem("Compare side by side…", ex.showCompare)
	compare.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}
	present := fyne.NewMenuItem("Presenter mode", func() { ex.Present(true) })
	present.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}
	return fyne.NewMainMenu(
		fyne.NewMenu("File", open, bundled, fyne.NewMenuItemSeparator(), exp, fyne.NewMenuItemSeparator(), imp, template, imports),
		fyne.NewMenu("View", present, fyne.NewMenuItem("Presenter mode in this window", func() { ex.Present(false) }), fyne.NewMenuItemSeparator(), compare),
		fyne.NewMenu("Help", keys, about))
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
			ex.reload(store, inds, version)
			old.Close()
		})
	}()
}

// toolbar holds the actions a presenter reaches for, named (Fyne 2.7 has no tooltips).
func (ex *Explorer) toolbar() fyne.CanvasObject {
	button := func(label string, icon fyne.Resource, tapped func()) *widget.Button {
		b := widget.NewButtonWithIcon(label, icon, tapped)
		b.Importance = widget.LowImportance
		return b
	}
	return container.NewHBox(
		button("Present", theme.MediaPlayIcon(), func() { ex.Present(true) }),
		button("Compare", theme.ViewRestoreIcon(), ex.showCompare),
		button("Export", theme.DocumentSaveIcon(), func() { ex.showExport(nil) }),
		button("Import CSV", theme.UploadIcon(), ex.chooseImport),
		layout.NewSpacer(),
		button("Shortcuts", theme.HelpIcon(), ex.showShortcuts),
	)
}

// reload shows store's evidence (with the user's studies) from scratch, staying on the
// indication shown if it is still there.
func (ex *Explorer) reload(store *data.Store, inds []data.Indication, version string) {
	key := ex.current.Indication.Key
	ex.store, ex.baseIndications, ex.indications, ex.version = store, inds, ex.withUserCounts(inds), version
	ex.pages, ex.page.Objects, ex.current = map[string]*page{}, nil, data.IndicationEvidence{}
	ex.dataset.SetText("Dataset " + version)
	ex.nav.UnselectAll()
	ex.nav.Refresh()
	at := 0
	for i, ind := range ex.indications {
		if ind.Key == key {
			at = i
		}
	}
	ex.Select(at)
}

// Shortcuts lists every keyboard action, as the Help menu shows them.
var Shortcuts = [][2]string{
	{"Ctrl+1 … Ctrl+9", "go to the 1st … 9th indication (Cmd on macOS)"},
	{"Ctrl+O", "open another evidence database"},
	{"Ctrl+I", "import studies from a CSV template"},
	{"Ctrl+K", "compare two indications or two studies side by side"},
	{"Ctrl+E", "export charts, a PDF handout or the outcomes (CSV)"},
	{"Ctrl+P or F5", "presenter mode: full screen, one slide at a time"},
	{"→ ↓ Page Down Space", "presenter mode: next slide"},
	{"← ↑ Page Up", "presenter mode: previous slide"},
	{"Home, End", "presenter mode: first, last slide"},
	{"+ and −", "presenter mode: larger, smaller type"},
	{"Tab, Shift+Tab", "move between buttons, tabs and fields"},
	{"Space, Enter", "press the focused button: open a source, switch a chart to its data"},
	{"Esc", "close a dialog; leave presenter mode"},
}

func (ex *Explorer) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range Shortcuts {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, ex.window)
}
