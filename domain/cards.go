package domain

import (
	"fmt"
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
	headline := Card{Key: CardHeadline, Title: "Headline", Items: []CardItem{{Text: ev.Indication.Headline}}}
	designs := Card{Key: CardDesigns, Title: "Designs and sizes"}
	arms := Card{Key: CardInterventions, Title: "Interventions and comparators"}
	key := Card{Key: CardNumbers, Title: "Key numbers and results"}
	practice := Card{Key: CardPractice, Title: "How it is given and monitored"}
	topics := map[string]*Card{
		"onset":    {Key: CardOnset, Title: "Onset"},
		"duration": {Key: CardDuration, Title: "How long the effect lasts"},
	}
	safety := safetyGroups{}
	certainty := Card{Key: CardCertainty, Title: "Certainty and limitations"}
	graded := map[string][]*Study{} // the studies of each certainty line, said once for all
	var gradeOrder []string
	unknown := Card{Key: CardUnknown, Title: "What is unknown"}
	disputes := Card{Key: CardDiscrepancies, Title: "Where sources disagree"}

	for _, st := range ev.Studies {
		item := func(text string) CardItem { return CardItem{Study: st.LineLabel(), Text: text, StudyID: st.ID} }
		designs.Items = append(designs.Items, item(designText(st)))
		if len(st.Arms) > 0 {
			var parts []string
			for _, a := range st.Arms {
				parts = append(parts, a.ArmText())
			}
			arms.Items = append(arms.Items, item(strings.Join(parts, " vs ")))
		}
		group := treatedWith(st)
		for _, o := range st.Outcomes {
			it := item(st.Describe(o) + st.SourceNote(o.Source))
			it.Outcome = o.ID
			if ds := st.DiscrepanciesFor(o.ID); len(ds) > 0 {
				it.Disputed, it.Mark = !ds[0].Rounding(), ds[0].Mark()
			}
			if o.Key && !o.Safety {
				key.Items = append(key.Items, it)
			}
			if o.Safety {
				safety.add(group, it, false)
			}
		}
		for _, f := range st.Findings {
			it := item(f.Text + st.SourceNote(f.Source))
			switch f.Topic {
			case "safety", TopicLongTerm:
				safety.add(group, it, f.Topic == TopicLongTerm)
			case TopicPractice:
				practice.Items = append(practice.Items, it)
			case "efficacy":
				key.Items = append(key.Items, it)
			case "limitation":
				certainty.Items = append(certainty.Items, it)
			default:
				if c := topics[f.Topic]; c != nil {
					c.Items = append(c.Items, it)
				}
			}
		}
		grade := certaintyText(st)
		if graded[grade] == nil {
			gradeOrder = append(gradeOrder, grade)
		}
		graded[grade] = append(graded[grade], &st)
		for _, u := range st.Unknowns {
			if !Bibliographic(u) { // a missing DOI is the source view's, not the evidence's
				unknown.Items = append(unknown.Items, item(u))
			}
		}
		for _, d := range st.Discrepancies {
			it := item(d.Topic + ": " + d.Sentence() + ".")
			it.Outcome, it.Disputed, it.Mark = d.Outcome, !d.Rounding(), d.Mark()
			disputes.Items = append(disputes.Items, it)
		}
	}
	// a certainty said of several studies is said once, naming them
	var grades []CardItem
	for _, g := range gradeOrder {
		studies := graded[g]
		if len(studies) == 1 {
			grades = append(grades, CardItem{Study: studies[0].LineLabel(), Text: g, StudyID: studies[0].ID})
			continue
		}
		var labels, names []string
		for _, st := range studies {
			labels, names = append(labels, st.LineLabel()), append(names, st.Name())
		}
		grades = append(grades, CardItem{Text: upperFirst(g) + ": " + strings.Join(labels, "; ") + ".", About: names})
	}
	certainty.Items = append(grades, certainty.Items...)
	// the prescribing text and the guidelines set practice: their lines first
	slices.SortStableFunc(practice.Items, func(a, b CardItem) int { return practiceRank(ev, a) - practiceRank(ev, b) })
	safetyCard := Card{Key: CardSafety, Title: "Safety and tolerability", Items: safety.items()}
	out := []Card{headline, key, designs, arms, practice, *topics["onset"], *topics["duration"], safetyCard, certainty, unknown}
	for i := range out {
		if len(out[i].Items) == 0 {
			out[i].Items = []CardItem{{Text: notReported(ev, out[i].Key)}}
		}
	}
	if len(disputes.Items) > 0 {
		if slices.ContainsFunc(ev.Studies, func(st Study) bool { return slices.ContainsFunc(st.Discrepancies, Discrepancy.FromSeed) }) {
			disputes.Items = append([]CardItem{{Text: SeedSummary, Heading: true}}, disputes.Items...)
		}
		out = append(out, disputes)
	}
	return out
}

// practiceRank orders how a drug is given by who says it: a label, a guideline, then the
// methods of a study.
func practiceRank(ev IndicationEvidence, it CardItem) int {
	if st := ev.StudyByID(it.StudyID); st != nil {
		switch st.Design {
		case DesignLabel:
			return 0
		case DesignGuideline:
			return 1
		}
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
	order    []string
	lines    map[string][]CardItem
	longTerm map[string]bool
}

func (g *safetyGroups) add(group string, it CardItem, longTerm bool) {
	if g.lines == nil {
		g.lines, g.longTerm = map[string][]CardItem{}, map[string]bool{}
	}
	if _, ok := g.lines[group]; !ok {
		g.order = append(g.order, group)
	}
	g.lines[group] = append(g.lines[group], it)
	g.longTerm[group] = g.longTerm[group] || longTerm
}

// items are the card's lines: each group under its name, saying plainly when none of its
// studies followed harms over the long term.
func (g *safetyGroups) items() []CardItem {
	var out []CardItem
	for _, group := range g.order {
		if group != "" {
			out = append(out, CardItem{Text: upperFirst(group) + ":", Heading: true})
		}
		out = append(out, g.lines[group]...)
		if group != "" && !g.longTerm[group] {
			out = append(out, CardItem{Text: "No long-term safety data for " + group + " in the records read: the harms above are from short-term studies."})
		}
	}
	return out
}

// notReported says a card has nothing without saying more than is known: with studies
// filtered out (or past the first ones a page shows), one of those may report it.
func notReported(ev IndicationEvidence, card CardKey) string {
	one, many := "The study shown does not report this", "None of the %d studies shown reports this"
	if card == CardUnknown {
		one, many = "The study shown has nothing recorded as unknown", "None of the %d studies shown has anything recorded as unknown"
	}
	shown, left := len(ev.Studies), ev.Indication.StudyCount-len(ev.Studies)
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
