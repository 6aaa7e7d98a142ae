package synthesis_test

import (
	"math"
	"strings"
	"testing"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/synthesis"
)

func find(t *testing.T, key string) ([]synthesis.Pool, []synthesis.NotPooled) {
	t.Helper()
	svc, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	ev, err := svc.Evidence(key, domain.Filter{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	return synthesis.Find(ev)
}

func poolOf(t *testing.T, pools []synthesis.Pool, measure, timepoint string) synthesis.Pool {
	t.Helper()
	for _, p := range pools {
		if p.Measure == measure && p.Timepoint == timepoint {
			return p
		}
	}
	t.Fatalf("no pool of %s, %s", measure, timepoint)
	return synthesis.Pool{}
}

// ASPIRE I and II pool at 24 hours, and the result agrees with the sponsor's published
// patient-level pooling (Canuso 2021: LS mean difference -3.8, 95% CI -5.75 to -1.89),
// which the app keeps as a check, not as a study.
func TestASPIREPoolAgreesWithThePublishedPooledAnalysis(t *testing.T) {
	pools, _ := find(t, "si")
	p := poolOf(t, pools, "MADRS change", "24 hours")
	ids := []string{p.Inputs[0].Study.ID, p.Inputs[1].Study.ID}
	if p.Result.K != 2 || !strings.Contains(strings.Join(ids, ","), "aspire-1") || !strings.Contains(strings.Join(ids, ","), "aspire-2") {
		t.Fatalf("ASPIRE pool: k=%d, %v", p.Result.K, ids)
	}
	r := p.Result.Random
	for _, c := range [][2]float64{{r.Mu, -3.8}, {r.Low, -5.75}, {r.High, -1.89}} {
		if math.Abs(c[0]-c[1]) > 0.1 {
			t.Errorf("pooled ASPIRE %.3f (%.3f to %.3f) is far from the published -3.8 (-5.75 to -1.89)", r.Mu, r.Low, r.High)
		}
	}
	if !strings.Contains(p.Line(), synthesis.Computed) || !strings.Contains(p.Line(), "k=2") || !strings.Contains(p.Line(), "I²") {
		t.Errorf("the card line does not say it was computed, or lacks k or I²: %s", p.Line())
	}
	for _, in := range p.Inputs {
		if in.Outcome.Published {
			t.Error("the published pooled figure went into the pool")
		}
	}
	if len(p.Published) != 1 || p.Published[0].Outcome.Value.String() != "-3.8" {
		t.Errorf("the published pooled figure is not beside the app's: %+v", p.Published)
	}
}

// TRANSFORM-1 has two doses against one control: its pre-specified primary comparison
// (84 mg) is pooled with TRANSFORM-2 and -3, and the other (56 mg) is the sensitivity analysis.
func TestOneComparisonPerStudyAndTheOtherAsSensitivity(t *testing.T) {
	pools, _ := find(t, "trd")
	p := poolOf(t, pools, "MADRS change from baseline (primary outcome)", "day 28")
	if p.Result.K != 3 {
		t.Fatalf("TRANSFORM pool k=%d", p.Result.K)
	}
	for _, in := range p.Inputs {
		if in.Study.ID == "transform-1" && in.Outcome.ID != "madrs-84" {
			t.Errorf("TRANSFORM-1 pooled %s, not its primary comparison", in.Outcome.ID)
		}
	}
	if p.Sensitivity == nil || p.Sensitivity.Swapped.Outcome.ID != "madrs-56" || !strings.Contains(p.SensitivityLine(), "56 mg") {
		t.Errorf("no sensitivity analysis with the 56 mg comparison: %+v", p.Sensitivity)
	}
	if len(p.LeaveOneOut) != 3 || p.LeaveOneOut[0].K != 2 {
		t.Errorf("leave-one-out: %d results", len(p.LeaveOneOut))
	}
}

// No review's or meta-analysis's estimate is ever pooled, and studies that look alike but
// cannot pool are explained (ELEKT-D response against KetECT remission).
func TestReviewsNeverPoolAndNearMissesSayWhy(t *testing.T) {
	for _, key := range []string{"trd", "pain", "si", "neuro"} {
		pools, _ := find(t, key)
		for _, p := range pools {
			for _, in := range p.Inputs {
				if !strings.Contains(in.Study.Design, "randomized") {
					t.Errorf("%s: %s (%s) was pooled", p.ID, in.Study.ID, in.Study.Design)
				}
			}
		}
	}
	_, misses := find(t, "trd")
	found := false
	for _, m := range misses {
		if strings.Contains(m.Reason, "ELEKT-D") && strings.Contains(m.Reason, "KetECT") && strings.Contains(m.Reason, "different outcomes") {
			found = true
		}
	}
	if !found {
		t.Errorf("ELEKT-D and KetECT are not explained: %+v", misses)
	}
}
