package domain

import (
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
)

// Card is one summary card of an indication page. Every item names the study (and the
// outcome, when it is a number) it comes from, so the app can open its source.
type Card struct {
	Key   CardKey    `json:"key"`
	Title string     `json:"title"`
	Items []CardItem `json:"items"`
}

// CardItem is one line of a card.
type CardItem struct {
	// Study is the label of the study the line comes from ("" for the headline).
	Study   string `json:"study,omitempty"`
	Text    string `json:"text"`
	StudyID string `json:"study_id,omitempty"`
	Outcome string `json:"outcome_id,omitempty"`
	// Disputed marks a number reported differently elsewhere (the seed summary, or the
	// source itself); Mark says which, as a flag to print beside it.
	Disputed bool   `json:"disputed,omitempty"`
	Mark     string `json:"mark,omitempty"`
	// Pool names the pooled estimate a line shows (one this app computed), to open its source,
	// and PooledFrom the labels of the studies it is computed from, for a slide's sources.
	Pool       string   `json:"pool_id,omitempty"`
	PooledFrom []string `json:"pooled_from,omitempty"`
	// About are the labels of the studies a line speaks of when it names several (a
	// certainty said once for all of them), for a slide's sources.
	About []string `json:"about,omitempty"`
	// Heading marks a line that introduces the lines after it (a group's name): a slide
	// never ends with it.
	Heading bool `json:"heading,omitempty"`
}

// Cards summarises an indication (its evidence gap, if any, stands apart): headline, key
// numbers and results, designs, interventions, how it is given and monitored, onset,
// duration, safety, certainty, what is unknown and where the seed summary disagrees.
// Everything is derived from the data; only the headline is written per indication. Every
// result a study records, in numbers or in words, is on one of them.
func Cards(ev IndicationEvidence) []Card {
	b := NewCardBuilder(ev.Indication, MemoryLines)
	b.Add(ev.Studies...)
	cards, _ := Collect(b.Cards()) // lines kept in memory cannot fail
	return cards
}

// Lines keeps one card's lines in the order they are found: in memory, or, for an
// indication read a page at a time whatever its size, somewhere that does not grow with it.
type Lines interface {
	Add(CardItem) error
	Len() int
	All() iter.Seq2[CardItem, error]
	Close() error
}

// MemoryLines keeps a card's lines in memory.
func MemoryLines() (Lines, error) { return &memoryLines{}, nil }

type memoryLines struct{ items []CardItem }

