package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// action is one thing the user can do from the window. The one table of them drives the
// menus, the keyboard shortcuts, the toolbar and Help > Keyboard shortcuts, so the four
// can never disagree.
type action struct {
	name string // as the menu and the help list say it
	menu string // File, View or Help ("": not in a menu)
	// key is the shortcut with the platform's modifier (Ctrl, Cmd on macOS); "" for none
	key fyne.KeyName
	// keys describes shortcuts that are not one modifier+key, for the help list
	keys    string
	toolbar string // the toolbar button's label ("": not on the toolbar)
	icon    fyne.Resource
	run     func() // nil for a line of the help list only
}

// actionTable lists every action of the window, in menu order within each menu; the
// toolbar takes them in this order, the presenter's first.
func (ex *Explorer) actionTable() []action {
	present := func() { ex.Present(true) }
	return []action{
		{name: "Presenter mode", menu: "View", key: fyne.KeyP, keys: "Ctrl+P or F5", toolbar: "Present", icon: theme.MediaPlayIcon(), run: present},
		{name: "Presenter mode in this window", menu: "View", run: func() { ex.Present(false) }},
		{name: "Talk: the slides pinned, saved talks, export…", menu: "View", key: fyne.KeyD, toolbar: "Talk", icon: theme.ListIcon(), run: ex.showTalk},
		{name: "Hide or show the header", menu: "View", key: fyne.KeyH, toolbar: "Hide header", icon: theme.MenuDropUpIcon(), run: func() { ex.setCompact(!ex.compact) }},
		{name: "Compare side by side…", menu: "View", key: fyne.KeyK, toolbar: "Compare", icon: theme.ViewRestoreIcon(), run: ex.showCompare},
		{name: "Open evidence database…", menu: "File", key: fyne.KeyO, run: ex.opener.choose},
		{name: "Open the evidence in use (the bundled or an installed update)", menu: "File", run: ex.opener.bundled},
		{name: "Install evidence update…", menu: "File", run: ex.installUpdate},
		{name: "Export…", menu: "File", key: fyne.KeyE, toolbar: "Export", icon: theme.DocumentSaveIcon(),
			run: func() { ex.exporter.show(ex.slideFigure()) }},
		{name: "Import studies from CSV…", menu: "File", key: fyne.KeyI, toolbar: "Import CSV", icon: theme.UploadIcon(), run: ex.importer.choose},
		{name: "Save CSV template…", menu: "File", run: ex.importer.saveTemplate},
		{name: "Imported studies…", menu: "File", run: ex.importer.showImports},
		{name: "Keyboard shortcuts", menu: "Help", toolbar: "Shortcuts", icon: theme.HelpIcon(), run: ex.showShortcuts},
		{name: "What's new in the evidence", menu: "Help", run: ex.showChanges},
		{name: "About", menu: "Help", run: ex.showAbout},
		{name: "go to the 1st … 9th indication (Cmd on macOS)", keys: "Ctrl+1 … Ctrl+9"},
		{name: "presenter mode: next slide", keys: "→ ↓ Page Down Space"},
		{name: "presenter mode: previous slide", keys: "← ↑ Page Up"},
		{name: "presenter mode: first, last slide", keys: "Home, End"},
		{name: "presenter mode: larger, smaller type", keys: "+ and −"},
		{name: "move between buttons, tabs and fields", keys: "Tab, Shift+Tab"},
		{name: "press the focused button: open a source, switch a chart to its data", keys: "Space, Enter"},
		{name: "close a dialog; leave presenter mode", keys: "Esc"},
	}
}

func shortcut(k fyne.KeyName) *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

// mainMenu builds the menus from the actions.
func mainMenu(actions []action) *fyne.MainMenu {
	var menus []*fyne.Menu
	for _, name := range []string{"File", "View", "Help"} {
		m := fyne.NewMenu(name)
		for _, a := range actions {
			if a.menu != name {
				continue
			}
			item := fyne.NewMenuItem(a.name, a.run)
			if a.key != "" {
				item.Shortcut = shortcut(a.key)
			}
			m.Items = append(m.Items, item)
		}
		menus = append(menus, m)
	}
	return fyne.NewMainMenu(menus...)
}

// addShortcuts registers the actions' keys, and Ctrl+1 … Ctrl+9 for the indications, on
// the canvas, so they work whatever has the focus.
func addShortcuts(c fyne.Canvas, actions []action) {
	for _, a := range actions {
		if a.key != "" {
			c.AddShortcut(shortcut(a.key), func(fyne.Shortcut) { a.run() })
		}
	}
}

// toolbar holds the actions a presenter reaches for, named (Fyne 2.7 has no tooltips).
func toolbar(actions []action) fyne.CanvasObject {
	bar := container.NewHBox()
	for _, a := range actions {
		if a.toolbar == "" {
			continue
		}
		if a.menu == "Help" {
			bar.Add(layout.NewSpacer())
		}
		b := widget.NewButtonWithIcon(a.toolbar, a.icon, a.run)
		b.Importance = widget.LowImportance
		bar.Add(b)
	}
	return bar
}

// shortcutLines are the help list's lines: keys, then what they do.
func shortcutLines(actions []action) [][2]string {
	var out [][2]string
	for _, a := range actions {
		keys := a.keys
		if keys == "" && a.key != "" {
			keys = "Ctrl+" + string(a.key)
		}
		if keys != "" {
			out = append(out, [2]string{keys, a.name})
		}
	}
	return out
}

func (ex *Explorer) showShortcuts() {
	grid := container.NewGridWithColumns(2)
	for _, s := range shortcutLines(ex.actions) {
		grid.Add(widget.NewLabelWithStyle(s[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		grid.Add(widget.NewLabel(s[1]))
	}
	dialog.ShowCustom("Keyboard shortcuts", "Close", grid, ex.window)
}

func (ex *Explorer) showAbout() {
	dialog.ShowInformation("About Ketamine Evidence Explorer",
		fmt.Sprintf("Version %s\n\nPublished evidence on ketamine and esketamine, by indication.\n\nDatabase: %s\nDataset: %s%s\nYour imported studies: %s\n\nEvery number links to its source. Records were extracted from abstracts\nand secondary pages; check the full text before clinical use.",
			ex.appVersion, ex.svc.Name(), ex.datasetLabel(), signedWith(ex.svc.Provenance()), ex.svc.UserFolder()),
		ex.window)
}
