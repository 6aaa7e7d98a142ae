// Package slides lays an indication's evidence out as a sequence of presenter slides: an
// overview, the summary cards in slide-sized pieces, then one slide per chart, each with
// the short citations of its sources. It knows the evidence and the figures, not the UI.
package slides

import (
	"fmt"
	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
	"slices"
	"strings"

	"ketamine-explorer/charts"
)

// Kinds of slide.
const (
	Overview = "overview"
	Card     = "card"
	Chart    = "chart"
)

// PooledSource is how a slide cites a diamond: a number no study reported.
const PooledSource = "diamond pooled by this app from the studies above (random effects, REML)"

// MaxItems is the most card lines one slide holds: at projector type sizes more would
// not fit, so a longer card continues on the next slide.
const MaxItems = 5

// Slide is one screen of a presentation.
type Slide struct {
	Kind       string
	Indication domain.Indication
	Title      string
	// Warning is the indication's evidence gap, shown on its overview.
	Warning string
	Items   []domain.CardItem // overview and card slides
	Figure  *charts.Figure    // chart slides
	// Sources are the short citations (study labels) of everything on the slide.
	Sources []string
	Dataset string
	// Filters name any filter the studies were chosen by, so the room knows what is left out.
	Filters []string
}

// Footer is the slide's sources and the dataset version, one line to wrap.
func (s Slide) Footer() string {
	src := "Sources: " + strings.Join(s.Sources, "; ")
	if len(s.Sources) == 0 {
		src = "No study sources on this slide"
	}
	if len(s.Filters) > 0 {
		src += " · Filtered: " + strings.Join(s.Filters, "; ")
	}
	return src + " · Dataset " + s.Dataset
}

// For lays out one indication: overview, cards, charts.
func For(ev domain.IndicationEvidence, dataset string) []Slide {
	base := Slide{Indication: ev.Indication, Dataset: dataset}
	var out []Slide
	for _, c := range synthesis.Cards(ev) {
		if c.Key == domain.CardHeadline {
			s := base
			s.Kind, s.Title, s.Warning = Overview, ev.Indication.Name, ev.Indication.EvidenceGap
			s.Items = append(append([]domain.CardItem{}, c.Items...), domain.CardItem{Text: overviewCount(ev)})
			s.Sources = labels(ev.Studies)
			out = append(out, s)
			continue
		}
		for i := 0; i < len(c.Items); i += MaxItems {
			s := base
			s.Kind, s.Title = Card, ev.Indication.Name+": "+c.Title
			if len(c.Items) > MaxItems {
				s.Title += fmt.Sprintf(" (%d of %d)", i/MaxItems+1, (len(c.Items)+MaxItems-1)/MaxItems)
			}
			s.Items = c.Items[i:min(i+MaxItems, len(c.Items))]
			s.Sources = itemSources(s.Items)
			out = append(out, s)
		}
	}
	for _, f := range charts.For(ev, dataset) {
		s := base
		s.Kind, s.Title, s.Figure = Chart, ev.Indication.Name, &f // the figure draws its own title
		s.Sources = figureSources(ev, f)
		out = append(out, s)
	}
	return out
}

func overviewCount(ev domain.IndicationEvidence) string {
	counts := map[string]int{}
	var order []string
	for _, st := range ev.Studies {
		if counts[st.Design] == 0 {
			order = append(order, st.Design)
		}
		counts[st.Design]++
	}
	var parts []string
	for _, d := range order {
		parts = append(parts, fmt.Sprintf("%s (%d)", d, counts[d]))
	}
	return fmt.Sprintf("%s: %s.", domain.Plural(len(ev.Studies), "study", "studies"), strings.Join(parts, ", "))
}

func labels(studies []domain.Study) []string {
	out := make([]string, len(studies))
	for i, st := range studies {
		out[i] = st.Name()
	}
	return out
}

func itemSources(items []domain.CardItem) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range items {
		if it.Study != "" && !seen[it.Study] {
			seen[it.Study] = true
			out = append(out, it.Study)
		}
	}
	return out
}

func figureSources(ev domain.IndicationEvidence, f charts.Figure) []string {
	var out []string
	for _, id := range f.StudyIDs() {
		if st := ev.StudyByID(id); st != nil {
			out = append(out, st.Name())
		}
	}
	if slices.ContainsFunc(f.Rows(), func(r charts.Row) bool { return r.Shape == charts.Diamond }) {
		out = append(out, PooledSource)
	}
	return out
}
