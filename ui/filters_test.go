package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/domain"
)

func chipTexts(fb *filterBar) []string {
	var out []string
	for _, b := range chipButtons(fb) {
		out = append(out, b.Text)
	}
	return out
}

// chipButtons are the chips shown, each a button that lifts its filter, and Clear all.
func chipButtons(fb *filterBar) []*widget.Button {
	var out []*widget.Button
	walk(fb.chips, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b)
		}
	})
	return out
}

// Filters chosen in the bar apply to cards, charts and the study list alike, a chip says
// what is filtered, and tapping the chip lifts it.
func TestFiltersApplyToCardsAndChartsWithChips(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	all := ex.indications[0].StudyCount
	fb := ex.filters
	fb.molecule.SetSelected("esketamine")
	page := texts(ex.shown())
	if strings.Contains(page, "ELEKT-D (Anand 2023):") || ex.current.StudyByID("elekt-d") != nil || !strings.Contains(page, "TRANSFORM-2 (Popova 2019):") {
		t.Error("the esketamine filter did not filter the cards")
	}
	if !strings.Contains(page, fmt.Sprintf("of %d studies match the filters", all)) {
		t.Error("the page does not say how many studies match")
	}
	for _, v := range chartViews(ex.shown()) {
		for _, r := range v.fig.Rows() {
			if r.StudyID == "elekt-d" {
				t.Errorf("chart %q still draws ELEKT-D", v.fig.Title)
			}
		}
	}
	if chips := chipTexts(fb); len(chips) != 2 || chips[0] != "Molecule: esketamine" {
		t.Fatalf("chips: %v", chips)
	}
	// the navigator counts what matches, and the headline says the filter does not apply
	if got := navText(ex, 0); !strings.Contains(got, fmt.Sprintf("%d of %d studies match", len(ex.current.Studies), all)) {
		t.Errorf("navigator under a filter: %q", got)
	}
	if !strings.Contains(texts(ex.shown()), fmt.Sprintf("Headline (of all %d studies; the filters do not apply to it)", all)) {
		t.Error("the headline does not say the filters do not apply to it")
	}
	// the filter holds on another indication
	ex.Select(2)
	if !strings.Contains(texts(ex.shown()), "match the filters") {
		t.Error("the filter did not hold on another indication")
	}
	ex.Select(0)
	fb.minN.SetSelected("N ≥ 200")
	if chips := chipTexts(fb); len(chips) != 3 {
		t.Fatalf("chips after N: %v", chips)
	}
	test.Tap(buttonNamed(fb.chips, chipTexts(fb)[0])) // lift the molecule filter
	if ex.filter.Molecule != "" || ex.filter.MinN != 200 || fb.molecule.Selected != "" {
		t.Errorf("the chip did not lift just its filter: %+v", ex.filter)
	}
	test.Tap(buttonNamed(fb.chips, "Clear all filters"))
	if ex.filter.Active() || fb.chips.Visible() || !strings.Contains(texts(ex.shown()), "ELEKT-D (Anand 2023):") {
		t.Error("Clear all left a filter")
	}
	if got := navText(ex, 0); !strings.HasPrefix(got, fmt.Sprintf("%d studies", all)) {
		t.Errorf("navigator without a filter: %q", got)
	}
	_ = w
}

// Search: typed text and Enter list the studies that mention it across indications, each
// opening its source; the pages show only them until the chip is lifted.
func TestSearchOpensTheStudy(t *testing.T) {
	ex, w := newExplorer(t)
	ex.Select(0)
	test.Type(ex.filters.search, "midazolam")
	ex.filters.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	top := w.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), "mention \"midazolam\"") || !strings.Contains(texts(top), "Suicidal ideation") {
		t.Fatal("no search results across indications")
	}
	open := findSourceButton(top, "Cochrane review 2021")
	if open == nil {
		t.Fatal("the Cochrane review is not among the results")
	}
	test.Tap(open)
	if src := w.Canvas().Overlays().Top(); src == nil || !strings.Contains(texts(src), "Cochrane") || !strings.Contains(texts(src), "Where in the source") && !strings.Contains(texts(src), "Study") {
		t.Error("Open did not show the study's source")
	}
	if chips := chipTexts(ex.filters); len(chips) == 0 || chips[0] != `Text: "midazolam"` {
		t.Errorf("no text chip: %v", chips)
	}
	for _, bad := range []string{"'; DROP TABLE studies; --", "%", "_", "\u202eevil", strings.Repeat("ketamine ", 200)} {
		ex.SetFilter(ex.filter) // no-op
		f := ex.filter
		f.Text = bad
		ex.SetFilter(f)
		if !strings.Contains(texts(ex.shown()), "match the filters") {
			t.Errorf("search for %q broke the page", bad)
		}
	}
}

// A filter that leaves no study says so on the page and in place of the charts, and a card
// topic no shown study reports does not claim the sources never report it.
func TestAFilterThatLeavesNothingSaysSo(t *testing.T) {
	ex, _ := newExplorer(t)
	ex.Select(0)
	ex.SetFilter(domain.Filter{MinN: 100000})
	page := texts(ex.shown())
	if !strings.Contains(page, "No study of this indication matches the filters (N ≥ 100000)") {
		t.Error("an empty filtered page does not say why")
	}
	if !strings.Contains(page, "No cards: No study of this indication matches the filters") || strings.Contains(page, "Key numbers") {
		t.Error("the summary tab shows empty cards instead of saying why it has none")
	}
	ex.ShowView(1)
	if !strings.Contains(texts(ex.shown()), "No study of this indication matches the filters") {
		t.Error("the charts tab is blank with no message")
	}
	// studies left, none reporting the onset: the card does not claim the sources never do
	ex.ShowView(0)
	ex.SetFilter(domain.Filter{MinN: 1000})
	page = texts(ex.shown())
	left := fmt.Sprintf("The study shown does not report this; the %d not shown here may.", ex.indications[0].StudyCount-1)
	if len(ex.current.Studies) != 1 || strings.Contains(page, "Not reported in the sources read") || !strings.Contains(page, left) {
		t.Errorf("a card says the sources never report what filtered-out studies may report:\n%s", page)
	}
}

// navText is the count line of the navigator's i-th indication.
func navText(ex *Explorer, i int) string {
	item := ex.nav.CreateItem()
	ex.nav.UpdateItem(i, item)
	lines := strings.Split(strings.TrimSpace(texts(item)), "\n")
	return lines[len(lines)-1] // under the indication's name
}
