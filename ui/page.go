package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
	"ketamine-explorer/synthesis"
)

// Views of an indication page, in tab order.
var Views = []string{"summary", "charts", "studies"}

// page is one indication's built page, kept so going back to it is instant and its charts
// need not be drawn again.
type page struct {
	filter      domain.Filter // what ev was read under
	steps       []func()      // the pieces that fill the view on screen, until handed to the builder
	rest        []func()      // and the other view's
	ev          domain.IndicationEvidence
	content     fyne.CanvasObject
	tabs        *container.AppTabs
	scrolls     [2]*container.Scroll // the summary's and the charts'
	columns     [2]*fyne.Container   // the summary's columns of cards
	arrangement *twoColumns          // side by side, or one under the other
	headline    fyne.CanvasObject    // the headline card (nil when there is none)
	expand      *widget.Button       // shown in the compact header, to bring the full one back
	counts      *widget.Label        // the counts line, when the compact header may hide it
	outline     []*anchor            // every card and chart, to jump to (see Explorer.jumpTo)
	goTo        *dropDown            // the outline, as a drop-down beside the title
}

// anchor is a place on a page the outline jumps to: a card on the summary tab or a chart on
// the charts tab, built (obj set) when the builder reaches it.
type anchor struct {
	label string
	tab   int
	obj   fyne.CanvasObject
}

