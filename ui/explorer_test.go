package ui

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/data"
	"ketamine-explorer/data/synthetic"
	"ketamine-explorer/evidence"
	"ketamine-explorer/resources"
)

func newExplorer(t *testing.T) (*Explorer, fyne.Window) {
	t.Helper()
	return explorerOn(t, bundledService(t), fyne.NewSize(1400, 900))
}

// bundledService opens the bundled evidence (explorerOn closes it with the test).
func bundledService(tb testing.TB) *evidence.Service {
	tb.Helper()
	svc, err := evidence.Bundled()
	if err != nil {
		tb.Fatal(err)
	}
	return svc
}

// explorerOn shows an explorer on svc in a test window of the given size.
func explorerOn(tb testing.TB, svc *evidence.Service, size fyne.Size) (*Explorer, fyne.Window) {
	tb.Helper()
	test.NewTempApp(tb)
	tb.Cleanup(func() { svc.Close() })
	w := test.NewTempWindow(tb, nil)
	ex, err := NewExplorer(svc, w)
	if err != nil {
		tb.Fatal(err)
	}
	w.SetContent(ex.Content())
	w.Resize(size)
	return ex, w
}

// walk visits every visible object under o, descending into containers and widget
// renderers. It is the one place tests reach into a renderer: Fyne 2.7 has no other way
// to list what a widget shows (a Card's content, a Scroll's, a dialog's), and every test
// reads the window through it, by type and text, never by position.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

func texts(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		switch l := o.(type) {
		case *widget.Label:
			b.WriteString(l.Text + "\n")
		case *para:
			b.WriteString(l.text + "\n")
		case *widget.Hyperlink:
			b.WriteString(l.Text + "\n")
		case *widget.Card:
			b.WriteString(l.Title + "\n" + l.Subtitle + "\n")
		}
	})
	return b.String()
}

func chartViews(o fyne.CanvasObject) []*chartView {
	var out []*chartView
	walk(o, func(o fyne.CanvasObject) {
		if v, ok := o.(*chartView); ok {
			out = append(out, v)
		}
	})
	return out
}

func TestEachIndicationShowsItsCardsNumbersAndCharts(t *testing.T) {
	ex, w := newExplorer(t)
	want := map[string][]string{
		"trd":   {"Treatment-resistant depression", "55.4% of patients", "95% CI 3.9 to 24.2", "N=153", "2019 version]"},
		"pain":  {"Chronic pain", "20.3% to 46.4% of patients", "86.1% of patients (890 patients)", "0.5 mg/kg over 40 min", "N=1034"},
		"si":    {"Suicidal ideation", "MD 4.96 SSI points greater reduction (95% CI 2.33 to 7.59)", "55% of patients"},
		"neuro": {"No human randomized trial of ketamine for cognition in Parkinson's disease, multiple sclerosis or brain injury was found.", "19.45% of patients"},
	}
	for i, ind := range ex.indications {
		ex.ShowView(0)
		ex.Select(i)
		if !strings.Contains(w.Title(), ind.Name) {
			t.Errorf("title %q lacks %q", w.Title(), ind.Name)
		}
		page := ex.shown()
		got := texts(page)
		for _, s := range want[ind.Key] {
			if !strings.Contains(got, s) {
				t.Errorf("%s page lacks %q", ind.Key, s)
			}
		}
		for _, title := range []string{"Key numbers", "Onset", "Safety and tolerability", "Certainty", "What is unknown"} {
			if !strings.Contains(got, title) {
				t.Errorf("%s page has no %q card", ind.Key, title)
			}
		}
		ex.ShowView(1)
		views := chartViews(page)
		if len(views) == 0 {
			t.Fatalf("%s has no charts", ind.Key)
		}
		w.Canvas().Content().Refresh()
		views[0].Refresh()
		views[0].raster.Refresh()
		waitDrawn(t, w, views[0])
	}
}

