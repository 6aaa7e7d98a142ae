package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/data"
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

// exportJob is one export the user asked for.
type exportJob struct {
	what   string
	dir    string
	size   export.Size
	figure *charts.Figure // for exportChart
}

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

// showExport asks what to export, at which size and where; fig is the chart the dialog
// was opened from (nil from the menu).
func (ex *Explorer) showExport(fig *charts.Figure) {
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
	if ex.exportDir == "" {
		ex.exportDir = exportFolder()
	}
	folder := widget.NewLabel(ex.exportDir)
	folder.Wrapping = fyne.TextWrapBreak
	choose := widget.NewButton("Choose folder…", func() {
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				ex.exportDir = u.Path()
				folder.SetText(ex.exportDir)
			}
		}, ex.window)
		if u, err := storage.ListerForURI(storage.NewFileURI(ex.exportDir)); err == nil {
			d.SetLocation(u)
		}
		d.Show()
	})
	form := container.NewVBox(
		widget.NewLabelWithStyle("What", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), what,
		widget.NewLabelWithStyle("Chart size (pixels)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), size, custom,
		widget.NewLabelWithStyle("Folder", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, choose, folder),
		wrapped("Each chart carries its sources and the dataset version; files are written whole or not at all.", false),
	)
	d := dialog.NewCustomConfirm("Export", "Export", "Cancel", form, func(ok bool) {
		if !ok {
			return
		}
		job := exportJob{what: what.Selected, dir: ex.exportDir, figure: fig, size: export.HD}
		switch size.Selected {
		case sizeUHD:
			job.size = export.UHD
		case sizeCustom:
			w, werr := strconv.Atoi(width.Text)
			h, herr := strconv.Atoi(height.Text)
			job.size = export.Size{Width: w, Height: h}
			if werr != nil || herr != nil {
				job.size = export.Size{}
			}
		}
		if err := job.size.Check(); err != nil {
			dialog.ShowError(fmt.Errorf("nothing was exported: %w", err), ex.window)
			return
		}
		ex.Export(job)
	}, ex.window)
	d.Resize(fyne.NewSize(640, 0))
	d.Show()
}

// Export runs a job off the UI goroutine with a progress bar and a Cancel button, then
// says what was written, or why not.
func (ex *Explorer) Export(job exportJob) {
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	progress := dialog.NewCustom("Exporting…", "Cancel", container.NewVBox(widget.NewLabel(job.what), bar), ex.window)
	progress.SetOnClosed(cancel)
	progress.Show()
	report := func(f float64) { fyne.Do(func() { bar.SetValue(f) }) }
	ev := ex.current
	opt := handout.Options{Dataset: ex.version, Date: time.Now(), App: ex.appVersion, Filters: ex.filter.Chips()}
	var all []data.IndicationEvidence
	if job.what == exportAllHandouts {
		for i := range ex.indications {
			e, err := ex.evidenceFor(i)
			if err != nil {
				dialog.ShowError(err, ex.window)
				return
			}
			all = append(all, e)
		}
	}
	go func() {
		paths, err := runExport(ctx, job, ev, all, opt, report)
		fyne.Do(func() {
			cancelled := ctx.Err() != nil
			progress.Hide() // cancels the context: harmless once the work is done
			switch {
			case cancelled && err != nil:
				dialog.ShowInformation("Export cancelled", fmt.Sprintf("Cancelled. %d complete files were written to %s before it stopped; no file was left half-written.", len(paths), job.dir), ex.window)
			case err != nil:
				dialog.ShowError(fmt.Errorf("the export stopped: %w\n\n%d complete files were written before it; no file was left half-written", err, len(paths)), ex.window)
			default:
				dialog.ShowInformation("Exported", fmt.Sprintf("%d files written to %s", len(paths), job.dir), ex.window)
			}
		})
	}()
}

// runExport does the work of a job.
func runExport(ctx context.Context, job exportJob, ev data.IndicationEvidence, all []data.IndicationEvidence, opt handout.Options, report func(float64)) ([]string, error) {
	key := ev.Indication.Key
	switch job.what {
	case exportChart:
		return export.Chart(job.dir, *job.figure, job.size)
	case exportHandout:
		p := filepath.Join(job.dir, key+"-handout.pdf")
		return []string{p}, export.Handout(ctx, p, []data.IndicationEvidence{ev}, opt, report)
	case exportAllHandouts:
		p := filepath.Join(job.dir, "all-handout.pdf")
		return []string{p}, export.Handout(ctx, p, all, opt, report)
	case exportCSV:
		p := filepath.Join(job.dir, key+"-outcomes.csv")
		return []string{p}, export.Outcomes(p, ev)
	}
	return export.Indication(ctx, job.dir, ev, opt, job.size, report)
}
