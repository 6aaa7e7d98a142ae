package ui

import (
	"encoding/json"
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

// deck is what presenter mode shows: which indications, in which order, and which sections
// of each, in which order. It is remembered between runs.
type deck struct {
	Indications []string `json:"indications"` // keys, in order; none: every indication
	Sections    []string `json:"sections"`    // of slides.Sections, in order; none: each indication's default talk
}

const deckPref = "presenterDeck"

// loadDeck is the deck last chosen, or every indication's default talk.
func loadDeck() deck {
	var d deck
	if json.Unmarshal([]byte(fyne.CurrentApp().Preferences().String(deckPref)), &d) != nil {
		return deck{}
	}
	return d
}

func (d deck) save() {
	b, err := json.Marshal(d)
	if err == nil {
		fyne.CurrentApp().Preferences().SetString(deckPref, string(b))
	}
}

// indications are the navigator positions of the deck's indications, in its order;
// every one when the deck names none this database has.
func (d deck) indications(st *state) []int {
	var out []int
	for _, key := range d.Indications {
		if i := slices.IndexFunc(st.indications, func(ind domain.Indication) bool { return ind.Key == key }); i >= 0 {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		for i := range st.indications {
			out = append(out, i)
		}
	}
	return out
}

// sections are the deck's sections, or all of them (as the deck builder offers them when
// none is chosen).
func (d deck) sections() []string {
	if len(d.Sections) == 0 {
		return slides.Sections
	}
	return d.Sections
}

// deckSlides are the slides of deck d, filtered as the window is, and the evidence they
// show by indication key; at is the first slide of the indication shown in the window (0
// if it is not in the deck).
func (ex *Explorer) deckSlides(d deck) (out []slides.Slide, at int, evidence map[string]domain.IndicationEvidence) {
	evidence = map[string]domain.IndicationEvidence{}
	for _, i := range d.indications(ex.state) {
		ev, err := ex.evidenceFor(i)
		if err != nil {
			fyne.LogError("presenter mode", err)
			continue
		}
		evidence[ev.Indication.Key] = ev
		if ex.indications[i].Key == ex.current.Indication.Key {
			at = len(out)
		}
		ss := slides.Talk(ev, ex.version) // at most slides.MaxTalk, until sections are chosen
		if len(d.Sections) > 0 {
			ss = slides.Build(ev, ex.version, d.Sections)
		}
		for _, s := range ss {
			s.Filters = ex.filter.Chips()
			out = append(out, s)
		}
	}
	return out, at, evidence
}

// chooseDeck lets the presenter pick and order the indications and the sections of each,
// shows how many slides that makes, and presents it (or saves it for the next time).
func (ex *Explorer) chooseDeck() {
	d := loadDeck()
	inds := d.indications(ex.state)
	var keys []string
	for _, i := range inds {
		keys = append(keys, ex.indications[i].Key)
	}
	// the chosen come first, in their order; the others after, unticked
	for _, ind := range ex.indications {
		if !slices.Contains(keys, ind.Key) {
			keys = append(keys, ind.Key)
		}
	}
	on := map[string]bool{}
	for _, i := range inds {
		on[ex.indications[i].Key] = true
	}
	sections := slices.Clone(d.sections())
	for _, s := range slides.Sections {
		if !slices.Contains(sections, s) {
			sections = append(sections, s)
		}
	}
	for _, s := range d.sections() {
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
	var present *widget.Button
	refresh = func() {
		rows(indBox, keys)
		rows(secBox, sections)
		c := chosen()
		n := 0
		if len(c.Indications) > 0 && len(c.Sections) > 0 {
			ss, _, _ := ex.deckSlides(c)
			n = len(ss)
		}
		count.SetText(fmt.Sprintf("%s in this deck", domain.Plural(n, "slide", "slides")))
		if n == 0 {
			present.Disable()
		} else {
			present.Enable()
		}
	}
	var dlg dialog.Dialog
	present = widget.NewButtonWithIcon("Present", theme.MediaPlayIcon(), func() {
		chosen().save()
		dlg.Hide()
		ex.Present(true)
	})
	present.Importance = widget.HighImportance
	save := widget.NewButtonWithIcon("Save for next time", theme.DocumentSaveIcon(), func() {
		chosen().save()
		dlg.Hide()
	})
	cancel := widget.NewButton("Cancel", func() { dlg.Hide() })
	refresh()
	body := container.NewGridWithColumns(2,
		container.NewBorder(section("Indications, in this order"), nil, nil, nil, indBox),
		container.NewBorder(section("Sections of each, in this order"), nil, nil, nil, secBox))
	intro := wrapped("Tick what to show and move it up or down. Charts and pooled estimates follow the filters in force, as the window does.", false)
	buttons := container.NewHBox(count, layout.NewSpacer(), cancel, save, present)
	dlg = dialog.NewCustomWithoutButtons("Presenter slides", container.NewBorder(intro, buttons, nil, nil, body), ex.window)
	dlg.Resize(fyne.NewSize(min(1000, ex.window.Canvas().Size().Width*0.9), 480))
	dlg.Show()
}
