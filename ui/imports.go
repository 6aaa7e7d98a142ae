package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/csvimport"
	"ketamine-explorer/domain"
)

// importer adds studies from CSV templates to the user database, and lists and removes
// imports.
type importer struct {
	*state
	changed func()           // the user's studies changed: show the evidence again
	folder  fyne.ListableURI // where the last file imported came from: its problems are saved beside it
}

// usable says whether studies can be imported or removed, and says why not if not.
func (im *importer) usable() bool {
	err := im.svc.UserError()
	if err == nil {
		return true
	}
	dialog.ShowError(fmt.Errorf("your user database cannot be used, so studies cannot be imported or removed.\n\n%w", err), im.window)
	return false
}

// chooseImport asks for a filled-in CSV template and imports it.
func (im *importer) choose() {
	if !im.usable() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, im.window)
			return
		}
		if r != nil {
			if parent, err := storage.Parent(r.URI()); err == nil {
				if folder, err := storage.ListerForURI(parent); err == nil {
					im.folder = folder
				}
			}
			im.ImportCSV(r.URI().Name(), r)
		}
	}, im.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// ImportCSV checks and imports a template file off the UI goroutine, then shows the new
// studies, or every problem found (and that nothing was imported).
func (im *importer) ImportCSV(name string, r io.ReadCloser) {
	if !im.usable() {
		r.Close()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	wait := showProgress(im.window, "Importing "+name+"…", "Every row is checked before anything is added.", cancel)
	var imp domain.Import
	var err error
	im.jobs.run(func() {
		imp, err = im.svc.Import(ctx, name, r, im.waiting(wait))
		r.Close()
	}, func() {
		defer cancel()
		wait.hide()
		var problems csvimport.Problems
		switch {
		case errors.As(err, &problems):
			im.showProblems(name, problems)
		case ctx.Err() != nil && err != nil:
			dialog.ShowInformation("Import cancelled", "Nothing from "+name+" was imported.", im.window)
		case err != nil:
			dialog.ShowError(err, im.window)
		default:
			im.changed()
			dialog.ShowInformation("Studies imported",
				fmt.Sprintf("Added %s from %s to your user database:\n%s\n\nThey are marked %q wherever they appear.\nFile > Imported studies removes them.",
					domain.Plural(len(imp.Studies), "study", "studies"), name, im.svc.UserPath(), domain.UserAddedMark), im.window)
		}
	})
}

// waiting returns what an import or removal calls when another program's import makes it
// wait: the line under the progress bar says so.
func (im *importer) waiting(p *progress) func() {
	return func() {
		p.say("Your user database is in use by another program (an import may be running). Waiting for it to finish…")
	}
}

// problemsShown is how many problems a refused file's list shows.
const problemsShown = 300

// showProblems lists every problem of a refused file, each on its own line with row and
// column, selectable so it can be copied into an email or a fix list.
func (im *importer) showProblems(name string, problems csvimport.Problems) {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Error()
	}
	// the first few hundred, each cut to a line's length, are listed (a file of 80,000
	// problems and one 14-million-character label froze the window for minutes); Copy all
	// and Save all… keep every one whole
	shown := make([]string, min(len(lines), problemsShown))
	for i := range shown {
		shown[i] = domain.Clip(lines[i], 400)
	}
	if more := len(lines) - len(shown); more > 0 {
		shown = append(shown, fmt.Sprintf("… and %d more: Copy all or Save all… keeps every one.", more))
	}
	text := widget.NewLabel(strings.Join(shown, "\n"))
	text.Selectable = true
	text.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(fmt.Sprintf("Nothing was imported: %s has %d problem(s). Fix them and import the file again.", name, len(problems)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	all := strings.Join(lines, "\n") + "\n"
	saveAll := widget.NewButtonWithIcon("Save all…", theme.DocumentSaveIcon(), func() {
		saveAs(im.window, "list of problems", strings.TrimSuffix(name, ".csv")+"-problems.txt", im.folder, []string{".txt"}, "",
			func(out io.Writer, _ string) error { _, err := io.WriteString(out, all); return err })
	})
	content := container.NewBorder(head, container.NewHBox(copyButton("Copy all", all), saveAll), nil, nil, container.NewVScroll(text))
	d := dialog.NewCustom("Import refused", "Close", content, im.window)
	d.Resize(fyne.NewSize(900, 500))
	d.Show()
}

// saveTemplate writes the CSV template where the user chooses.
func (im *importer) saveTemplate() {
	saveAs(im.window, "template", "ketamine-explorer-template.csv", nil, nil,
		"\n\nFill in one row per arm and outcome (its first rows are an example), then use File > Import CSV.",
		func(out io.Writer, _ string) error { return im.svc.Template(out) })
}

// showImports lists the user's imports, each with a button that removes it.
func (im *importer) showImports() {
	if !im.usable() {
		return
	}
	imps, err := im.svc.Imports()
	if err != nil {
		dialog.ShowError(err, im.window)
		return
	}
	box := container.NewVBox(wrapped("Kept in "+im.svc.UserPath()+", apart from the bundled evidence.", false))
	if len(imps) == 0 {
		box.Add(widget.NewLabel("No studies imported yet: File > Import studies from CSV adds some."))
	}
	var d dialog.Dialog
	for _, imp := range imps {
		imp := imp
		line := wrapped(fmt.Sprintf("%s, imported %s: %s", imp.File, imp.At.Local().Format("2 Jan 2006 15:04"), strings.Join(imp.Studies, "; ")), false)
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
			dialog.ShowConfirm("Remove this import?",
				fmt.Sprintf("Remove the %s imported from %s? The file itself is not touched.", domain.Plural(len(imp.Studies), "study", "studies"), imp.File),
				func(ok bool) {
					if !ok {
						return
					}
					wait := showProgress(im.window, "Removing "+imp.File+"…", "", nil)
					var err error
					im.jobs.run(func() { err = im.svc.Remove(imp.ID, im.waiting(wait)) }, func() {
						wait.hide()
						if err != nil {
							dialog.ShowError(err, im.window)
							return
						}
						d.Hide()
						im.changed()
						im.showImports()
					})
				}, im.window)
		})
		box.Add(container.NewBorder(nil, nil, nil, remove, line))
	}
	d = dialog.NewCustom("Imported studies", "Close", container.NewVScroll(box), im.window)
	d.Resize(fyne.NewSize(800, 450))
	d.Show()
}
