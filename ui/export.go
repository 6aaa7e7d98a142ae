package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/export"
	"ketamine-explorer/handout"
)

// What an export writes.
const (
	exportChart       = "This chart: PNG and SVG"
	exportIndication  = "This indication: charts, cards, outcomes CSV and PDF handout"
	exportHandout     = "This indication: PDF handout"
	exportAllHandouts = "All indications: one PDF handout"
	exportCSV         = "This indication: outcomes with their sources (CSV)"
)

// Chart sizes offered.
const (
	sizeHD     = "1920 × 1080 (slides)"
	sizeUHD    = "3840 × 2160 (4K, posters)"
	sizeCustom = "Custom"
)

// exportLabel is the dialog's words for what a job writes.
func exportLabel(w export.What) string {
	for label, what := range exportWhat {
		if what == w {
			return label
		}
	}
	return ""
}

// exportWhat is what each choice of the dialog writes.
var exportWhat = map[string]export.What{exportChart: export.OneChart, exportIndication: export.Everything,
	exportHandout: export.OneHandout, exportAllHandouts: export.AllHandouts, exportCSV: export.OutcomesCSV}

// exportFolder is where exports go until the user picks another: Documents if there is one.
func exportFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// exporter writes charts, handouts and outcomes where the user chooses, off the UI
// goroutine, with progress and Cancel.
type exporter struct {
	*state
	dir string // the folder of the last export
}

// show asks what to export, at which size and where; fig is the chart the dialog
// was opened from (nil from the menu).
func (e *exporter) show(fig *charts.Figure) {
	options := []string{exportIndication, exportHandout, exportAllHandouts, exportCSV}
	if fig != nil {
		options = append([]string{exportChart}, options...)
	}
	what := widget.NewRadioGroup(options, nil)
	what.SetSelected(options[0])
	width, height := widget.NewEntry(), widget.NewEntry()
	width.SetText("1920")
	height.SetText("1080")
	custom := container.NewGridWithColumns(4, widget.NewLabel("Width"), width, widget.NewLabel("Height"), height)
	custom.Hide()
	size := widget.NewSelect([]string{sizeHD, sizeUHD, sizeCustom}, func(s string) {
		custom.Hidden = s != sizeCustom
		custom.Refresh()
	})
	size.SetSelected(sizeHD)
	form := container.NewVBox(
		widget.NewLabelWithStyle("What", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), what,
		widget.NewLabelWithStyle("Chart size (pixels)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), size, custom,
		widget.NewLabelWithStyle("Folder", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e.folderRow(),
		wrapped("Each chart carries its sources and the dataset version; files are written whole or not at all.", false),
	)
	d := dialog.NewCustomConfirm("Export", "Export", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		job := export.Job{What: exportWhat[what.Selected], Dir: e.dir, Figure: fig, Size: export.HD}
		switch size.Selected {
		case sizeUHD:
			job.Size = export.UHD
		case sizeCustom:
			w, werr := strconv.Atoi(width.Text)
			h, herr := strconv.Atoi(height.Text)
			job.Size = export.Size{Width: w, Height: h}
			if werr != nil || herr != nil {
				job.Size = export.Size{}
			}
		}
		if err := job.Size.Check(); err != nil {
			dialog.ShowError(fmt.Errorf("nothing was exported: %w", err), e.window)
			return
		}
		e.Export(job)
	}, e.window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// folderRow shows the folder exports go to, with a button to choose another.
func (e *exporter) folderRow() fyne.CanvasObject {
	if e.dir == "" {
		e.dir = exportFolder()
	}
	folder := widget.NewLabel(e.dir)
	folder.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButton("Choose folder…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				e.dir = u.Path()
				folder.SetText(e.dir)
			}
		}, e.window)
		if u, err := storage.ListerForURI(storage.NewFileURI(e.dir)); err == nil {
			d.SetLocation(u)
		}
		d.Show()
	})
	return container.NewBorder(nil, nil, nil, choose, folder)
}

// Export asks before replacing files an earlier export left in the folder, then runs the
// job off the UI goroutine with a progress bar and a Cancel button, and says what was
// written, or why not.
func (e *exporter) Export(job export.Job) {
	// the page shown, and the filter it was read under (a new filter's page may not be read yet)
	job.Handout = handout.Options{Dataset: e.datasetLabel(), Warning: e.svc.Provenance().Warning(), Date: time.Now(), App: e.appVersion, Filters: e.currentFilter.Chips()}
	job.Evidence = []domain.IndicationEvidence{e.current}
	if job.What == export.AllHandouts {
		job.Handout.Filters = e.filter.Chips() // every page read under the filter in force
		var err error
		if job.Evidence, err = e.all(); err != nil {
			dialog.ShowError(err, e.window)
			return
		}
	}
	existing := job.Existing()
	if len(existing) == 0 {
		e.run(job)
		return
	}
	names := existing
	if len(names) > 6 {
		names = append(names[:6:6], fmt.Sprintf("and %d more", len(existing)-6))
	}
	dialog.ShowConfirm("Replace files?", fmt.Sprintf("%s in %s will be replaced:\n%s",
		domain.Plural(len(existing), "file", "files"), job.Dir, strings.Join(names, "\n")), func(ok bool) {
		if ok {
			e.run(job)
		}
	}, e.window)
}

// run does the job with a progress bar and a Cancel button.
func (e *exporter) run(job export.Job) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	progress := dialog.NewCustom("Exporting…", "Cancel", container.NewVBox(widget.NewLabel(exportLabel(job.What)), bar), e.window)
	progress.SetOnClosed(cancel)
	progress.Show()
	report := func(f float64) { fyne.Do(func() { bar.SetValue(f) }) }
	var paths []string
	var err error
	e.jobs.run(func() { paths, err = job.Run(ctx, report) }, func() {
		cancelled := ctx.Err() != nil
		progress.Hide() // cancels the context: harmless once the work is done
		switch {
		case cancelled && err != nil:
			dialog.ShowInformation("Export cancelled", fmt.Sprintf("Cancelled. %d complete files were written to %s before it stopped; no file was left half-written.", len(paths), job.Dir), e.window)
		case err != nil:
			dialog.ShowError(fmt.Errorf("the export stopped: %w\n\n%d complete files were written before it; no file was left half-written", err, len(paths)), e.window)
		default:
			dialog.ShowInformation("Exported", fmt.Sprintf("%s written to %s", domain.Plural(len(paths), "file", "files"), job.Dir), e.window)
		}
	})
}
