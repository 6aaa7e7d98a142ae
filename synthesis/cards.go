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
	b := NewBuilder(ev.Indication, domain.MemoryLines)
	b.Add(ev.Studies...)
	cards, _ := domain.Collect(b.Cards()) // lines kept in memory cannot fail
	return cards
}

// Builder makes an indication's cards and pooled estimates a study at a time, for a reader
// that never holds every study (show): the cards' lines are kept where newLines puts them,
// and of each study only the estimates that may pool (see Find).
type Builder struct {
	ind    domain.Indication
	cards  *domain.CardBuilder
	finder finder
	found  bool
	pooled []Pool
	misses []NotPooled
}

// NewBuilder starts the cards and pools of an indication.
func NewBuilder(ind domain.Indication, newLines func() (domain.Lines, error)) *Builder {
	return &Builder{ind: ind, cards: domain.NewCardBuilder(ind, newLines)}
}

// Add reads the studies into the cards and the pools.
func (b *Builder) Add(studies ...domain.Study) {
	b.cards.Add(studies...)
	for _, st := range studies {
		b.finder.add(st)
	}
}

// result is the pools and near misses of the studies added, found once.
func (b *Builder) result() ([]Pool, []NotPooled) {
	if !b.found {
		b.pooled, b.misses = b.finder.find(b.ind.Key)
		b.found = true
	}
	return b.pooled, b.misses
}

// Summaries are the pools for JSON and CSV (an empty list when none pool).
func (b *Builder) Summaries() []Summary {
	pools, _ := b.result()
	return summaries(pools)
}

func summaries(pools []Pool) []Summary {
	out := []Summary{}
	for _, p := range pools {
		out = append(out, p.Summary())
	}
	return out
}

// Cards are the cards of the studies added (see Cards), each read as it is written out.
func (b *Builder) Cards() ([]domain.CardLines, error) {
	cards, err := b.cards.Cards()
	pools, misses := b.result()
	if err != nil || len(pools) == 0 && len(misses) == 0 {
		return cards, err
	}
	var items []domain.CardItem
	for _, p := range pools {
		var from []string
		for _, in := range p.Inputs {
			from = append(from, in.Study.Name())
		}
		items = append(items, domain.CardItem{Text: p.Line(), Pool: p.ID, PooledFrom: from})
		if s := p.Sensitivity; s != nil {
			items = append(items, domain.CardItem{Text: p.SensitivityLine(), Pool: p.ID, PooledFrom: from})
		}
		for _, in := range p.Published {
			items = append(items, domain.CardItem{Study: in.Study.LineLabel(), StudyID: in.Study.ID, Outcome: in.Outcome.ID,
				Text: "Published pooled figure, for comparison: " + domain.FormatValue(in.Outcome) + " (" + in.Outcome.Note + ")"})
		}
	}
	for _, m := range misses {
		items = append(items, domain.CardItem{Text: m.Reason + ".", About: m.Studies})
	}
	items = append(items, domain.CardItem{Text: "How estimates are chosen for pooling: " + Rule})
	at := slices.IndexFunc(cards, func(c domain.CardLines) bool { return c.Key == domain.CardNumbers }) + 1
	return slices.Insert(cards, at, domain.FixedCard(domain.CardPooled, "Pooled estimates (computed by this app)", items...)), nil
}

// Close lets go of the cards' lines.
func (b *Builder) Close() error { return b.cards.Close() }

// Num writes a number this app computed: two decimals, as it says wherever it shows one.
func Num(x float64) string { return fmt.Sprintf("%.2f", x) }

// Studies names the pooled studies, each with its population when it differs from the
// indication's ("TRANSFORM-3 (Ochs-Ross 2020) (age 65 or older)").
func (p Pool) Studies() string {
	var names []string
	for _, in := range p.Inputs {
		names = append(names, in.Study.LineLabel())
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
		Num(p.Back(r.Mu)), unit, Num(p.Back(r.Low)), Num(p.Back(r.High)), Num(p.Back(p.Result.PILow)), Num(p.Back(p.Result.PIHigh)))
}

// Computed says what the app did, in the words every place that shows a pool uses.
const Computed = "computed by this app from the reported estimates — not a published meta-analysis"

// Line is the pool on one card line: what, the estimate, k, I², the studies and that the
// app computed it.
func (p Pool) Line() string {
	return fmt.Sprintf("%s: pooled %s; k=%d (%s); I² %s%%, tau² %s. Random effects (REML), %s.",
		p.What(), p.Estimate(), p.Result.K, p.Studies(), Num(p.Result.I2), Num(p.Result.Tau2), Computed)
}

// SensitivityLine is the pool with a study's other comparison in place of its primary one.
func (p Pool) SensitivityLine() string {
	s := p.Sensitivity
	r := s.Result.Random
	return fmt.Sprintf("Sensitivity analysis: with %s's other comparison (%s) in place of its primary one, %s %s (95%% CI %s to %s).",
		s.Swapped.Study.Name(), s.Swapped.Study.Who(s.Swapped.Outcome), p.Kind.Prefix(), Num(p.Back(r.Mu)), Num(p.Back(r.Low)), Num(p.Back(r.High)))
}

// Summary is a pooled estimate as `show --format json` and the CSV exports carry it: the
// numbers back on the estimate's scale, to full precision, with the method.
type Summary struct {
	ID         string   `json:"id"`
	Measure    string   `json:"measure"`
	Timepoint  string   `json:"timepoint,omitempty"`
	Kind       string   `json:"kind"`
	Unit       string   `json:"unit,omitempty"`
	Better     string   `json:"better"`
	Group      string   `json:"molecule_and_route"`
	Comparator string   `json:"comparator"`
	K          int      `json:"k"`
	Estimate   float64  `json:"estimate"`
	CILow      float64  `json:"ci_low"`
	CIHigh     float64  `json:"ci_high"`
	PILow      float64  `json:"pi_low"`
	PIHigh     float64  `json:"pi_high"`
	Tau2       float64  `json:"tau2"`
	I2         float64  `json:"i2_percent"`
	Q          float64  `json:"q"`
	QP         float64  `json:"q_p"`
	Studies    []string `json:"study_ids"`
	Method     string   `json:"method"`
}

// Summary is the pool for JSON and CSV.
func (p Pool) Summary() Summary {
	r := p.Result
	s := Summary{ID: p.ID, Measure: p.Measure, Timepoint: p.Timepoint, Kind: string(p.Kind), Unit: p.Unit, Better: string(p.Better),
		Group: p.Group, Comparator: p.Comparator, K: r.K, Estimate: p.Back(r.Random.Mu), CILow: p.Back(r.Random.Low),
		CIHigh: p.Back(r.Random.High), PILow: p.Back(r.PILow), PIHigh: p.Back(r.PIHigh), Tau2: r.Tau2, I2: r.I2, Q: r.Q, QP: r.QP,
		Method: Method + " " + Computed + "."}
	for _, in := range p.Inputs {
		s.Studies = append(s.Studies, in.Study.ID)
	}
	return s
}

// Summaries are an indication's pools for JSON and CSV (an empty list when none pool).
func Summaries(ev domain.IndicationEvidence) []Summary {
	pools, _ := Find(ev)
	return summaries(pools)
}
