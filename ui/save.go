package ui

import (
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
)

// saveAs asks where to save a file, suggesting name (in folder, when known), and writes
// it through write, given the extension the user chose (lower case, with its dot). what
// names the file in the sentences that follow: where it was saved (then next, if any: what
// to do with it), or why not.
func saveAs(w fyne.Window, what, name string, folder fyne.ListableURI, exts []string, next string, write func(out io.Writer, ext string) error) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, w)
			return
		}
		if wc == nil {
			return // cancelled
		}
		err = write(wc, strings.ToLower(wc.URI().Extension()))
		if cerr := wc.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			dialog.ShowError(fmt.Errorf("the %s was not saved: %w", what, err), w)
			return
		}
		dialog.ShowInformation(strings.ToUpper(what[:1])+what[1:]+" saved", "The "+what+" was saved as\n"+wc.URI().Path()+next, w)
	}, w)
	d.SetFileName(name)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if folder != nil {
		d.SetLocation(folder)
	}
	d.Show()
}