// indicationPage makes the widgets of the page r read, under the filter it was read under.
func (ex *Explorer) indicationPage(r *pageRead) *page {
	ev, figures, filter := r.ev, r.figures, r.filter
	title := widget.NewLabelWithStyle(ev.Indication.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	count := domain.Plural(ev.Indication.StudyCount, "study", "studies")
	if filter.Active() {
		count = fmt.Sprintf("%d of %s match the filters", max(len(ev.Studies), ev.Indication.Matching), domain.Plural(ev.Indication.StudyCount, "study", "studies"))
		if ev.Indication.Matching > len(ev.Studies) {
			count += fmt.Sprintf(" (the first %d shown; `show` and `export` give all)", len(ev.Studies))
		}
	}
	if len(ev.Studies) < ev.Indication.StudyCount && !filter.Active() {
		count += fmt.Sprintf(" (the first %d shown, randomized evidence first; `show` and `export` give all)", len(ev.Studies))
	}
	// the version only: its origin is under the navigator, and a banner heads a file that
	// is not an official release
	sub := widget.NewLabel(count + " · dataset " + ex.svc.Provenance().Version + " · the info button beside an item, or a click on a chart row, opens its source")
	sub.Truncation = fyne.TextTruncateEllipsis
	// in the compact header the title shares its line with the button that brings the
	// rest back, and the headline card is hidden (see Explorer.setCompact)
	expand := widget.NewButtonWithIcon("Show header (Ctrl+H)", theme.MenuExpandIcon(), func() { ex.setCompact(false) })
	// the outline jumps to any card or chart: the page is long, and its key chart may be
	// dozens of wheel notches down (its options are set once the page's pieces are known)
	goTo := newDropDown(nil, nil)
	goTo.PlaceHolder = "Go to a card or chart…"
	header := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(container.NewCenter(goTo), container.NewCenter(expand)), title), sub)
	if len(ev.Studies) == 0 && filter.Active() {
		header.Add(newPara(noneMatch(filter), fyne.TextStyle{Bold: true}, widget.WarningImportance))
	}
	if gap := ev.Indication.EvidenceGap; gap != "" {
		// the absence of evidence is the finding here: it must not read as a footnote
		msg := newPara(gap, fyne.TextStyle{Bold: true}, widget.WarningImportance)
		header.Add(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, msg))
	}

	// Two columns, each card going to the shorter one (by its text), so a short card is not
	// given the height of a long neighbour as in a grid. Cards and charts are filled in by
	// pieces (see builder): the page shows at once and grows, the view on screen first.
	columns := [2]*fyne.Container{container.NewVBox(), container.NewVBox()}
	var length [2]int
	var headline fyne.CanvasObject
	var cardSteps, chartSteps []func()
	var outline []*anchor
	for _, c := range synthesis.Cards(ev) {
		card, fill := ex.cardView(ev, c)
		if c.Key == domain.CardHeadline {
			if filter.Active() {
				// written for the whole indication: a filter cannot narrow what it says
				card.SetTitle("Headline (of all " + domain.Plural(ev.Indication.StudyCount, "study", "studies") + "; the filters do not apply to it)")
			}
			for _, f := range fill { // at the top of the page: built with it
				f()
			}
			header.Add(card)
			headline = card
			continue
		}
		col := 0
		if length[1] < length[0] {
			col = 1
		}
		column := columns[col]
		outline = append(outline, &anchor{label: c.Title, obj: card})
		cardSteps = append(cardSteps, func() { grow(column, card) })
		cardSteps = append(cardSteps, fill...)
		length[col] += 80 // the card's title and padding, in characters of text
		for _, it := range c.Items[:min(len(c.Items), cardItems)] {
			length[col] += len(it.Line()) + 40
		}
	}
	summary, arrangement := newTwoColumns(columns[0], columns[1])
	var summaryView fyne.CanvasObject = summary
	if len(ev.Studies) == 0 && filter.Active() {
		summaryView = newPara("No cards: "+noneMatch(filter), fyne.TextStyle{}, widget.MediumImportance)
	}

	openRow := rowOpener(ex.window, ev)
	// rows of two, each as tall as its taller chart
	grid := container.NewVBox()
	var row *fyne.Container
	for i, f := range figures {
		at := &anchor{label: "Chart: " + f.Title, tab: 1}
		outline = append(outline, at)
		chartSteps = append(chartSteps, func() {
			if i%2 == 0 {
				row = container.NewGridWithColumns(2)
				grow(grid, row)
			}
			at.obj = ex.chartWithData(f, openRow)
			grow(row, at.obj)
		})
	}
	var chartGrid fyne.CanvasObject = grid
	if len(figures) == 0 {
		text := "No chart: no study shown here reports a number to draw."
		if len(ev.Studies) == 0 && filter.Active() {
			text = noneMatch(filter)
		}
		chartGrid = newPara(text, fyne.TextStyle{}, widget.MediumImportance)
	}

	scrolls := [2]*container.Scroll{container.NewVScroll(container.NewPadded(summaryView)), container.NewVScroll(container.NewPadded(chartGrid))}
	studies := ex.studyList(ev.Indication.Key, ev.Studies)
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Summary cards", theme.DocumentIcon(), scrolls[0]),
		container.NewTabItemWithIcon(fmt.Sprintf("Outcome charts (%d)", len(figures)), theme.GridIcon(), scrolls[1]),
		container.NewTabItemWithIcon(fmt.Sprintf("Studies (%d)", len(ev.Studies)), theme.ListIcon(), container.NewPadded(studies)),
	)
	tabs.SelectIndex(ex.view)
	tabs.OnSelected = func(*container.TabItem) { ex.view = tabs.SelectedIndex() }
	p := &page{ev: ev, filter: filter, content: container.NewBorder(container.NewPadded(header), nil, nil, nil, tabs), tabs: tabs, expand: expand, headline: headline, scrolls: scrolls, columns: columns, arrangement: arrangement, outline: outline, goTo: goTo}
	for _, a := range outline {
		goTo.Options = append(goTo.Options, a.label)
	}
	goTo.OnChanged = func(label string) {
		for _, a := range outline {
			if a.label == label {
				ex.jumpTo(p, a)
				goTo.ClearSelected() // the same place can be chosen again after scrolling away
			}
		}
	}
	if !filter.Active() {
		// unfiltered, the counts are on the tabs: the compact header drops this line
		p.counts = sub
	}
	p.compact(ex.compact)
	p.steps, p.rest = cardSteps, chartSteps
	if ex.view == 1 {
		p.steps, p.rest = chartSteps, cardSteps
	}
	return p
}