// waitDrawn renders the canvas, which asks the chart for its drawing at its size, and waits
// until the drawing, made off the UI goroutine, has landed.
func waitDrawn(t *testing.T, w fyne.Window, v *chartView) {
	t.Helper()
	w.Canvas().(test.WindowlessCanvas).Capture()
	await(t, "chart "+v.fig.ID+" drawn", v.whenDrawn())
	v.mu.Lock()
	img := v.img
	v.mu.Unlock()
	if img.Bounds().Dx() < 100 || img.Bounds().Dy() < 100 {
		t.Errorf("chart %s drawn at %v", v.fig.ID, img.Bounds())
	}
}

// findButton returns the info button on the row of the first card item containing text.
func findSourceButton(page fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(page, func(o fyne.CanvasObject) {
		row, ok := o.(*fyne.Container)
		if !ok || found != nil {
			return
		}
		var hasText bool
		var btn *widget.Button
		for _, c := range row.Objects {
			if strings.Contains(texts(c), text) {
				hasText = true
			}
			if b, ok := c.(*widget.Button); ok {
				btn = b
			}
			// a study row's Pin and Source, side by side
			if box, ok := c.(*fyne.Container); ok && len(box.Objects) == 2 {
				pin, _ := box.Objects[0].(*widget.Button)
				source, _ := box.Objects[1].(*widget.Button)
				if pin != nil && source != nil && source.Icon != nil && source.Icon.Name() == theme.InfoIcon().Name() {
					btn = source
				}
			}
		}
		if hasText && btn != nil {
			found = btn
		}
	})
	return found
}

func TestTappingANumberOpensItsSourceWithTheSeedDisagreement(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	btn := findSourceButton(ex.shown(), "49.22")
	if btn == nil {
		t.Fatal("no source button beside the Meisner IV number")
	}
	test.Tap(btn)
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("tapping opened nothing")
	}
	got := texts(top)
	for _, s := range []string{"Meisner R, et al.", "PMID 41004170", "secondary page, results", "The seed summary disagrees",
		"depression scores fell 49.8% with IV ketamine\n(value: 49.8)", "(value: 49.22)", "The primary source says",
		"The seed summary is the plain-language summary this project began from"} {
		if !strings.Contains(got, s) {
			t.Errorf("source view lacks %q:\n%s", s, got)
		}
	}
	if os.Getenv("UI_SNAPSHOT") != "" {
		snapshot(t, w, os.Getenv("UI_SNAPSHOT"))
	}
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if w.Canvas().Overlays().Top() != nil {
		t.Error("Esc did not close the source")
	}
}

func TestChartDataToggleShowsTheSameNumbers(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(1)
	ex.ShowView(1)
	var toggles []*widget.Button
	walk(ex.shown(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Data" {
			toggles = append(toggles, b)
		}
	})
	if len(toggles) == 0 {
		t.Fatal("no Data toggle on the charts")
	}
	if strings.Contains(texts(ex.shown()), "IV S(+)-ketamine: 2.68 NRS points") {
		t.Error("the data table shows before it is asked for")
	}
	for _, toggle := range toggles {
		test.Tap(toggle)
		if toggle.Text != "Chart" {
			t.Errorf("toggle reads %q after showing the data", toggle.Text)
		}
	}
	got := texts(ex.shown())
	for _, want := range []string{"IV S(+)-ketamine: 2.68 NRS points (0-10) (SE 0.51)", "Placebo infusion: 5.45 NRS points (0-10) (SE 0.48)", "Sources: Sigtermans 2009"} {
		if !strings.Contains(got, want) {
			t.Errorf("data table lacks %q", want)
		}
	}
}

