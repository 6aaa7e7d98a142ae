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
}

// Cards summarises an indication (its evidence gap, if any, stands apart): headline, key
// numbers, designs, interventions, onset,
// duration, safety, certainty, what is unknown and where the seed summary disagrees.
// Everything is derived from the data; only the headline is written per indication.
func Cards(ev IndicationEvidence) []Card {
	headline := Card{Key: CardHeadline, Title: "Headline", Items: []CardItem{{Text: ev.Indication.Headline}}}
	designs := Card{Key: CardDesigns, Title: "Designs and sizes"}
	arms := Card{Key: CardInterventions, Title: "Interventions and comparators"}
	key := Card{Key: CardNumbers, Title: "Key numbers"}
	topics := map[string]*Card{
		"onset":    {Key: CardOnset, Title: "Onset"},
		"duration": {Key: CardDuration, Title: "How long the effect lasts"},
		"safety":   {Key: CardSafety, Title: "Safety and tolerability"},
	}
	certainty := Card{Key: CardCertainty, Title: "Certainty"}
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
		for _, o := range st.Outcomes {
			it := item(st.Describe(o))
			it.Outcome = o.ID
			if ds := st.DiscrepanciesFor(o.ID); len(ds) > 0 {
				it.Disputed, it.Mark = !ds[0].Rounding(), ds[0].Mark()
			}
			if o.Key && !o.Safety {
				key.Items = append(key.Items, it)
			}
			if o.Safety {
				topics["safety"].Items = append(topics["safety"].Items, it)
			}
		}
		for _, f := range st.Findings {
			if c := topics[f.Topic]; c != nil {
				c.Items = append(c.Items, item(f.Text))
			}
		}
		certainty.Items = append(certainty.Items, item(certaintyText(st)))
		for _, u := range st.Unknowns {
			unknown.Items = append(unknown.Items, item(u))
		}
		for _, d := range st.Discrepancies {
			it := item(d.Topic + ": " + d.Sentence() + ".")
			it.Outcome, it.Disputed, it.Mark = d.Outcome, !d.Rounding(), d.Mark()
			disputes.Items = append(disputes.Items, it)
		}
	}
	out := []Card{headline, key, designs, arms, *topics["onset"], *topics["duration"], *topics["safety"], certainty, unknown}
	for i := range out {
		if len(out[i].Items) == 0 {
			out[i].Items = []CardItem{{Text: notReported(ev, out[i].Key)}}
		}
	}
	if len(disputes.Items) > 0 {
		if slices.ContainsFunc(ev.Studies, func(st Study) bool { return slices.ContainsFunc(st.Discrepancies, Discrepancy.FromSeed) }) {
			disputes.Items = append([]CardItem{{Text: SeedSummary}}, disputes.Items...)
		}
		out = append(out, disputes)
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
