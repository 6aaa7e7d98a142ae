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
	Overview   = "overview"
	Card       = "card"
	Chart      = "chart"
	References = "references"
)

// PooledSource is how a slide cites a diamond: a number no study reported.
const PooledSource = "diamond pooled by this app from these studies (random effects, REML)"

// MaxChartRows is the most rows one chart slide draws: a forest plot's rows wrap their
// labels over three or four lines, and at more rows its type on a 1024x768 projector falls
// below 16 px (a longer chart continues on the next slide).
const MaxChartRows = 3

// MaxItems is the most card lines one slide holds, and MaxChars the most text: at
// projector type sizes a 1024x768 screen holds no more, even in the smaller type a full
// slide is given (a longer card continues on the next slide).
const (
	MaxItems = 5
	MaxChars = 800
)

// Slide is one screen of a presentation.
type Slide struct {
	// ID names the slide for `slides` and `talk --slides`: the indication and what the
	// slide shows ("trd-overview", "trd-safety-2", "trd-07-forest-3", "trd-references-1").
	ID         string
	Kind       string
	Card       domain.CardKey // a card slide's card
	Indication domain.Indication
	Title      string
	// Warning is the indication's evidence gap, shown on its overview.
	Warning string
	Items   []domain.CardItem // overview and card slides
	Figure  *charts.Figure    // chart slides
	// Sources are the short citations (study labels) of everything on the slide.
	Sources []string
	// Provenance is the evidence's dataset and origin, in the footer (in the error colour
	// when it is not an official release)
	Provenance domain.Provenance
	// Filters name any filter the studies were chosen by, so the room knows what is left out.
	Filters []string
	// Cited are the full references of the slide's studies, for a speaker's notes.
	Cited []string
}

// Type sizes of a slide, in pixels of a 1080-line screen at zoom 1: the presenter's theme
// and the pictures of exported talks both draw with them, so an exported slide looks like
// the one on screen. A slide whose lines do not fit steps down to Smaller, then Smallest
// (never below three quarters of the body's size).
const (
	TitleSize      = 46
	ChartTitleSize = 34 // a chart has a title of its own: its rows get the height
	LargeSize      = 34 // a short overview's lines
	BodySize       = 26
	SmallerSize    = 22.5
	SmallestSize   = 19.5
	CaptionSize    = 22
)

// overviewLarge is the most text an overview shows in the larger type: a longer headline in
// it would run off a 1024x768 projector.
const overviewLarge = 350

// Large says whether the slide's lines are shown in LargeSize: a short overview has room,
// and the room reads it first.
func (s Slide) Large() bool {
	return s.Kind == Overview && Chars(s.Items) < overviewLarge
}

// Notes are what a speaker's notes hold for the slide: its sources and their full
// references.
func (s Slide) Notes() string {
	var b strings.Builder
	b.WriteString(s.Footer())
	if len(s.Cited) > 0 {
		b.WriteString("\n\nReferences:")
		for i, c := range s.Cited {
			fmt.Fprintf(&b, "\n%d. %s", i+1, c)
		}
	}
	return b.String()
}

// footerSources is the longest list of sources a footer spells out: with the dataset it
// stays within two lines on a 1024x768 projector. A longer list is counted, and the
// references slides give each in full.
const footerSources = 90

// Footer is the slide's sources and the dataset version, at most two lines on a slide.
func (s Slide) Footer() string {
	src := "Sources: " + strings.Join(s.Sources, "; ")
	switch {
	case s.Kind == References:
		src = "The studies this indication's slides cite"
	case len(s.Sources) == 0:
		src = "No study sources on this slide"
	case len(src) > footerSources:
		src = "Sources: " + Count(s.Sources) + ", each in full on the References slides"
	}
	if len(s.Filters) > 0 {
		src += " · Filtered: " + strings.Join(s.Filters, "; ")
	}
	return src + " · Dataset " + s.Provenance.Label()
}