func TestKeyboardShortcutsDialog(t *testing.T) {
	ex, w := newExplorer(t)
	ex.showShortcuts()
	got := texts(w.Canvas().Overlays().Top())
	for _, keys := range []string{"Ctrl+1 … Ctrl+9", "Ctrl+O", "Ctrl+I", "Ctrl+K", "Ctrl+E", "Ctrl+P or F5",
		"→ ↓ Page Down Space", "← ↑ Page Up", "Home, End", "+ and −", "Tab, Shift+Tab", "Space, Enter", "Esc"} {
		if !strings.Contains(got, keys) {
			t.Errorf("shortcuts dialog lacks %q", keys)
		}
	}
	// the menus, the canvas and the help list come from one table: every menu shortcut is
	// listed and works
	press := w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut
	for _, m := range mainMenu(ex.actions).Items {
		for _, it := range m.Items {
			if sc, ok := it.Shortcut.(*desktop.CustomShortcut); ok && !strings.Contains(got, "Ctrl+"+string(sc.KeyName)) {
				t.Errorf("menu item %q has a shortcut the help list lacks", it.Label)
			}
		}
	}
	press(&desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault})
	if ex.compare == nil {
		t.Error("Ctrl+K did not open the compare window")
	}
}

func TestClickingAChartRowOpensThatNumbersSource(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	ex.ShowView(1)
	v := chartViews(ex.shown())[0]
	waitDrawn(t, w, v)
	for y := float32(0); y < v.Size().Height; y += 4 {
		test.TapAt(v, fyne.NewPos(v.Size().Width/2, y))
		if top := w.Canvas().Overlays().Top(); top != nil {
			got := texts(top)
			if !strings.Contains(got, "Meisner 2025") || !strings.Contains(got, "QIDS-SR16 reduction from baseline, by session 8 (IV ketamine; higher is better): 49.22% reduction") {
				t.Errorf("the first row of the IV vs IN chart opened:\n%s", got)
			}
			return
		}
	}
	t.Error("no row of the chart opens a source")
}

func TestStudyRowOpensFullCitation(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(1)
	ex.ShowView(2)
	btn := findSourceButton(ex.shown(), "Tankha 2025 (Cleveland Clinic) — retrospective cohort")
	if btn == nil {
		t.Fatal("no source button on the Tankha study row")
	}
	test.Tap(btn)
	top := w.Canvas().Overlays().Top()
	var copyBib *widget.Button
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Copy BibTeX" {
			copyBib = b
		}
	})
	if copyBib == nil {
		t.Fatal("the source has no Copy BibTeX button")
	}
	test.Tap(copyBib)
	if clip := fyne.CurrentApp().Clipboard().Content(); !strings.HasPrefix(clip, "@article{tankha-2025,") {
		t.Errorf("clipboard after Copy BibTeX: %q", clip)
	}
	if copyBib.Text != "Copied" {
		t.Errorf("the button does not say the citation was copied: %q", copyBib.Text)
	}
	got := texts(top)
	for _, s := range []string{"DOI 10.1136/rapm-2025-106907", "May 2021 to Oct 2024", "a four-year study", "patients were treated from May 2021 to October 2024"} {
		if !strings.Contains(got, s) {
			t.Errorf("study source lacks %q", s)
		}
	}
}

func TestShortcutsSwitchIndication(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	press := w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut
	press(&desktop.CustomShortcut{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(w.Title(), "Chronic pain") {
		t.Errorf("Ctrl+2 left the title at %q", w.Title())
	}
	press(&desktop.CustomShortcut{KeyName: fyne.Key4, Modifier: fyne.KeyModifierShortcutDefault})
	if !strings.Contains(w.Title(), "Cognition") || !strings.Contains(texts(ex.shown()), "No human randomized trial") {
		t.Errorf("Ctrl+4 left the title at %q", w.Title())
	}
}

func snapshot(t *testing.T, w fyne.Window, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	png.Encode(f, w.Canvas().Capture())
}

// hangGuard bounds every wait for an event: no test depends on it to pass, it only turns
// a hang into a failure that says what was awaited.
const hangGuard = 3 * time.Minute

// await waits for ch to close.
func await(t testing.TB, what string, ch <-chan struct{}) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(hangGuard):
		t.Fatalf("still waiting for %s after %v", what, hangGuard)
	}
}

// waitFor waits until the window's work off the UI goroutine (opening a database, an
// export, an import) is done, then checks that cond holds.
func waitFor(t *testing.T, ex *Explorer, what string, cond func() bool) {
	t.Helper()
	await(t, what, ex.jobs.idle())
	if !cond() {
		t.Fatalf("the window's work is done, without %s", what)
	}
}

