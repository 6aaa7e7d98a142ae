package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/export"
)

// firstOf returns the first visible object of type T under o.
func firstOf[T fyne.CanvasObject](o fyne.CanvasObject) T {
	var found T
	done := false
	walk(o, func(c fyne.CanvasObject) {
		if t, ok := c.(T); ok && !done {
			found, done = t, true
		}
	})
	return found
}

// exportVia fills the export dialog on top and presses Export, then waits for the result.
func exportVia(t *testing.T, ex *Explorer, what, size string) string {
	t.Helper()
	w := ex.window
	exportDialog(t, w, what, size)
	var result string
	waitFor(t, ex, "the export to finish", func() bool {
		if o := w.Canvas().Overlays().Top(); o != nil {
			result = texts(o)
		}
		return strings.Contains(result, "written to") || strings.Contains(result, "stopped") || strings.Contains(result, "Cancelled")
	})
	w.Canvas().Overlays().Top().Hide()
	return result
}

// exportDialog chooses what and size in the open export dialog and taps Export.
func exportDialog(t *testing.T, w fyne.Window, what, size string) {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	firstOf[*widget.RadioGroup](top).SetSelected(what)
	firstOf[*widget.Select](top).SetSelected(size)
	test.Tap(buttonNamed(top, "Export"))
}

func TestExportFromTheWindow(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	ex.exporter.dir = t.TempDir()

	// Ctrl+E: the handout of every indication
	w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut(
		&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault})
	if res := exportVia(t, ex, exportAllHandouts, sizeHD); !strings.Contains(res, "1 file written") {
		t.Fatalf("handout export: %s", res)
	}
	if b, err := os.ReadFile(filepath.Join(ex.exporter.dir, "all-handout.pdf")); err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("no PDF handout: %v", err)
	}

	// a chart's Export button, at 4K
	ex.ShowView(1)
	var chartExport *widget.Button
	walk(ex.shown(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Export" && chartExport == nil {
			chartExport = b
		}
	})
	if chartExport == nil {
		t.Fatal("a chart has no Export button")
	}
	test.Tap(chartExport)
	if res := exportVia(t, ex, exportChart, sizeUHD); !strings.Contains(res, "2 files written") {
		t.Fatalf("chart export: %s", res)
	}
	pngs, _ := filepath.Glob(filepath.Join(ex.exporter.dir, "trd-01-*.png"))
	if len(pngs) != 1 {
		t.Fatalf("chart PNG: %v", pngs)
	}
	f, _ := os.Open(pngs[0])
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 3840 || cfg.Height != 2160 {
		t.Errorf("4K export is %dx%d", cfg.Width, cfg.Height)
	}

	// the same chart again: the window names the files it would replace and asks first
	test.Tap(chartExport)
	exportDialog(t, w, exportChart, sizeUHD)
	ask := w.Canvas().Overlays().Top()
	if ask == nil || !strings.Contains(texts(ask), "2 files in") || !strings.Contains(texts(ask), filepath.Base(pngs[0])) {
		t.Fatalf("a re-export did not ask before replacing: %v", ask)
	}
	test.Tap(buttonNamed(ask, "No"))
	if o := w.Canvas().Overlays().Top(); o != nil && strings.Contains(texts(o), "written") {
		t.Fatal("No still exported")
	}

	// everything for the indication at 4K, cancelled at once: no half-written file
	ex.exporter.dir = t.TempDir()
	ex.exporter.Export(export.Job{What: export.Everything, Dir: ex.exporter.dir, Size: export.UHD})
	test.Tap(buttonNamed(w.Canvas().Overlays().Top(), "Cancel"))
	var res string
	waitFor(t, ex, "the cancel", func() bool {
		if o := w.Canvas().Overlays().Top(); o != nil {
			res = texts(o)
		}
		return strings.Contains(res, "Cancelled") || strings.Contains(res, "written to")
	})
	w.Canvas().Overlays().Top().Hide()
	if !strings.Contains(res, "Cancelled") {
		t.Errorf("Cancel did not stop the export: %s", res)
	}
	if tmp, _ := filepath.Glob(filepath.Join(ex.exporter.dir, ".*tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// into a folder that cannot be written: a sentence, and nothing left behind
	ro := filepath.Join(t.TempDir(), "missing", "folder")
	ex.exporter.dir = ro
	ex.exporter.show(nil)
	if res := exportVia(t, ex, exportCSV, sizeHD); !strings.Contains(res, "stopped") {
		t.Errorf("export into a missing folder: %s", res)
	}
}
