package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

const anyValue = "Any"

// Minimum sizes offered by the N filter.
var minNs = []int{20, 50, 100, 200, 500}

// filterBar is the row of filters above the pages, the search box, and the chips that say
// what is filtered out; the filters hold across indications.
type filterBar struct {
	*state
	set                                 func(domain.Filter) // applies a filter to every page
	molecule, route, design, comparator *dropDown
	minN                                *dropDown
	search                              *widget.Entry
	chips                               *fyne.Container
	content                             fyne.CanvasObject
}

func newFilterBar(st *state, set func(domain.Filter), searched func(string)) *filterBar {
	fb := &filterBar{state: st, set: set, chips: container.NewHBox()}
	choice := func(name string, options []string, set func(*domain.Filter, string)) *dropDown {
		s := newDropDown(append([]string{anyValue}, options...), nil)
		s.PlaceHolder = name
		s.OnChanged = func(v string) {
			f := fb.filter
			if v == anyValue {
				v = ""
			}
			set(&f, v)
			fb.set(f)
		}
		return s
	}
	var molecules []string
	for _, m := range domain.Molecules {
		if m != domain.ComparatorDrug {
			molecules = append(molecules, string(m))
		}
	}
	fb.molecule = choice("Molecule", molecules, func(f *domain.Filter, v string) { f.Molecule = domain.Molecule(v) })
	fb.route = choice("Route", nil, func(f *domain.Filter, v string) { f.Route = domain.Route(v) })
	fb.design = choice("Design", domain.Designs, func(f *domain.Filter, v string) { f.Design = v })
	fb.comparator = choice("Comparator", domain.Comparators, func(f *domain.Filter, v string) { f.Comparator = v })
	byLabel := map[string]int{}
	var ns []string
	for _, n := range minNs {
		ns = append(ns, domain.MinNLabel(n))
		byLabel[domain.MinNLabel(n)] = n
	}
	fb.minN = choice("Minimum N", ns, func(f *domain.Filter, v string) { f.MinN = byLabel[v] })
	fb.search = widget.NewEntry()
	fb.search.SetPlaceHolder("Search titles, populations, measures, notes… (Enter)")
	fb.search.OnSubmitted = func(q string) {
		f := fb.filter
		f.Text = strings.TrimSpace(q)
		fb.set(f)
		if f.Text != "" {
			searched(f.Text)
		}
	}
	selects := container.NewGridWithColumns(5, fb.molecule, fb.route, fb.design, fb.comparator, fb.minN)
	fb.chips.Hide()
	fb.content = container.NewVBox(selects, fb.search, fb.chips)
	return fb
}

// SetFilter applies a filter to every page, cards and charts alike.
func (ex *Explorer) SetFilter(f domain.Filter) {
	if f == ex.filter {
		return
	}
	ex.filter = f
	ex.filters.sync()
	ex.refresh()
}

// sync sets the widgets and chips from the explorer's filter.
func (fb *filterBar) sync() {
	f := fb.filter
	set := func(s *dropDown, v string) {
		switch {
		case v == "" && s.Selected != "":
			s.ClearSelected() // shows the filter's name again
		case v != "" && s.Selected != v:
			s.SetSelected(v)
		}
	}
	set(fb.molecule, string(f.Molecule))
	set(fb.route, string(f.Route))
	set(fb.design, f.Design)
	set(fb.comparator, f.Comparator)
	n := ""
	if f.MinN > 0 {
		n = domain.MinNLabel(f.MinN)
	}
	set(fb.minN, n)
	if fb.search.Text != f.Text {
		fb.search.SetText(f.Text)
	}
	fb.chips.Objects = nil
	for _, part := range f.Parts() {
		lifted := part.Without
		fb.chips.Add(widget.NewButtonWithIcon(part.Label, theme.CancelIcon(), func() { fb.set(lifted) }))
	}
	if f.Active() {
		all := widget.NewButton("Clear all filters", func() { fb.set(domain.Filter{}) })
		all.Importance = widget.LowImportance
		fb.chips.Add(all)
		fb.chips.Show()
	} else {
		fb.chips.Hide()
	}
	fb.chips.Refresh()
}

// noteRoutes adds the routes of a loaded indication to the Route menu.
func (fb *filterBar) noteRoutes(studies []domain.Study) {
	for _, r := range domain.Routes(studies) {
		if !slices.Contains(fb.route.Options, string(r)) {
			fb.route.Options = append(fb.route.Options, string(r))
		}
	}
}

// showSearchResults lists the studies of every indication that mention q, each opening
// its source.
func (ex *Explorer) showSearchResults(q string) {
	box := container.NewVBox()
	found := 0
	for _, ind := range ex.indications {
		ev, err := ex.svc.Evidence(ind.Key, domain.Filter{Text: q}, pageStudies)
		if err != nil {
			dialog.ShowError(err, ex.window)
			return
		}
		for _, st := range ev.Studies {
			found++
			open := widget.NewButtonWithIcon("Open", theme.InfoIcon(), func() { showSource(ex.window, st, "") })
			box.Add(container.NewBorder(nil, nil, nil, open, wrapped(ind.Name+" · "+st.Name()+" — "+st.Design, false)))
		}
	}
	head := fmt.Sprintf("%s %q. The pages now show only them; the chip under the search box lifts the filter.", domain.Plural(found, "study mentions", "studies mention"), q)
	if found == 0 {
		head = fmt.Sprintf("No study mentions %q.", q)
	}
	d := dialog.NewCustom("Search", "Close", container.NewBorder(wrapped(head, false), nil, nil, nil, container.NewVScroll(box)), ex.window)
	d.Resize(fyne.NewSize(800, 500))
	d.Show()
}