func TestOpeningAnotherDatabase(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.sqlite")
	os.WriteFile(bad, []byte("these are my notes, not a database"), 0o644)
	ex.opener.open(bad)
	waitFor(t, ex, "the refusal", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "not an SQLite database")
	})
	if !strings.Contains(w.Title(), "Treatment-resistant depression") || !ex.svc.IsBundled() {
		t.Errorf("a refused file replaced the open database: %q", w.Title())
	}
	w.Canvas().Overlays().Top().Hide()

	// Cancel while a large file is checked: the dialog goes at once, the check stops, and
	// the database shown stays, with no message
	large := filepath.Join(dir, "large.sqlite")
	if err := data.Build(synthetic.Dataset(2000, 10), large); err != nil {
		t.Fatal(err)
	}
	ex.opener.open(large)
	cancel := buttonNamed(w.Canvas().Overlays().Top(), "Cancel")
	if cancel == nil {
		t.Fatal("opening a database has no Cancel")
	}
	test.Tap(cancel)
	if w.Canvas().Overlays().Top() != nil {
		t.Fatal("Cancel left the progress dialog up")
	}
	await(t, "the cancelled check to stop", ex.jobs.idle())
	if w.Canvas().Overlays().Top() != nil || !ex.svc.IsBundled() {
		t.Fatalf("after Cancel: %q, dialog %v", w.Title(), w.Canvas().Overlays().Top() != nil)
	}

	good := filepath.Join(dir, "colleague.sqlite")
	os.WriteFile(good, resources.EvidenceDB, 0o444)
	ex.opener.open(good)
	waitFor(t, ex, "the new database", func() bool { return strings.Contains(w.Title(), "colleague.sqlite") })
	if !strings.Contains(texts(ex.shown()), "55.4% of patients") {
		t.Error("the opened database's page does not show its numbers")
	}
}

// Help > What's new lists the studies each dataset added and each corrected value, old and new
// with the reason; a new study says so in the study list and its source.
func TestWhatsNewListsAddedStudiesAndCorrections(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	ex.showChanges()
	got := texts(w.Canvas().Overlays().Top())
	for _, want := range []string{"Dataset 2026.12-3", "Added: SUSTAIN-3 (Zaki 2023, long-term extension)", "Dataset 2026.11-2", "Added: ESCAPE-TRD (Reif 2023)", "Added: KetECT (Ekstrand 2022)",
		"SUSTAIN-1 (Daly 2019), summary:", "roughly halved", "→", "TRANSFORM-2 (Popova 2019), NCT: not found → NCT02418585", "Michelet 2018 (meta-analysis), N: 195 →"} {
		if !strings.Contains(got, want) {
			t.Errorf("What's new lacks %q", want)
		}
	}
	w.Canvas().Overlays().Top().Hide()
	st := ex.current.StudyByID("sustain-3")
	if st == nil || !st.New || ex.current.StudyByID("ketect").New {
		t.Fatal("SUSTAIN-3 is not marked new, or KetECT (of the dataset before) is")
	}
	if !strings.Contains(texts(sourceView(*st, "")), "New in this dataset version") {
		t.Error("the source view of a new study does not say it is new")
	}
}

// A pooled estimate's source says the app computed it and how, lists each study with its
// weight and standard error, leaves each out in turn, and shows the published pooling.
func TestPooledSourceSaysComputedByThisApp(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(2)
	ex.openByID("si-pool-1")
	got := texts(w.Canvas().Overlays().Top())
	for _, want := range []string{"Computed by this app from the reported estimates — not a published meta-analysis",
		"ASPIRE I (Fu 2020)", "ASPIRE II (Ionescu 2021)", "Weight", "the reported SE (1.39)",
		"REML", "Leave one out", "Published pooled figure, for comparison", "Which estimates pool"} {
		if !strings.Contains(got, want) {
			t.Errorf("the pooled source lacks %q", want)
		}
	}
	w.Canvas().Overlays().Top().Hide()
	ex.openByID("trd-pool-1") // TRANSFORM-1 and -3 give CIs, no SE
	got = texts(w.Canvas().Overlays().Top())
	for _, want := range []string{"derived from the 95% CI (-6.88 to 0.45), taken as symmetric", "Without TRANSFORM-2 (Popova 2019)", "Sensitivity analysis"} {
		if !strings.Contains(got, want) {
			t.Errorf("the TRANSFORM pooled source lacks %q", want)
		}
	}
}