// Count says how many sources a list holds, the pooled estimate's note apart: "12 studies",
// "3 studies and a pooled estimate".
func Count(sources []string) string {
	n := len(sources)
	pooled := slices.Contains(sources, PooledSource)
	if pooled {
		n--
	}
	s := domain.Plural(n, "study", "studies")
	if pooled {
		s += " and a pooled estimate"
	}
	return s
}

// Sections of an indication a deck can hold, in the order a deck of everything has them.
const (
	SectionOverview   = "overview"
	SectionCards      = "cards"
	SectionPooled     = "pooled"
	SectionCharts     = "charts"
	SectionReferences = "references"
)

// Sections lists every section, in the default order.
var Sections = []string{SectionOverview, SectionCards, SectionPooled, SectionCharts, SectionReferences}

// SectionName is a section as a presenter reads it.
var SectionName = map[string]string{
	SectionOverview:   "Overview (headline, designs, any evidence gap)",
	SectionCards:      "Summary cards",
	SectionPooled:     "Pooled estimates (where this app computed any)",
	SectionCharts:     "Charts",
	SectionReferences: "References (every study the slides cite, in full)",
}

// MaxReferences is the most references one slide holds: each takes two or three lines.
const MaxReferences = 3

// Build lays out the sections of one indication, in the order given.
func Build(ev domain.IndicationEvidence, prov domain.Provenance, sections []string) []Slide {
	base := Slide{Indication: ev.Indication, Provenance: prov}
	cards := synthesis.Cards(ev)
	cardSlides := func(c domain.Card) []Slide {
		var out []Slide
		chunks := chunk(c.Items)
		for i, items := range chunks {
			s := base
			s.Kind, s.Card, s.Title = Card, c.Key, ev.Indication.Name+": "+c.Title
			s.ID = part(ev.Indication.Key+"-"+string(c.Key), i, len(chunks))
			if len(chunks) > 1 {
				s.Title += fmt.Sprintf(" (%d of %d)", i+1, len(chunks))
			}
			s.Items = items
			s.Sources = itemSources(ev, s.Items)
			out = append(out, s)
		}
		return out
	}
	var out []Slide
	for _, section := range sections {
		switch section {
		case SectionOverview:
			for _, c := range cards {
				if c.Key == domain.CardHeadline {
					s := base
					s.ID, s.Kind, s.Title, s.Warning = ev.Indication.Key+"-overview", Overview, ev.Indication.Name, ev.Indication.EvidenceGap
					s.Items = append(append([]domain.CardItem{}, c.Items...), domain.CardItem{Text: overviewCount(ev)})
					s.Sources = named(ev, ev.Indication.Headline)
					out = append(out, s)
				}
			}
		case SectionCards:
			for _, c := range cards {
				if c.Key == domain.CardHeadline || c.Key == domain.CardPooled {
					continue
				}
				if c.Key == domain.CardUnknown {
					// a room needs what is unknown about the evidence, not which page
					// numbers a record lacks: those stay in the window and the handout
					c.Items = slices.DeleteFunc(slices.Clone(c.Items), func(it domain.CardItem) bool { return domain.Bibliographic(it.Text) })
					if len(c.Items) == 0 {
						continue
					}
				}
				out = append(out, cardSlides(c)...)
			}
		case SectionPooled:
			for _, c := range cards {
				if c.Key == domain.CardPooled {
					out = append(out, cardSlides(c)...)
				}
			}
		case SectionCharts:
			for _, whole := range charts.For(ev, prov.Label()) {
				parts := whole.Parts(MaxChartRows)
				for i, f := range parts {
					s := base
					s.Kind, s.Title, s.Figure = Chart, ev.Indication.Name, &f // the figure draws its own title
					s.ID = part(f.ID, i, len(parts))
					s.Sources = figureSources(ev, f)
					out = append(out, s)
				}
			}
		case SectionReferences:
			out = append(out, references(base, ev, out)...)
		}
	}
	return cite(ev, out)
}

