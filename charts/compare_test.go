package charts_test

import (
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"slices"
	"testing"

	"ketamine-explorer/charts"
)

func studyOnly(t *testing.T, key, id string) domain.IndicationEvidence {
	t.Helper()
	s, err := evidence.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ev, err := s.Evidence(key, domain.Filter{}, -1)
	if err != nil {
		t.Fatal(err)
	}
	ev.Studies = []domain.Study{*ev.StudyByID(id)}
	return ev
}

// Two studies' rows of the same measure, time point and unit share one axis; every
// other row stands alone on its own scale. ELEKT-D's response rate and KetECT's remission
// rate are both "% of patients" and are never paired.
func TestCompareSharesAxesOnlyForTheSameMeasureAndUnit(t *testing.T) {
	if pairs := charts.Compare(charts.For(studyOnly(t, "trd", "elekt-d"), "x"), charts.For(studyOnly(t, "trd", "ketect"), "x")); slices.ContainsFunc(pairs, func(p charts.Pair) bool { return p.Shared }) {
		t.Error("ELEKT-D and KetECT share an axis though no measure is the same")
	}
	left := charts.For(studyOnly(t, "trd", "transform-1"), "x")
	right := charts.For(studyOnly(t, "trd", "transform-3"), "x")
	pairs := charts.Compare(left, right)
	shared, alone := 0, 0
	for _, p := range pairs {
		switch {
		case p.Shared:
			shared++
			if p.Left.Axis != p.Right.Axis || p.Left.Kind != p.Right.Kind {
				t.Errorf("shared pair has axes %+v and %+v", p.Left.Axis, p.Right.Axis)
			}
			for _, f := range []*charts.Figure{p.Left, p.Right} {
				for _, r := range f.Rows() {
					if r.HasValue && (r.Value < f.Axis.Min || r.Value > f.Axis.Max) {
						t.Errorf("%s: %v is off the shared axis", r.Label, r.Value)
					}
					if !slices.Contains(p.Measures, r.Measure) {
						t.Errorf("%s (%s) is in a pair of %v", r.Label, r.Measure, p.Measures)
					}
				}
			}
		case p.Left != nil && p.Right != nil:
			t.Error("a pair without a shared axis has both sides")
		default:
			alone++
		}
	}
	if shared < 2 || alone == 0 {
		t.Errorf("TRANSFORM-1 vs TRANSFORM-3: %d shared, %d alone; want response, MADRS change and rows alone", shared, alone)
	}
	if n := len(charts.Compare(left, nil)); n != len(left) {
		t.Errorf("against nothing: %d pairs for %d figures", n, len(left))
	}
}
