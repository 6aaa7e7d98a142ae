package ui

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
)

// saveCitation saves the study's reference for a reference manager: .bib as BibTeX, .ris
// as RIS, anything else as plain text, by the name the user gives.
func saveCitation(w fyne.Window, st domain.Study) {
	saveAs(w, "citation", st.ID+".bib", nil, []string{".bib", ".ris", ".txt"}, "", func(out io.Writer, ext string) error {
		text := st.PlainCitation() + "\n"
		switch ext {
		case ".bib":
			text = st.BibTeX()
		case ".ris":
			text = st.RIS()
		}
		_, err := io.WriteString(out, text)
		return err
	})
}

// sourceView is what a user sees on opening a number or a study: the full citation,
// identifiers, where in the paper the value comes from, how it was extracted, and any
// disagreement of the seed summary, with both values side by side.
func sourceView(st domain.Study, outcomeID string) fyne.CanvasObject {
	box := container.NewVBox()
	add := func(objs ...fyne.CanvasObject) { box.Objects = append(box.Objects, objs...) }
	heading := widget.NewLabelWithStyle(st.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Wrapping = fyne.TextWrapWord
	add(heading, longText(st.Citation()))
	if domain.Clip(st.Label, domain.LabelLimit) != st.Label {
		add(field("Whole label", st.Label))
	}
	if st.New {
		add(widget.NewLabelWithStyle("New in this dataset version: see Help > What's new in the evidence.", fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	}
	if st.UserAdded {
		note := widget.NewLabelWithStyle("Added by you from a CSV file: not part of the bundled evidence, and not checked by its editors.",
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.WarningImportance
		add(note)
	}

	if o := st.OutcomeByID(outcomeID); o != nil {
		add(section("The number"), wrapped(st.Describe(*o), true))
		if o.IsContrast() {
			add(field("Contrast", st.Contrast(*o)))
		}
		if src := st.SourceByID(o.Source); src != nil {
			add(field("Read in", sourceText(*src)))
		}
		add(field("Where in the source", o.Locator))
		if o.Certainty != "" {
			add(field("Certainty (as reported)", o.Certainty))
		}
		if o.Note != "" {
			add(field("Note", o.Note))
		}
		for _, d := range st.DiscrepanciesFor(o.ID) {
			add(discrepancyView(d))
		}
	}

	add(section("Study"))
	ids := st.IdentifierLinks()
	if len(ids) == 0 {
		add(field("Identifiers", domain.Unknown))
	}
	for _, id := range ids {
		if id.URL == "" {
			add(field("Other identifier", id.Text))
		} else {
			add(link(id.Text, id.URL))
		}
	}
	design := st.Design
	if st.DesignDetail != "" {
		design += " (" + st.DesignDetail + ")"
	}
	add(field("Design", design), field("Size", st.SizeText()))
	for _, f := range [][2]string{{"Population", st.Population}, {"Setting", st.Setting}, {"Period", st.Period}} {
		if f[1] != "" {
			add(field(f[0], f[1]))
		}
	}
	add(field("Extraction", st.Extraction+" (not the full text unless it says so)"))
	var where []string
	for _, s := range st.Sources {
		where = append(where, sourceText(s))
	}
	add(field("Sources read", strings.Join(where, "\n")))
	add(field("Summary", st.Summary))
	// every finding in words, each with where it was read: the cards spread them by topic
	if len(st.Findings) > 0 {
		add(widget.NewLabelWithStyle("Findings in words", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	for _, f := range st.Findings {
		add(longText(f.Text + st.SourceNote(f.Source) + " (" + f.Locator + ")"))
	}
	if len(st.Unknowns) > 0 {
		add(field("Not found in the sources read", strings.Join(st.Unknowns, "; ")))
	}
	if outcomeID == "" {
		for _, d := range st.Discrepancies {
			add(discrepancyView(d))
		}
	}
	return box
}

// sourceText is a source as the source view lists it: what it is (with its version, for a
// text that changes) and where it was read.
func sourceText(s domain.Source) string {
	kind := s.Kind
	if s.Version != "" {
		kind += ", " + s.Version + " version"
	}
	return kind + ": " + s.Where
}

// openSource shows the source of one of a study's numbers (or of the study, outcomeID
// ""), the study looked up in evs, or of a pooled estimate (studyID "", outcomeID its
// ID): what a chart row, card line or slide line opens.
func openSource(w fyne.Window, evs []domain.IndicationEvidence, studyID, outcomeID string) {
	if studyID == "" {
		if p, ok := findPool(evs, outcomeID); ok {
			showPool(w, p)
		}
		return
	}
	for _, ev := range evs {
		if st := ev.StudyByID(studyID); st != nil {
			showSource(w, *st, outcomeID)
			return
		}
	}
}

// rowOpener opens a chart row's source.
func rowOpener(w fyne.Window, evs ...domain.IndicationEvidence) func(charts.Row) {
	return func(r charts.Row) { openSource(w, evs, r.StudyID, r.OutcomeID) }
}

func showSource(w fyne.Window, st domain.Study, outcomeID string) {
	var d *dialog.CustomDialog
	save := widget.NewButtonWithIcon("Save…", theme.DocumentSaveIcon(), func() { saveCitation(w, st) })
	buttons := container.NewHBox(layout.NewSpacer(), copyButton("Copy citation", st.PlainCitation()), copyButton("Copy BibTeX", st.BibTeX()),
		copyButton("Copy RIS", st.RIS()), save, widget.NewButton("Close", func() { d.Hide() }), layout.NewSpacer())
	// the buttons are part of the content, not set on the dialog afterwards: each change to
	// a shown dialog lays its wrapped text out again, and that is most of the cost of opening
	d = dialog.NewCustomWithoutButtons("Source: "+st.Name(),
		container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(container.NewPadded(sourceView(st, outcomeID)))), w)
	size := w.Canvas().Size()
	d.Resize(fyne.NewSize(min(760, size.Width*0.9), min(640, size.Height*0.9)))
	d.Show()
}

func discrepancyView(d domain.Discrepancy) fyne.CanvasObject {
	val := func(claim string, v *domain.Num) string {
		if v != nil {
			return fmt.Sprintf("%s\n(value: %s)", claim, v)
		}
		return claim
	}
	title := widget.NewLabelWithStyle(d.Heading(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	secondary := widget.NewCard("", d.SecondarySource+" says", wrapped(val(d.SecondaryClaim, d.SecondaryValue), true))
	primary := widget.NewCard("", d.PrimaryWho()+" says", wrapped(val(d.PrimaryClaim, d.PrimaryValue), true))
	box := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, title),
		container.NewGridWithColumns(2, secondary, primary))
	if d.FromSeed() {
		box.Add(wrapped(domain.SeedSummary, false))
	}
	return box
}

func section(title string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(widget.NewSeparator(), l)
}

func field(name, value string) fyne.CanvasObject {
	if value == "" {
		value = domain.Unknown
	}
	return container.NewVBox(widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), longText(value))
}

// shownLimit is the most characters a wrapped label shows. Fyne lays wrapped text out in
// a time that grows with the square of its length (a 10,000-character title held the
// window for 8 s); the longest text of the bundle, a headline, has 654, and a summary must
// never be cut. A longer text is cut, and longText offers the rest.
const shownLimit = 2000

// wrapped is a word-wrapped label; selectable ones let a user copy numbers and citations.
func wrapped(text string, selectable bool) *widget.Label {
	l := widget.NewLabel(domain.Clip(text, shownLimit))
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = selectable
	return l
}

// longText is a selectable wrapped label which, for a text longer than it shows, has a
// button that shows the whole text.
func longText(text string) fyne.CanvasObject {
	l := wrapped(text, true)
	n := utf8.RuneCountInString(text)
	if n <= shownLimit {
		return l
	}
	var more *widget.Button
	more = widget.NewButtonWithIcon(fmt.Sprintf("Show all %d characters", n), theme.MoreHorizontalIcon(), func() {
		showFullText(fyne.CurrentApp().Driver().CanvasForObject(more), text)
	})
	return container.NewVBox(l, container.NewHBox(more))
}

// copiedFor is how long a copy button says "Copied".
const copiedFor = 2 * time.Second

// copyButton copies text to the clipboard and says "Copied" for a moment.
func copyButton(label, text string) *widget.Button {
	var b *widget.Button
	b = widget.NewButtonWithIcon(label, theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(text)
		b.SetText("Copied")
		b.SetIcon(theme.ConfirmIcon())
		// the label comes back, so the next copy says so again: at the end of an animation,
		// which Fyne runs on the UI goroutine (a timer's goroutine raced with the window), once
		// its two seconds have passed (a driver with no animations ends one at once)
		copied := time.Now()
		fyne.NewAnimation(copiedFor, func(done float32) {
			if done == 1 && time.Since(copied) >= copiedFor {
				b.SetText(label)
				b.SetIcon(theme.ContentCopyIcon())
			}
		}).Start()
	})
	return b
}

// fullTextWidth is the characters of a line in the full-text view.
const fullTextWidth = 90

// showFullText shows a long text whole over canvas c: broken into lines here, once, and
// listed so only the lines on screen are laid out, however long the text.
func showFullText(c fyne.Canvas, text string) {
	lines := breakLines(text, fullTextWidth)
	list := widget.NewList(func() int { return len(lines) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(lines[i]) })
	var pop *widget.PopUp
	buttons := container.NewHBox(layout.NewSpacer(),
		copyButton("Copy all", text),
		widget.NewButton("Close", func() { pop.Hide() }))
	head := widget.NewLabelWithStyle(fmt.Sprintf("The whole text: %d characters, %s", utf8.RuneCountInString(text), domain.Plural(len(lines), "line", "lines")),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	pop = widget.NewModalPopUp(container.NewBorder(head, buttons, nil, nil, list), c)
	pop.Resize(fyne.NewSize(c.Size().Width*0.85, c.Size().Height*0.85))
	pop.Show()
}

// breakLines breaks text into lines of at most width characters, at spaces where it can
// and inside a word longer than a line, keeping the text's own line breaks.
func breakLines(text string, width int) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		var line []rune
		for _, word := range strings.Fields(para) {
			w := []rune(word)
			if len(line) > 0 && len(line)+1+len(w) > width {
				out, line = append(out, string(line)), nil
			}
			for len(w) > width {
				if len(line) > 0 {
					out, line = append(out, string(line)), nil
				}
				out, w = append(out, string(w[:width])), w[width:]
			}
			if len(line) > 0 {
				line = append(line, ' ')
			}
			line = append(line, w...)
		}
		out = append(out, string(line))
	}
	return out
}

// link opens the address in the user's browser only when tapped.
func link(text, address string) fyne.CanvasObject {
	u, err := url.Parse(address)
	if err != nil {
		return widget.NewLabel(text)
	}
	return widget.NewHyperlink(text, u)
}
