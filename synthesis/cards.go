package synthesis

import (
	"fmt"
	"slices"
	"strings"

	"ketamine-explorer/domain"
)

// Cards are the indication's summary cards with, after the key numbers, a card of the
// estimates this app pooled (each saying so and how), the estimates that look alike but
// were not pooled and why, and the rule.
func Cards(ev domain.IndicationEvidence) []domain.Card {
	cards := domain.Cards(ev)
	pools, misses := Find(ev)
	if len(pools) == 0 && len(misses) == 0 {
		return cards
	}
	card := domain.Card{Key: domain.CardPooled, Title: "Pooled estimates (computed by this app)"}
	for _, p := range pools {
		card.Items = append(card.Items, domain.CardItem{Text: p.Line(), Pool: p.ID})
		if s := p.Sensitivity; s != nil {
			card.Items = append(card.Items, domain.CardItem{Text: p.SensitivityLine(), Pool: p.ID})
		}
	}
	for _, m := range misses {
		card.Items = append(card.Items, domain.CardItem{Text: m.Reason + "."})
	}
	card.Items = append(card.Items, domain.CardItem{Text: "How estimates are chosen for pooling: " + Rule})
	at := slices.IndexFunc(cards, func(c domain.Card) bool { return c.Key == domain.CardNumbers }) + 1
	return slices.Insert(cards, at, card)
}

// num writes a number this app computed: two decimals, as it says wherever it shows one.
func num(x float64) string { return fmt.Sprintf("%.2f", x) }

// Studies names the pooled studies.
func (p Pool) Studies() string {
	var names []string
	for _, in := range p.Inputs {
		names = append(names, in.Study.Name())
	}
	return strings.Join(names, ", ")
}

// What names the pooled estimate: measure, time point, comparison and good side.
func (p Pool) What() string {
	what := p.Measure
	if p.Timepoint != "" {
		what += ", " + p.Timepoint
	}
	return fmt.Sprintf("%s (%s vs %s; %s)", what, p.Group, p.Comparator, p.Better.Phrase())
}

// Estimate is the random-effects estimate with its 95% CI and prediction interval, back
// on the estimate's own scale.
func (p Pool) Estimate() string {
	r := p.Result.Random
	unit := p.Unit
	if unit != "" {
		unit = " " + unit
	}
	return fmt.Sprintf("%s %s%s (95%% CI %s to %s; 95%% prediction interval %s to %s)", p.Kind.Prefix(),
		num(p.Back(r.Mu)), unit, num(p.Back(r.Low)), num(p.Back(r.High)), num(p.Back(p.Result.PILow)), num(p.Back(p.Result.PIHigh)))
}

// Line is the pool on one card line: what, the estimate, k, I², the studies and that the
// app computed it.
func (p Pool) Line() string {
	return fmt.Sprintf("%s: pooled %s; k=%d (%s); I² %s%%, tau² %s. Computed by this app (random effects, REML), not reported by any study.",
		p.What(), p.Estimate(), p.Result.K, p.Studies(), num(p.Result.I2), num(p.Result.Tau2))
}

// SensitivityLine is the pool with a study's other comparison in place of its primary one.
func (p Pool) SensitivityLine() string {
	s := p.Sensitivity
	r := s.Result.Random
	return fmt.Sprintf("Sensitivity analysis: with %s's other comparison (%s) in place of its primary one, %s %s (95%% CI %s to %s).",
		s.Swapped.Study.Name(), s.Swapped.Study.Who(s.Swapped.Outcome), p.Kind.Prefix(), num(p.Back(r.Mu)), num(p.Back(r.Low)), num(p.Back(r.High)))
}
