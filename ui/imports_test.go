package ui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/data"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// templateAs is the CSV template with its example study under a new id and label.
func templateAs(t *testing.T, ex *Explorer, id, label string) io.ReadCloser {
	t.Helper()
	var buf bytes.Buffer
	if err := ex.svc.Template(&buf); err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(buf.String(), evidence.TemplateExample, id)
	text = strings.Replace(text, "ELEKT-D (Anand 2023)", label, 1)
	return io.NopCloser(strings.NewReader(text))
}

func TestImportedStudiesShowMarkedAndCanBeRemoved(t *testing.T) {
	ex, w := newExplorer(t)
	if err := ex.svc.UseUserDB(filepath.Join(t.TempDir(), data.UserFileName)); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	before := ex.indications[0].StudyCount

	ex.importer.ImportCSV("mine.csv", templateAs(t, ex, "my-trial", "My local audit 2026 🧠 مراجعة محلية"))
	waitFor(t, ex, "the import", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "Added 1 study from mine.csv")
	})
	w.Canvas().Overlays().Top().Hide()
	if ex.indications[0].StudyCount != before+1 {
		t.Errorf("navigator count %d, want %d", ex.indications[0].StudyCount, before+1)
	}
	page := texts(ex.shown())
	if !strings.Contains(page, "My local audit 2026 🧠 مراجعة محلية ["+domain.UserAddedMark+"]") {
		t.Error("the imported study is not on the page with its user-added mark")
	}
	st := ex.current.StudyByID("my-trial")
	if st == nil || !st.UserAdded || !strings.Contains(texts(sourceView(*st, "")), "Added by you") {
		t.Fatal("the imported study's source view does not say it was added by the user")
	}

	// the same file again is refused with its row and column, and nothing changes
	ex.importer.ImportCSV("mine.csv", templateAs(t, ex, "my-trial", "My local audit 2026"))
	waitFor(t, ex, "the refusal", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "mine.csv: row 2, column study_id: duplicate study")
	})
	w.Canvas().Overlays().Top().Hide()

	// File > Imported studies: Remove, then Yes
	ex.importer.showImports()
	remove := findSourceButton(w.Canvas().Overlays().Top(), "mine.csv")
	if remove == nil || remove.Text != "Remove" {
		t.Fatal("the imports dialog has no Remove button for mine.csv")
	}
	test.Tap(remove)
	yes := buttonNamed(w.Canvas().Overlays().Top(), "Yes")
	if yes == nil {
		t.Fatal("removing asks no confirmation")
	}
	test.Tap(yes)
	// removed off the UI goroutine, then the list is shown again
	waitFor(t, ex, "the removal", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "No studies imported yet")
	})
	if imps, _ := ex.svc.Imports(); len(imps) != 0 {
		t.Fatalf("imports left: %v", imps)
	}
	if strings.Contains(texts(ex.shown()), "My local audit") || ex.indications[0].StudyCount != before {
		t.Errorf("a removed import still shows: count %d, want %d", ex.indications[0].StudyCount, before)
	}
}

func buttonNamed(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	return found
}

// When the user database cannot be opened (a read-only folder), the bundled evidence still
// shows, and importing says why it cannot.
func TestImportWithoutAUserDatabaseSaysWhy(t *testing.T) {
	ex, w := newExplorer(t)
	blocker := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := ex.svc.UseUserDB(filepath.Join(blocker, data.UserFileName))
	if domain.ErrorCode(err) != domain.EREADONLY {
		t.Fatalf("a file where the folder should be: %v", err)
	}
	ex.refresh()
	if !strings.Contains(texts(ex.shown()), "ELEKT-D (Anand 2023):") {
		t.Error("the bundled evidence is not shown")
	}
	ex.importer.choose()
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "cannot be imported") {
		t.Error("importing without a user database gave no reason")
	}
}

// A study imported by another process (another window, the CLI) shows in this window
// within a few seconds: the watch sees the user database change and refreshes the pages
// and counts, and a user database made meanwhile is opened.
func TestImportsOfAnotherProcessAreSeen(t *testing.T) {
	ex, _ := newExplorer(t)
	path := filepath.Join(t.TempDir(), data.UserFileName) // not made yet
	if err := ex.svc.UseUserDB(path); err != nil {
		t.Fatal(err)
	}
	ex.refresh()
	ex.userSeen = signatureOf(path)
	ex.Select(0)
	before := ex.indications[0].StudyCount
	other, err := evidence.Bundled() // the other process
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.UseUserDB(path); err != nil {
		t.Fatal(err)
	}
	if _, err := other.Import(context.Background(), "theirs.csv", templateAs(t, ex, "their-trial", "Their audit"), nil); err != nil {
		t.Fatal(err)
	}
	ex.checkUserDB() // what the watch runs every few seconds
	waitFor(t, ex, "the refresh", func() bool { return ex.current.StudyByID("their-trial") != nil })
	if ex.indications[0].StudyCount != before+1 {
		t.Errorf("navigator count %d, want %d", ex.indications[0].StudyCount, before+1)
	}
}

// A file with more problems than a dialog lists shows the first few hundred and the count
// of the rest; Save all… writes every one, beside the file imported.
func TestEveryProblemCanBeSaved(t *testing.T) {
	ex, w := newExplorer(t)
	if err := ex.svc.UseUserDB(filepath.Join(t.TempDir(), data.UserFileName)); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ex.svc.Template(&buf); err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(buf.String(), "\n")
	bad := header + "\n" + strings.Repeat("not,a,row\n", 2*problemsShown)
	dir := t.TempDir()
	folder, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		t.Fatal(err)
	}
	ex.importer.folder = folder

	ex.importer.ImportCSV("bad.csv", io.NopCloser(strings.NewReader(bad)))
	var refused fyne.CanvasObject
	waitFor(t, ex, "the refusal", func() bool {
		refused = w.Canvas().Overlays().Top()
		return refused != nil && strings.Contains(texts(refused), "Nothing was imported")
	})
	shown := texts(refused)
	if !strings.Contains(shown, "more: Copy all or Save all… keeps every one") {
		t.Fatalf("the refusal does not say that more problems were left out: %.300s", shown)
	}
	test.Tap(buttonNamed(refused, "Save all…"))
	save := buttonNamed(w.Canvas().Overlays().Top(), "Save")
	if save == nil {
		t.Fatal("Save all… opened no save dialog")
	}
	test.Tap(save)
	waitFor(t, ex, "the list saved", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && strings.Contains(texts(top), "bad-problems.txt")
	})
	got, err := os.ReadFile(filepath.Join(dir, "bad-problems.txt"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(lines) <= problemsShown || !strings.Contains(lines[len(lines)-1], "bad.csv: row") {
		t.Errorf("the saved list holds %d lines, ending %q", len(lines), lines[len(lines)-1])
	}
}
