package ui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/data"
	"ketamine-explorer/data/csvimport"
)

// SetUserStore gives the window the user's database of imported studies (nil, with the
// reason, when it could not be opened: the bundled evidence is still shown).
func (ex *Explorer) SetUserStore(user *data.UserStore, err error) {
	ex.user, ex.userErr = user, err
	ex.refreshUser()
}

// refreshUser shows the evidence again after the user's studies changed.
func (ex *Explorer) refreshUser() { ex.reload(ex.store, ex.baseIndications, ex.version) }

// userStudies loads the user's studies of one indication; a failure is logged, and the
// bundled evidence still shows.
func (ex *Explorer) userStudies(key string) []data.Study {
	if ex.user == nil {
		return nil
	}
	studies, err := ex.user.Studies(key)
	if err != nil {
		fyne.LogError("loading imported studies", err)
	}
	return studies
}

// withUserCounts adds the user's studies to each indication's count in the navigator.
func (ex *Explorer) withUserCounts(inds []data.Indication) []data.Indication {
	if ex.user == nil {
		return inds
	}
	userInds, err := ex.user.Indications()
	if err != nil {
		fyne.LogError("counting imported studies", err)
		return inds
	}
	out := append([]data.Indication{}, inds...)
	for i := range out {
		for _, u := range userInds {
			if u.Key == out[i].Key {
				out[i].StudyCount += u.StudyCount
			}
		}
	}
	return out
}

func (ex *Explorer) needUserStore() bool {
	if ex.user != nil {
		return true
	}
	dialog.ShowError(fmt.Errorf("your user database cannot be used, so studies cannot be imported or removed.\n\n%w", ex.userErr), ex.window)
	return false
}

// chooseImport asks for a filled-in CSV template and imports it.
func (ex *Explorer) chooseImport() {
	if !ex.needUserStore() {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ex.window)
			return
		}
		if r != nil {
			ex.ImportCSV(r.URI().Name(), r)
		}
	}, ex.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Show()
}

// ImportCSV checks and imports a template file off the UI goroutine, then shows the new
// studies, or every problem found (and that nothing was imported).
func (ex *Explorer) ImportCSV(name string, r io.ReadCloser) {
	if !ex.needUserStore() {
		r.Close()
		return
	}
	wait := dialog.NewCustomWithoutButtons("Checking "+name+"…", widget.NewProgressBarInfinite(), ex.window)
	wait.Show()
	user, store := ex.user, ex.store
	go func() {
		imp, err := csvimport.Import(user, store, name, r)
		r.Close()
		fyne.Do(func() {
			wait.Hide()
			var problems csvimport.Problems
			switch {
			case errors.As(err, &problems):
				ex.showProblems(name, problems)
			case err != nil:
				dialog.ShowError(err, ex.window)
			default:
				ex.refreshUser()
				dialog.ShowInformation("Studies imported",
					fmt.Sprintf("%d studies from %s were added to your user database:\n%s\n\nThey are marked %q wherever they appear.\nFile > Imported studies removes them.",
						len(imp.Studies), name, user.Path(), strings.TrimSpace(data.UserAddedMark)), ex.window)
			}
		})
	}()
}

// showProblems lists every problem of a refused file, each on its own line with row and
// column, selectable so it can be copied into an email or a fix list.
func (ex *Explorer) showProblems(name string, problems csvimport.Problems) {
	lines := make([]string, len(problems))
	for i, p := range problems {
		lines[i] = p.Error()
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	text.Selectable = true
	text.Wrapping = fyne.TextWrapWord
	head := widget.NewLabelWithStyle(fmt.Sprintf("Nothing was imported: %s has %d problem(s). Fix them and import the file again.", name, len(problems)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Wrapping = fyne.TextWrapWord
	copyAll := widget.NewButtonWithIcon("Copy all", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(strings.Join(lines, "\n"))
	})
	content := container.NewBorder(head, container.NewHBox(copyAll), nil, nil, container.NewVScroll(text))
	d := dialog.NewCustom("Import refused", "Close", content, ex.window)
	d.Resize(fyne.NewSize(900, 500))
	d.Show()
}

// saveTemplate writes the CSV template where the user chooses.
func (ex *Explorer) saveTemplate() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ex.window)
			return
		}
		if w == nil {
			return
		}
		err = csvimport.Template(w, ex.store)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("the template was not saved: %w", err), ex.window)
		}
	}, ex.window)
	d.SetFileName("ketamine-explorer-template.csv")
	d.Show()
}

// showImports lists the user's imports, each with a button that removes it.
func (ex *Explorer) showImports() {
	if !ex.needUserStore() {
		return
	}
	imps, err := ex.user.Imports()
	if err != nil {
		dialog.ShowError(err, ex.window)
		return
	}
	box := container.NewVBox(wrapped("Kept in "+ex.user.Path()+", apart from the bundled evidence.", false))
	if len(imps) == 0 {
		box.Add(widget.NewLabel("No studies imported yet: File > Import studies from CSV adds some."))
	}
	var d dialog.Dialog
	for _, imp := range imps {
		imp := imp
		line := wrapped(fmt.Sprintf("%s, imported %s: %s", imp.File, imp.At.Local().Format("2 Jan 2006 15:04"), strings.Join(imp.Studies, "; ")), false)
		remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() {
			dialog.ShowConfirm("Remove this import?",
				fmt.Sprintf("Remove the %d studies imported from %s? The file itself is not touched.", len(imp.Studies), imp.File),
				func(ok bool) {
					if !ok {
						return
					}
					if err := ex.user.Remove(imp.ID); err != nil {
						dialog.ShowError(err, ex.window)
						return
					}
					d.Hide()
					ex.refreshUser()
					ex.showImports()
				}, ex.window)
		})
		box.Add(container.NewBorder(nil, nil, nil, remove, line))
	}
	d = dialog.NewCustom("Imported studies", "Close", container.NewVScroll(box), ex.window)
	d.Resize(fyne.NewSize(800, 450))
	d.Show()
}

// userDBFolder is shown in About: where imported studies are kept.
func (ex *Explorer) userDBFolder() string {
	if ex.user == nil {
		return "not available"
	}
	return filepath.Dir(ex.user.Path())
}