// jumpTo shows an outline's card or chart at the top of its tab, built first if the
// builder has not reached it yet.
func (ex *Explorer) jumpTo(p *page, a *anchor) {
	key := p.ev.Indication.Key
	ex.build.first(key)
	ex.build.runWhile(func() bool { return a.obj == nil && ex.build.pending(key) })
	ex.ShowView(a.tab)
	if a.obj == nil {
		return
	}
	s := p.scrolls[a.tab]
	d := fyne.CurrentApp().Driver()
	s.ScrollToOffset(fyne.NewPos(0, d.AbsolutePositionForObject(a.obj).Y-d.AbsolutePositionForObject(s.Content).Y))
}

// filled says whether the view on screen has as much built as its scroll shows: both
// columns of cards, or the rows of charts.
func (p *page) filled() bool {
	i := p.tabs.SelectedIndex()
	if i >= len(p.scrolls) {
		return true // the study list lays out only its rows on screen
	}
	shown := p.scrolls[i].Size().Height
	if i == 0 {
		if p.arrangement.stacked {
			return p.columns[0].MinSize().Height >= shown
		}
		return min(p.columns[0].MinSize().Height, p.columns[1].MinSize().Height) >= shown
	}
	return p.scrolls[i].Content.MinSize().Height >= shown
}

// compact hides the page's headline card (and, unfiltered, the counts line), and shows
// the button that brings the full header back, when on; the title, any warning and the
// count of studies matching a filter always show.
func (p *page) compact(on bool) {
	var hideable []fyne.CanvasObject
	if p.headline != nil {
		hideable = append(hideable, p.headline)
	}
	if p.counts != nil {
		hideable = append(hideable, p.counts)
	}
	for _, o := range hideable {
		if on {
			o.Hide()
		} else {
			o.Show()
		}
	}
	if on {
		p.expand.Show()
	} else {
		p.expand.Hide()
	}
}

// noneMatch says why a page is empty: the filters leave none of its studies.
func noneMatch(f domain.Filter) string {
	return "No study of this indication matches the filters (" + strings.Join(f.Chips(), "; ") +
		"). Lift a filter with its chip under the search box, or Clear all filters."
}

// ShowView switches the page to one of Views, as clicking its tab does.
func (ex *Explorer) ShowView(i int) {
	ex.view = i
	if p := ex.pages.built[ex.current.Indication.Key]; p != nil {
		p.tabs.SelectIndex(i)
	}
}

// cardView is a summary card, empty, and the pieces that fill it an item each; each item
// that comes from a study has a button that opens the source, and a number the seed summary
// disputes carries a warning.
func (ex *Explorer) cardView(ev domain.IndicationEvidence, c domain.Card) (*widget.Card, []func()) {
	box := container.NewVBox()
	items := c.Items
	if len(items) > cardItems {
		items = items[:cardItems]
	}
	var fill []func()
	for _, it := range items {
		fill = append(fill, func() { grow(box, ex.cardItem(ev, it)) })
	}
	if more := len(c.Items) - len(items); more > 0 {
		fill = append(fill, func() {
			grow(box, widget.NewLabelWithStyle(fmt.Sprintf("… and %d more: see the Studies tab, or `ketamine-explorer show`", more),
				fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		})
	}
	// the card's slides join the talk: the headline's is the indication's overview
	id := ev.Indication.Key + "-" + string(c.Key)
	if c.Key == domain.CardHeadline {
		id = ev.Indication.Key + "-overview"
	}
	fill = append(fill, func() {
		grow(box, container.NewHBox(layout.NewSpacer(), ex.pinButton(func() string { return id }, "card")))
	})
	return widget.NewCard(c.Title, "", box), fill
}

// cardItem is one line of a card with its source button.
func (ex *Explorer) cardItem(ev domain.IndicationEvidence, it domain.CardItem) fyne.CanvasObject {
	label := newPara(it.Line(), fyne.TextStyle{}, widget.MediumImportance)
	var left fyne.CanvasObject
	if it.Disputed {
		left = widget.NewIcon(theme.WarningIcon())
	}
	var right fyne.CanvasObject
	if it.Pool != "" {
		pool := it.Pool
		btn := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { openSource(ex.window, []domain.IndicationEvidence{ev}, "", pool) })
		btn.Importance = widget.LowImportance
		right = container.NewHBox(ex.pinButton(func() string { return pool }, "pooled estimate"), btn)
	} else if st := ev.StudyByID(it.StudyID); st != nil {
		outcome := it.Outcome
		btn := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { showSource(ex.window, *st, outcome) })
		btn.Importance = widget.LowImportance
		right = btn
	}
	return container.NewBorder(nil, nil, left, right, label)
}

