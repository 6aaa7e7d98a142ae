package charts_test

import (
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
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

// Two studies' charts that show the same kind of number in the same unit share one axis;
// the others stand alone and are never put on one scale.
func TestCompareSharesAxesOnlyForTheSameMeasureAndUnit(t *testing.T) {
	left := charts.For(studyOnly(t, "trd", "elekt-d"), "x")
	right := charts.For(studyOnly(t, "trd", "transform-2"), "x")
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
				}
			}
		case p.Left != nil && p.Right != nil:
			t.Error("a pair without a shared axis has both sides")
		default:
			alone++
			f := p.Left
			if f == nil {
				f = p.Right
			}
			for _, other := range append(left, right...) {
				if other.ID != f.ID && other.Kind == f.Kind && other.Axis.Label == f.Axis.Label && other.Title == f.Title && other.Kind == "forest" {
					t.Errorf("%s stands alone though %s could share its axis", f.ID, other.ID)
				}
			}
		}
	}
	if shared == 0 || alone == 0 {
		t.Errorf("ELEKT-D vs TRANSFORM-2: %d shared, %d alone; want both kinds", shared, alone)
	}
	if n := len(charts.Compare(left, nil)); n != len(left) {
		t.Errorf("against nothing: %d pairs for %d figures", n, len(left))
	}
}
