package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"ketamine-explorer/evidence"
)

// opener switches the window to another evidence database, checked off the UI goroutine.
type opener struct {
	*state
	opened func(next *evidence.Service) // on the UI goroutine, once next is checked
}

// choose asks for an evidence database file and opens it.
func (o *opener) choose() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, o.window)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		o.open(path)
	}, o.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".sqlite", ".sqlite3", ".db"}))
	d.Show()
}

// bundled goes back to the evidence in use: an installed update, else the bundled evidence.
func (o *opener) bundled() { o.open("") }

// open opens the evidence database at path ("": the bundled one), read-only, off the UI
// goroutine (checking a large file takes a while, and Cancel stops it); a file that cannot
// be used is refused with a message and the current one stays.
func (o *opener) open(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	wait := showProgress(o.window, "Opening the evidence database…",
		"A file is checked page by page the first time it is opened: a large one takes a while.", cancel)
	var next *evidence.Service
	var err error
	o.jobs.run(func() {
		if path == "" {
			next, err = evidence.OpenInUse(evidence.ReleasesFolder(o.svc.UserPath()))
		} else {
			next, err = evidence.OpenContext(ctx, path)
		}
		if err == nil {
			if _, err = next.Indications(); err != nil {
				next.Close()
			}
		}
	}, func() {
		defer cancel()
		if ctx.Err() != nil { // cancelled: the current database stays, as asked
			if err == nil {
				next.Close()
			}
			return
		}
		wait.hide()
		if err != nil {
			dialog.ShowError(fmt.Errorf("that evidence database cannot be opened, so the current one stays open.\n\n%w", err), o.window)
			return
		}
		o.opened(next)
	})
}