// cite gives each slide the full references of the studies it names.
func cite(ev domain.IndicationEvidence, ss []Slide) []Slide {
	for i, s := range ss {
		if s.Kind == References {
			continue // its lines are the references
		}
		ss[i].Cited = nil
		for _, st := range ev.Studies {
			if slices.Contains(s.Sources, st.Name()) {
				ss[i].Cited = append(ss[i].Cited, st.PlainCitation())
			}
		}
	}
	return ss
}

// part names the i-th of n slides of one thing: the name alone when there is one.
func part(name string, i, n int) string {
	if n == 1 {
		return name
	}
	return fmt.Sprintf("%s-%d", name, i+1)
}

// MaxTalk is the most slides an indication's default talk holds: about a 20-minute case
// conference.
const MaxTalk = 15

// Talk is an indication's default talk, what presenting it shows unless another is chosen:
// the overview, the pooled estimates and the forest plots that draw them, the first slides
// of safety and of what is unknown as room allows, and the references of all of them, at
// most MaxTalk slides.
func Talk(ev domain.IndicationEvidence, prov domain.Provenance) []Slide {
	all := Build(ev, prov, []string{SectionOverview, SectionPooled, SectionCards, SectionCharts})
	pooled := map[string]bool{} // the forest plots that draw a pooled diamond, every part of them
	for _, s := range all {
		if s.Kind == Chart && slices.ContainsFunc(s.Figure.Rows(), func(r charts.Row) bool { return r.Shape == charts.Diamond }) {
			pooled[s.Figure.ID] = true
		}
	}
	var core, extra []Slide
	seen := map[domain.CardKey]int{}
	for _, s := range all {
		switch {
		case s.Kind == Overview, s.Card == domain.CardPooled, s.Kind == Chart && pooled[s.Figure.ID]:
			core = append(core, s)
		case s.Card == domain.CardSafety || s.Card == domain.CardUnknown:
			if seen[s.Card] < 2 {
				extra = append(extra, s)
			}
			seen[s.Card]++
		}
	}
	base := Slide{Indication: ev.Indication, Provenance: prov}
	for k := len(extra); ; k-- {
		talk := append(slices.Clone(core), extra[:k]...)
		refs := references(base, ev, talk)
		if len(talk)+len(refs) <= MaxTalk || k == 0 {
			talk = talk[:min(len(talk), max(1, MaxTalk-len(refs)))]
			return append(talk, references(base, ev, talk)...)
		}
	}
}

// references are the slides that give in full each study the slides before cite (all of
// the indication's when they include its overview), in the indication's order.
func references(base Slide, ev domain.IndicationEvidence, before []Slide) []Slide {
	cited := map[string]bool{}
	for _, s := range before {
		for _, src := range s.Sources {
			cited[src] = true
		}
	}
	var items []domain.CardItem
	for _, st := range ev.Studies {
		if cited[st.Name()] || cited[st.LineLabel()] {
			items = append(items, domain.CardItem{Study: st.LineLabel(), StudyID: st.ID, Text: st.PlainCitation()})
		}
	}
	var out []Slide
	n := (len(items) + MaxReferences - 1) / MaxReferences
	for i := 0; i < len(items); i += MaxReferences {
		s := base
		s.Kind, s.Title, s.Items = References, ev.Indication.Name+": references", items[i:min(i+MaxReferences, len(items))]
		s.ID = part(ev.Indication.Key+"-references", len(out), n)
		out = append(out, s)
	}
	if len(out) > 1 {
		for i := range out {
			out[i].Title += fmt.Sprintf(" (%d of %d)", i+1, len(out))
		}
	}
	return out
}

