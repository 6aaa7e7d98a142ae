package ui

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
)

// deck is a choice of whole indications, in order, and of the sections of each, in order:
// what "Add a whole indication" adds to the talk.
type deck struct {
	Indications []string // keys, in order
	Sections    []string // of slides.Sections, in order
}

// picks are the deck's slides as picks of a talk, from the unfiltered evidence (the
// references apart: a talk ends with its own).
func (ex *Explorer) deckPicks(d deck) ([]slides.Pick, error) {
	var out []slides.Pick
	for _, key := range d.Indications {
		ev, err := ex.svc.Evidence(key, domain.Filter{}, -1)
		if err != nil {
			return nil, err
		}
		for _, s := range slides.Build(ev, ex.svc.Provenance(), d.Sections) {
			if s.Kind != slides.References {
				out = append(out, slides.Pick{ID: s.ID})
			}
		}
	}
	return out, nil
}

// chooseDeck lets the presenter pick and order indications and the sections of each, shows
// how many slides that adds, and adds them to the current talk.
func (ex *Explorer) chooseDeck() {
	var keys []string
	on := map[string]bool{}
	for _, ind := range ex.indications {
		keys = append(keys, ind.Key)
	}
	on[ex.current.Indication.Key] = true
	// a talk's references are its own, at its end
	sections := slices.DeleteFunc(slices.Clone(slides.Sections), func(s string) bool { return s == slides.SectionReferences })
	for _, s := range []string{slides.SectionOverview, slides.SectionPooled, slides.SectionCards} {
		on[s] = true
	}
	name := func(key string) string {
		if n, ok := slides.SectionName[key]; ok {
			return n
		}
		for _, ind := range ex.indications {
			if ind.Key == key {
				return ind.Name
			}
		}
		return key
	}
	count := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	chosen := func() deck {
		var c deck
		for _, k := range keys {
			if on[k] {
				c.Indications = append(c.Indications, k)
			}
		}
		for _, s := range sections {
			if on[s] {
				c.Sections = append(c.Sections, s)
			}
		}
		return c
	}
	var indBox, secBox *fyne.Container
	var refresh func()
	// rows lists items with a tick each and buttons that move it up and down
	rows := func(box *fyne.Container, items []string) {
		box.Objects = nil
		for i, k := range items {
			check := widget.NewCheck(name(k), func(v bool) { on[k] = v; refresh() })
			check.Checked = on[k]
			up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { items[i-1], items[i] = items[i], items[i-1]; refresh() })
			down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { items[i+1], items[i] = items[i], items[i+1]; refresh() })
			if i == 0 {
				up.Disable()
			}
			if i == len(items)-1 {
				down.Disable()
			}
			box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down), check))
		}
		box.Refresh()
	}
	indBox, secBox = container.NewVBox(), container.NewVBox()
	var add *widget.Button
	var picks []slides.Pick
	refresh = func() {
		rows(indBox, keys)
		rows(secBox, sections)
		var err error
		picks, err = ex.deckPicks(chosen())
		if err != nil {
			count.SetText(err.Error())
		} else {
			count.SetText(fmt.Sprintf("adds %s", domain.Plural(len(picks), "slide", "slides")))
		}
		if len(picks) == 0 {
			add.Disable()
		} else {
			add.Enable()
		}
	}
	var dlg dialog.Dialog
	add = widget.NewButtonWithIcon("Add to the talk", theme.ContentAddIcon(), func() {
		for _, p := range picks {
			if !ex.talks.pinned(p.ID) {
				ex.talks.Current.Slides = append(ex.talks.Current.Slides, p)
			}
		}
		ex.talks.changed(ex.window)
		dlg.Hide()
	})
	add.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
	refresh()
	body := container.NewGridWithColumns(2,
		container.NewBorder(section("Indications, in this order"), nil, nil, nil, indBox),
		container.NewBorder(section("Sections of each, in this order"), nil, nil, nil, secBox))
	intro := wrapped("Tick what to add and move it up or down. The talk ends with the references of every study it cites.", false)
	buttons := container.NewHBox(count, layout.NewSpacer(), cancel, add)
	dlg = dialog.NewCustomWithoutButtons("Add a whole indication", container.NewBorder(intro, buttons, nil, nil, body), ex.window)
	dlg.Resize(fyne.NewSize(min(1000, ex.window.Canvas().Size().Width*0.9), 480))
	dlg.Show()
}
