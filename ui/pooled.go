package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
)

// findPool is the pooled estimate with that ID among the indications' pools.
func findPool(evs []domain.IndicationEvidence, id string) (synthesis.Pool, bool) {
	for _, ev := range evs {
		pools, _ := synthesis.Find(ev)
		for _, p := range pools {
			if p.ID == id {
				return p, true
			}
		}
	}
	return synthesis.Pool{}, false
}

// poolView is the source of a number this app computed: that it did, how, from which
// studies with which weights and standard errors, how much they disagree, and the rule.
func poolView(p synthesis.Pool) fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("Pooled estimate", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	note := widget.NewLabelWithStyle("Computed by this app from the reported estimates — not a published meta-analysis.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.WarningImportance
	box := container.NewVBox(heading, note, wrapped(p.What(), true), wrapped(p.Estimate(), true), field("How", synthesis.Method))
	r := p.Result
	box.Add(field("Heterogeneity", fmt.Sprintf("tau² %.4f; I² %.1f%%; Q %.2f on %d degrees of freedom, p=%.3f", r.Tau2, r.I2, r.Q, r.QDF, r.QP)))
	box.Add(section(fmt.Sprintf("The %d studies pooled", r.K)))
	for i, in := range p.Inputs {
		box.Add(wrapped(fmt.Sprintf("%s: %s. Weight %.1f%%; standard error %s. %s, %s.", in.Study.Name(),
			in.Study.Describe(in.Outcome), r.Weights[i], in.SEFrom, in.Study.Citation(), in.Outcome.Locator), true))
	}
	if len(p.LeaveOneOut) > 0 {
		box.Add(section("Leave one out"))
		for i, lo := range p.LeaveOneOut {
			box.Add(wrapped(fmt.Sprintf("Without %s: %s %.2f (95%% CI %.2f to %.2f); I² %.1f%%", p.Inputs[i].Study.Name(), p.Kind.Prefix(),
				p.Back(lo.Random.Mu), p.Back(lo.Random.Low), p.Back(lo.Random.High), lo.I2), true))
		}
	} else {
		box.Add(section("Leave one out"))
		box.Add(wrapped("With two studies, leaving one out leaves the other's own estimate, listed above.", true))
	}
	for _, in := range p.Published {
		box.Add(section("Published pooled figure, for comparison"))
		box.Add(wrapped(in.Study.Describe(in.Outcome)+". "+in.Outcome.Note+".", true))
	}
	if p.Sensitivity != nil {
		box.Add(section("Sensitivity analysis"))
		box.Add(wrapped(p.SensitivityLine(), true))
	}
	box.Add(section("Which estimates pool"))
	box.Add(wrapped(synthesis.Rule, true))
	return box
}

// showPool opens the source of a pooled estimate.
func showPool(w fyne.Window, p synthesis.Pool) {
	d := dialog.NewCustom("Source: pooled estimate", "Close", container.NewVScroll(container.NewPadded(poolView(p))), w)
	size := w.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(640, size.Height*0.9)))
	d.Show()
}