// chunk cuts a card's items into slides of at most MaxItems lines and MaxChars of text
// without parting what belongs together: the lines of one study or one pool stay on one
// slide, and a heading goes with the line after it. A group longer than a slide is cut
// where it must be.
func chunk(items []domain.CardItem) [][]domain.CardItem {
	owner := func(it domain.CardItem) string {
		if it.StudyID == "" && it.Pool == "" {
			return ""
		}
		return it.StudyID + "|" + it.Pool
	}
	var groups [][]domain.CardItem
	for i, it := range items {
		joins := i > 0 && (items[i-1].Heading || owner(it) != "" && owner(it) == owner(items[i-1]))
		if joins {
			groups[len(groups)-1] = append(groups[len(groups)-1], it)
		} else {
			groups = append(groups, []domain.CardItem{it})
		}
	}
	var out [][]domain.CardItem
	for _, g := range groups {
		for len(g) > 0 {
			n := len(out)
			if n > 0 && len(out[n-1])+len(g) <= MaxItems && Chars(out[n-1])+Chars(g) <= MaxChars {
				out[n-1] = append(out[n-1], g...)
				break
			}
			take := 1 // a line longer than a slide holds still gets one
			for take < min(len(g), MaxItems) && Chars(g[:take+1]) <= MaxChars {
				take++
			}
			out = append(out, slices.Clone(g[:take]))
			g = g[take:]
		}
	}
	return out
}

// Chars is how much text lines hold, in characters.
func Chars(items []domain.CardItem) int {
	n := 0
	for _, it := range items {
		n += len([]rune(it.Line()))
	}
	return n
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

// named are the studies a text names, by label ("ELEKT-D (Anand 2023)"), by the label's
// name before its parentheses ("ELEKT-D") or by what they hold ("McLean"): an overview's
// sources are the studies its headline speaks of (its count of designs is of all of them,
// which the Studies tab and the handout list), all of them if it names none.
func named(ev domain.IndicationEvidence, text string) []string {
	var out, all []string
	for _, st := range ev.Studies {
		all = append(all, st.Name())
		name, rest, _ := strings.Cut(st.Label, " (")
		inner, _, _ := strings.Cut(rest, ")")
		for _, n := range []string{st.Label, name, inner} {
			if len(n) >= 4 && strings.Contains(text, n) {
				out = append(out, st.Name())
				break
			}
		}
	}
	if len(out) == 0 {
		return all
	}
	return out
}

// itemSources are the studies card lines come from by their short names, those a pooled
// line is computed from included, and the pooled estimate's own note when a line is one.
func itemSources(ev domain.IndicationEvidence, items []domain.CardItem) []string {
	var out []string
	seen := map[string]bool{}
	pooled := false
	for _, it := range items {
		name := it.Study
		if st := ev.StudyByID(it.StudyID); st != nil {
			name = st.Name()
		}
		for _, st := range append(append([]string{name}, it.PooledFrom...), it.About...) {
			if st != "" && !seen[st] {
				seen[st] = true
				out = append(out, st)
			}
		}
		pooled = pooled || it.Pool != ""
	}
	if pooled {
		out = append(out, PooledSource)
	}
	return out
}

// figureSources are the studies a chart draws and, for a pooled diamond, the studies it is
// computed from (on a slide of its own when the chart is cut into parts).
func figureSources(ev domain.IndicationEvidence, f charts.Figure) []string {
	ids := f.StudyIDs()
	pooled := false
	for _, r := range f.Rows() {
		if r.Shape != charts.Diamond {
			continue
		}
		pooled = true
		for _, p := range synthesis.Summaries(ev) {
			if p.ID == r.OutcomeID {
				ids = append(ids, p.Studies...)
			}
		}
	}
	var out []string
	for _, id := range ids {
		if st := ev.StudyByID(id); st != nil && !slices.Contains(out, st.Name()) {
			out = append(out, st.Name())
		}
	}
	if pooled {
		out = append(out, PooledSource)
	}
	return out
}