// The outline beside the title lists every card and chart by title and jumps to any of
// them: its tab is shown and it is at the top of the view, built first if it was not yet.
func TestOutlineJumpsToAnyCardOrChart(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	p := ex.pages.built["trd"]
	labels := p.goTo.Options
	if len(labels) < 10 || !slices.Contains(labels, "Key numbers and results") || !slices.Contains(labels, "Pooled estimates (computed by this app)") {
		t.Fatalf("outline: %q", labels)
	}
	last := labels[len(labels)-1]
	if !strings.HasPrefix(last, "Chart: ") {
		t.Fatalf("the outline's last place is %q, not a chart", last)
	}
	p.goTo.SetSelected(last)
	w.Canvas().(test.WindowlessCanvas).Capture()
	if ex.view != 1 || p.tabs.SelectedIndex() != 1 {
		t.Fatalf("jumping to %q left tab %d", last, p.tabs.SelectedIndex())
	}
	a := p.outline[len(p.outline)-1]
	s := p.scrolls[1]
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(a.obj).Y - d.AbsolutePositionForObject(s).Y
	if s.Offset.Y <= 0 || top < -1 || top > s.Size().Height/2 {
		t.Errorf("the chart is %v from the top of the view (offset %v, view %v high)", top, s.Offset.Y, s.Size().Height)
	}
	if p.goTo.Selected != "" {
		t.Error("the outline keeps its choice, so the same place cannot be chosen again")
	}
}

// On a 1024x768 projector the window fits the screen: nothing of any page, on any tab,
// asks for more width (the summary's cards stack in one column), and every navigator row
// is as tall as its wrapped name.
func TestWindowFitsA1024Screen(t *testing.T) {
	ex, w := explorerOn(t, bundledService(t), fyne.NewSize(984, 658))
	for i, ind := range ex.indications {
		ex.Select(i)
		ex.build.runWhile(func() bool { return ex.build.pending(ind.Key) })
		for v := range Views {
			ex.ShowView(v)
			w.Canvas().(test.WindowlessCanvas).Capture()
			if min := ex.Content().MinSize().Width; min > 984 {
				t.Errorf("%s, %s tab: the window needs %.0f px of width", ind.Key, Views[v], min)
			}
		}
	}
	for i, ind := range ex.indications {
		row := container.NewVBox(widget.NewLabel(ind.Name), widget.NewLabel("n"))
		row.Objects[0].(*widget.Label).Wrapping = fyne.TextWrapWord
		width := ex.nav.Size().Width - 2*theme.Padding() - theme.ScrollBarSize()
		row.Resize(fyne.NewSize(width, 1))
		if h := ex.navRowHeight(ind.Name, row); h < row.MinSize().Height {
			t.Errorf("navigator row %d is %.0f px for a name that needs %.0f", i+1, h, row.MinSize().Height)
		}
	}
}

// A study's source view lists every finding it records in words, each with where it was
// read, and each source with the version of a text that changes (a label).
func TestSourceViewListsEveryFinding(t *testing.T) {
	test.NewTempApp(t)
	evs, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		for _, st := range ev.Studies {
			got := strings.Join(strings.Fields(texts(sourceView(st, ""))), " ")
			for _, f := range st.Findings {
				if !strings.Contains(got, strings.Join(strings.Fields(f.Text), " ")) {
					t.Errorf("%s: the source view lacks the finding %q", st.ID, f.Text)
				}
			}
			for _, s := range st.Sources {
				if s.Version != "" && !strings.Contains(got, s.Version+" version") {
					t.Errorf("%s: the source view does not give the version of %s", st.ID, s.Kind)
				}
			}
		}
	}
}
