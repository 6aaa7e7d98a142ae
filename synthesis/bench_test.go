package synthesis_test

import (
	"fmt"
	"strconv"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
)

// trials are k randomized trials reporting one estimate alike: what 4,000 imported trials
// sharing an outcome make of an indication.
func trials(k int) domain.IndicationEvidence {
	ev := domain.IndicationEvidence{Indication: domain.Indication{Key: "trd", Name: "Synthetic"}}
	for i := range k {
		v := strconv.FormatFloat(-3+float64(i%17)/4, 'f', 2, 64)
		ev.Studies = append(ev.Studies, domain.Study{ID: fmt.Sprintf("t%d", i), Label: fmt.Sprintf("Trial %d", i), Design: "randomized trial",
			Sources: []domain.Source{{ID: "s", Kind: "abstract", Where: "x"}},
			Arms: []domain.Arm{{ID: "a", Label: "IV ketamine", Molecule: domain.Racemic, Role: domain.Intervention, Route: domain.Intravenous, Source: "s", Locator: "x"},
				{ID: "b", Label: "Saline", Molecule: domain.ComparatorDrug, Role: domain.Comparator, Route: domain.Intravenous, Source: "s", Locator: "x"}},
			Outcomes: []domain.Outcome{{ID: "o", Measure: "MADRS change", Timepoint: "24 hours", Arm: "a", Versus: "b", Kind: domain.MeanDifference,
				Value: domain.N(v), SE: domain.N(strconv.FormatFloat(0.5+float64(i%7)/3, 'f', 2, 64)), Unit: "points",
				Better: domain.LowerBetter, Direction: domain.DirectionStated, Source: "s", Locator: "x"}}})
	}
	return ev
}

// BenchmarkPool4000 pools 4,000 trials of one estimate, leave-one-out included: linear
// in k per REML iteration (it was cubic, and took minutes).
func BenchmarkPool4000(b *testing.B) {
	ev := trials(4000)
	for b.Loop() {
		pools, _ := synthesis.Find(ev)
		if len(pools) != 1 || pools[0].Result.K != 4000 || len(pools[0].LeaveOneOut) != 4000 {
			b.Fatalf("%d pools", len(pools))
		}
	}
}
