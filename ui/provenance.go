package ui

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// banner heads the window, above the toolbar and kept when the header is hidden, when the
// evidence is not an official release (in the error colour: a room must notice) or an
// installed update could not be used.
type banner struct {
	content *fyne.Container
	label   *widget.Label
	back    *canvas.Rectangle
}

func newBanner() *banner {
	b := &banner{label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), back: canvas.NewRectangle(color.Transparent)}
	b.label.Wrapping = fyne.TextWrapWord
	b.content = container.NewStack(b.back, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, b.label))
	b.content.Hide()
	return b
}

// show says what the provenance calls for, or hides the banner when it calls for nothing.
func (b *banner) show(p domain.Provenance) {
	text, name, importance := p.Warning(), theme.ColorNameError, widget.DangerImportance
	if text != "" {
		text += ": its numbers may differ from the published evidence"
	} else if p.Note != "" {
		text, name, importance = strings.ToUpper(p.Note[:1])+p.Note[1:], theme.ColorNameWarning, widget.WarningImportance
	}
	if text == "" {
		b.content.Hide()
		return
	}
	c := color.NRGBAModel.Convert(theme.Color(name)).(color.NRGBA)
	c.A = 0x38 // a tint of the colour behind text in the colour itself
	b.back.FillColor = c
	b.label.Importance = importance
	b.label.SetText(text)
	b.back.Refresh()
	b.content.Show()
}

// installUpdate is File > Install evidence update…: a signed release chosen, verified
// against the trusted keys and installed off the UI goroutine, then shown with what is new
// in it; a refusal says why and changes nothing.
func (ex *Explorer) installUpdate() {
	dir := evidence.ReleasesFolder(ex.svc.UserPath())
	if dir == "" {
		dialog.ShowError(fmt.Errorf("there is no per-user storage to install evidence updates in"), ex.window)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				dialog.ShowError(err, ex.window)
			}
			return
		}
		path := r.URI().Path()
		r.Close()
		ex.install(path, dir)
	}, ex.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".sqlite", ".sqlite3", ".db"}))
	d.Show()
}

// install installs the release at path into the releases folder dir and shows it.
func (ex *Explorer) install(path, dir string) {
	wait := showProgress(ex.window, "Installing the evidence update…", "Its signature and every page are checked before it is used.", nil)
	var u evidence.Update
	var next *evidence.Service
	var err error
	ex.jobs.run(func() {
		if u, err = evidence.InstallUpdate(path, dir, false); err == nil {
			next, err = evidence.OpenInUse(dir)
		}
	}, func() {
		wait.hide()
		if err != nil {
			dialog.ShowError(fmt.Errorf("%w\n\nThe evidence in use stays as it was", err), ex.window)
			return
		}
		ex.swap(next)
		ex.showChangeLog("Evidence update installed",
			fmt.Sprintf("Installed dataset %s, signed by %s, in place of dataset %s. `ketamine-explorer dataset rollback` returns to it. What's new since dataset %s:",
				u.Release.Version, u.Release.Signer, u.Was.Label(), u.Was.Version),
			"Its change log lists nothing new.", u.News)
	})
}

// signedWith is the key a release was signed with, for About ("" for the bundled evidence
// and for files no trusted key signed).
func signedWith(p domain.Provenance) string {
	if p.KeyID == "" {
		return ""
	}
	return "\nSigned with key " + p.KeyID
}
