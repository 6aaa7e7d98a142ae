package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

// showChanges is Help > What's new in the evidence: per dataset version, the studies it
// added and the values it corrected, old and new side by side with the reason.
func (ex *Explorer) showChanges() {
	log, err := ex.svc.Changes()
	if err != nil {
		dialog.ShowError(err, ex.window)
		return
	}
	ex.showChangeLog("What's new in the evidence", fmt.Sprintf("You are reading dataset %s. Studies added in it are marked \"new\" in the study list and in their source.", ex.datasetLabel()),
		"This evidence database has no change log.", log)
}

// showChangeLog lists a change log, version by version, under intro (none: empty).
func (ex *Explorer) showChangeLog(title, intro, none string, log []domain.Change) {
	box := container.NewVBox()
	version := ""
	for _, c := range log {
		if c.Version != version {
			version = c.Version
			head := widget.NewLabelWithStyle(fmt.Sprintf("Dataset %s (%s)", c.Version, c.Date), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head.SizeName = theme.SizeNameSubHeadingText
			box.Add(head)
		}
		box.Add(wrapped("• "+c.Line(), true))
	}
	if len(log) == 0 {
		box.Add(wrapped(none, false))
	}
	d := dialog.NewCustom(title, "Close", container.NewBorder(wrapped(intro, false), nil, nil, nil, container.NewVScroll(box)), ex.window)
	size := ex.window.Canvas().Size()
	d.Resize(fyne.NewSize(min(1000, size.Width*0.9), min(700, size.Height*0.9)))
	d.Show()
}