func (m *memoryLines) Add(it CardItem) error { m.items = append(m.items, it); return nil }
func (m *memoryLines) Len() int              { return len(m.items) }
func (m *memoryLines) Close() error          { return nil }
func (m *memoryLines) All() iter.Seq2[CardItem, error] {
	return func(yield func(CardItem, error) bool) {
		for _, it := range m.items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

func fixed(items ...CardItem) Lines { return &memoryLines{items: items} }

// CardLines is a card whose lines are read as they are written out, so a card over any
// number of studies is never held whole.
type CardLines struct {
	Key   CardKey
	Title string
	parts []Lines
}

// newCardLines is a card of those lines, in that order.
func newCardLines(key CardKey, title string, parts ...Lines) CardLines {
	return CardLines{Key: key, Title: title, parts: parts}
}

// FixedCard is a card whose few lines are known.
func FixedCard(key CardKey, title string, items ...CardItem) CardLines {
	return newCardLines(key, title, fixed(items...))
}

// Len is how many lines the card has.
func (c CardLines) Len() int {
	n := 0
	for _, p := range c.parts {
		n += p.Len()
	}
	return n
}

// All are the card's lines in order; a line that cannot be read back ends them with its error.
func (c CardLines) All() iter.Seq2[CardItem, error] {
	return func(yield func(CardItem, error) bool) {
		for _, p := range c.parts {
			for it, err := range p.All() {
				if !yield(it, err) || err != nil {
					return
				}
			}
		}
	}
}

// Collect reads cards whole, for a view that shows a capped page of them.
func Collect(cards []CardLines, err error) ([]Card, error) {
	if err != nil {
		return nil, err
	}
	out := make([]Card, 0, len(cards))
	for _, c := range cards {
		card := Card{Key: c.Key, Title: c.Title, Items: make([]CardItem, 0, c.Len())}
		for it, err := range c.All() {
			if err != nil {
				return nil, err
			}
			card.Items = append(card.Items, it)
		}
		out = append(out, card)
	}
	return out, nil
}

// CardBuilder makes an indication's cards a study at a time: it keeps each card's lines
// where newLines puts them and, of a study, only what a line groups by (its certainty).
type CardBuilder struct {
	ind      Indication
	newLines func() (Lines, error)
	made     []Lines // every Lines made, to close
	err      error   // the first failure to keep a line
	shown    int

	// each card's lines as they are found
	key, designs, arms, limits, unknown, disputes, onset, duration Lines

	practice [3]Lines // by who says it: the prescribing text, a guideline, a study's methods
	safety   safetyGroups
	graded   map[string][]gradedStudy // the studies of each certainty line, said once for all
	grades   []string
	fromSeed bool // a discrepancy is with the seed summary
}

type gradedStudy struct{ id, label, name string }

// NewCardBuilder starts the cards of an indication, keeping lines in what newLines makes.
func NewCardBuilder(ind Indication, newLines func() (Lines, error)) *CardBuilder {
	b := &CardBuilder{ind: ind, newLines: newLines, graded: map[string][]gradedStudy{}}
	b.safety.add = b.add
	return b
}

// add puts a line on a card, making its Lines the first time.
func (b *CardBuilder) add(l *Lines, it CardItem) {
	if b.err != nil {
		return
	}
	if *l == nil {
		if *l, b.err = b.newLines(); b.err != nil {
			return
		}
		b.made = append(b.made, *l)
	}
	b.err = (*l).Add(it)
}

// Add puts the studies' lines on the cards.
func (b *CardBuilder) Add(studies ...Study) {
	for _, st := range studies {
		b.addStudy(st)
	}
}

func (b *CardBuilder) addStudy(st Study) {
	b.shown++
	item := func(text string) CardItem { return CardItem{Study: st.LineLabel(), Text: text, StudyID: st.ID} }
	b.add(&b.designs, item(designText(st)))
	if len(st.Arms) > 0 {
		var parts []string
		for _, a := range st.Arms {
			parts = append(parts, a.ArmText())
		}
		b.add(&b.arms, item(strings.Join(parts, " vs ")))
	}
	group := treatedWith(st)
	for _, o := range st.Outcomes {
		it := item(st.Describe(o) + st.SourceNote(o.Source))
		it.Outcome = o.ID
		if ds := st.DiscrepanciesFor(o.ID); len(ds) > 0 {
			it.Disputed, it.Mark = !ds[0].Rounding(), ds[0].Mark()
		}
		if o.Key && !o.Safety {
			b.add(&b.key, it)
		}
		if o.Safety {
			b.safety.put(group, it, false)
		}
	}
	for _, f := range st.Findings {
		it := item(f.Text + st.SourceNote(f.Source))
		switch f.Topic {
		case "safety", TopicLongTerm:
			b.safety.put(group, it, f.Topic == TopicLongTerm)
		case TopicPractice:
			b.add(&b.practice[practiceRank(st)], it)
		case "efficacy":
			b.add(&b.key, it)
		case "limitation":
			b.add(&b.limits, it)
		case "onset":
			b.add(&b.onset, it)
		case "duration":
			b.add(&b.duration, it)
		}
	}
	grade := certaintyText(st)
	if b.graded[grade] == nil {
		b.grades = append(b.grades, grade)
	}
	b.graded[grade] = append(b.graded[grade], gradedStudy{st.ID, st.LineLabel(), st.Name()})
	for _, u := range st.Unknowns {
		if !Bibliographic(u) { // a missing DOI is the source view's, not the evidence's
			b.add(&b.unknown, item(u))
		}
	}
	for _, d := range st.Discrepancies {
		it := item(d.Topic + ": " + d.Sentence() + ".")
		it.Outcome, it.Disputed, it.Mark = d.Outcome, !d.Rounding(), d.Mark()
		b.add(&b.disputes, it)
		b.fromSeed = b.fromSeed || d.FromSeed()
	}
}

// Cards are the cards of the studies added, in the order a page shows them.
func (b *CardBuilder) Cards() ([]CardLines, error) {
	if b.err != nil {
		return nil, fmt.Errorf("keeping the summary cards' lines: %w", b.err)
	}
	// a certainty said of several studies is said once, naming them
	var grades []CardItem
	for _, g := range b.grades {
		studies := b.graded[g]
		if len(studies) == 1 {
			grades = append(grades, CardItem{Study: studies[0].label, Text: g, StudyID: studies[0].id})
			continue
		}
		var labels, names []string
		for _, st := range studies {
			labels, names = append(labels, st.label), append(names, st.name)
		}
		grades = append(grades, CardItem{Text: upperFirst(g) + ": " + strings.Join(labels, "; ") + ".", About: names})
	}
	card := func(key CardKey, title string, parts ...Lines) CardLines {
		parts = slices.DeleteFunc(parts, func(l Lines) bool { return l == nil })
		c := newCardLines(key, title, parts...)
		if c.Len() == 0 {
			c.parts = []Lines{fixed(CardItem{Text: b.notReported(key)})}
		}
		return c
	}
	out := []CardLines{
		FixedCard(CardHeadline, "Headline", CardItem{Text: b.ind.Headline}),
		card(CardNumbers, "Key numbers and results", b.key),
		card(CardDesigns, "Designs and sizes", b.designs),
		card(CardInterventions, "Interventions and comparators", b.arms),
		// the prescribing text and the guidelines set practice: their lines first
		card(CardPractice, "How it is given and monitored", b.practice[:]...),
		card(CardOnset, "Onset", b.onset),
		card(CardDuration, "How long the effect lasts", b.duration),
		card(CardSafety, "Safety and tolerability", b.safety.parts()...),
		card(CardCertainty, "Certainty and limitations", fixed(grades...), b.limits),
		card(CardUnknown, "What is unknown", b.unknown),
	}
	if b.disputes != nil {
		var seed []CardItem
		if b.fromSeed {
			seed = []CardItem{{Text: SeedSummary, Heading: true}}
		}
		out = append(out, newCardLines(CardDiscrepancies, "Where sources disagree", fixed(seed...), b.disputes))
	}
	return out, nil
}

// Close lets go of every line kept.
func (b *CardBuilder) Close() error {
	var errs []error
	for _, l := range b.made {
		errs = append(errs, l.Close())
	}
	return errors.Join(errs...)
}

// practiceRank orders how a drug is given by who says it: a label, a guideline, then the
// methods of a study.
func practiceRank(st Study) int {
	switch st.Design {
	case DesignLabel:
		return 0
	case DesignGuideline:
		return 1
	}
	return 2
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// treatedWith names what a study's first intervention arm gives and how ("esketamine,
// intranasal"): the safety card gathers harms by it. "" for a record with no arm.
func treatedWith(st Study) string {
	for _, a := range st.Arms {
		if a.Role == Intervention {
			route := string(a.Route)
			if route == "" {
				route = "route not stated"
			}
			return string(a.Molecule) + ", " + route
		}
	}
	return ""
}

// safetyGroups gathers a safety card's lines by what was given and how, in the order met,
// and which of them have long-term data.
type safetyGroups struct {
	add      func(*Lines, CardItem)
	order    []string
	lines    map[string]*Lines
	longTerm map[string]bool
}

func (g *safetyGroups) put(group string, it CardItem, longTerm bool) {
	if g.lines == nil {
		g.lines, g.longTerm = map[string]*Lines{}, map[string]bool{}
	}
	if _, ok := g.lines[group]; !ok {
		g.order = append(g.order, group)
		g.lines[group] = new(Lines)
	}
	g.add(g.lines[group], it)
	g.longTerm[group] = g.longTerm[group] || longTerm
}

// parts are the card's lines: each group under its name, saying plainly when none of its
// studies followed harms over the long term.
func (g *safetyGroups) parts() []Lines {
	var out []Lines
	for _, group := range g.order {
		if group != "" {
			out = append(out, fixed(CardItem{Text: upperFirst(group) + ":", Heading: true}))
		}
		out = append(out, *g.lines[group])
		if group != "" && !g.longTerm[group] {
			out = append(out, fixed(CardItem{Text: "No long-term safety data for " + group + " in the records read: the harms above are from short-term studies."}))
		}
	}
	return out
}

// notReported says a card has nothing without saying more than is known: with studies
// filtered out (or past the first ones a page shows), one of those may report it.
func (b *CardBuilder) notReported(card CardKey) string {
	one, many := "The study shown does not report this", "None of the %d studies shown reports this"
	if card == CardUnknown {
		one, many = "The study shown has nothing recorded as unknown", "None of the %d studies shown has anything recorded as unknown"
	}
	shown, left := b.shown, b.ind.StudyCount-b.shown
	switch {
	case shown == 0 && left > 0:
		return fmt.Sprintf("No study is shown: all %d of this indication are filtered out.", left)
	case shown == 1 && left > 0:
		return fmt.Sprintf("%s; the %d not shown here may.", one, left)
	case left > 0:
		return fmt.Sprintf(many+"; the %d not shown here may.", shown, left)
	case card == CardUnknown:
		return "Nothing recorded as unknown in the sources read."
	}
	return "Not reported in the sources read."
}

func designText(st Study) string {
	d := st.Design
	if st.DesignDetail != "" {
		d = st.DesignDetail
	}
	return d + "; " + st.SizeText()
}

func certaintyText(st Study) string {
	c := "certainty not graded in the source"
	if st.Certainty != "" {
		c = "certainty " + st.Certainty + " (as reported)"
	}
	return c + "; extracted from " + map[string]string{
		"abstract": "the abstract", "full text": "the full text", "secondary page": "a secondary page",
		"secondary": "a review table's restatement (secondary)",
	}[st.Extraction]
}

// Line is the item with its study first: "ELEKT-D (Anand 2023): ...".
func (it CardItem) Line() string {
	if it.Study == "" {
		return it.Text
	}
	return it.Study + ": " + it.Text
}

// bibliographic are how the records name an unknown that is a detail of the citation
// (who wrote it, where and when it appeared, its identifiers), not of the evidence.
var bibliographic = []string{"authors", "full title", "title", "journal", "year of publication", "volume", "pages", "doi", "pmid", "pmc"}

// Bibliographic says whether an unknown is a detail of the citation rather than of what
// was found: a slide for a room leaves those out.
func Bibliographic(unknown string) bool {
	u := strings.ToLower(unknown)
	return slices.ContainsFunc(bibliographic, func(b string) bool { return strings.HasPrefix(u, b) })
}