// studyList lists the studies, one line each, with a button that opens the full source;
// a list draws only the rows on screen, so a long one costs no more than a short one.
func (ex *Explorer) studyList(key string, studies []domain.Study) fyne.CanvasObject {
	list := widget.NewList(
		func() int { return len(studies) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			pin := widget.NewButtonWithIcon(pinLabel, theme.ContentAddIcon(), nil)
			pin.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, container.NewHBox(pin, widget.NewButtonWithIcon("Source", theme.InfoIcon(), nil)), l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			st := studies[id]
			row := o.(*fyne.Container)
			buttons := row.Objects[1].(*fyne.Container)
			pin, source := buttons.Objects[0].(*widget.Button), buttons.Objects[1].(*widget.Button)
			pick := slides.StudyID(key, st.ID)
			if ex.talks.pinned(pick) {
				pin.SetText(pinnedLabel)
				pin.SetIcon(theme.ConfirmIcon())
			} else {
				pin.SetText(pinLabel)
				pin.SetIcon(theme.ContentAddIcon())
			}
			pin.OnTapped = func() { ex.talks.toggle(pick, ex.window) }
			label := row.Objects[0].(*widget.Label)
			label.Importance = widget.MediumImportance
			if st.UserAdded {
				label.Importance = widget.WarningImportance // the badge: not bundled evidence
			}
			text := fmt.Sprintf("%s — %s; %s; extraction: %s", st.LineLabel(), st.Design, st.SizeText(), st.Extraction)
			if st.New {
				text = "NEW · " + text // added in this dataset version (Help > What's new)
			}
			label.SetText(text)
			source.OnTapped = func() { showSource(ex.window, st, "") }
		})
	ex.talks.shown = append(ex.talks.shown, list.Refresh)
	return list
}

// chartWithData is a chart with a "Data" toggle that shows the same numbers as a table,
// for anyone who cannot read the chart, and to copy a value from. The table is built the
// first time it is asked for, so pages cost no more for having it.
func (ex *Explorer) chartWithData(sf sizedFigure, open func(charts.Row)) fyne.CanvasObject {
	f := sf.Figure
	chart := newChartView(sf, open)
	body := container.NewStack(chart)
	var table fyne.CanvasObject
	var toggle *widget.Button
	toggle = widget.NewButtonWithIcon("Data", theme.ListIcon(), func() {
		if table == nil {
			table = dataTable(f, open)
			body.Add(table)
		}
		if chart.Visible() {
			chart.Hide()
			table.Show()
			toggle.SetText("Chart")
			toggle.SetIcon(theme.GridIcon())
		} else {
			table.Hide()
			chart.Show()
			toggle.SetText("Data")
			toggle.SetIcon(theme.ListIcon())
		}
	})
	toggle.Importance = widget.LowImportance
	save := widget.NewButtonWithIcon("Export", theme.DocumentSaveIcon(), func() { ex.exporter.show(&f) })
	save.Importance = widget.LowImportance
	return container.NewBorder(container.NewHBox(layout.NewSpacer(), ex.pinButton(func() string { return sf.pick }, "chart"), save, toggle), nil, nil, nil, body)
}

// dataTable lists a figure's rows as text, each with a button that opens its source.
func dataTable(f charts.Figure, open func(charts.Row)) fyne.CanvasObject {
	table := container.NewVBox(widget.NewLabelWithStyle(f.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrapped(f.Subtitle+". Axis: "+f.Axis.Label+".", true))
	for _, g := range f.Groups {
		table.Add(widget.NewLabelWithStyle(g.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		for _, r := range g.Rows {
			btn := widget.NewButtonWithIcon("", theme.InfoIcon(), func() { open(r) })
			btn.Importance = widget.LowImportance
			table.Add(container.NewBorder(nil, nil, nil, btn, wrapped(r.Label+": "+r.ValueText, true)))
		}
	}
	table.Add(wrapped(f.Caption, true))
	return table
}
