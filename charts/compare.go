package charts

import (
	"math"
	"slices"
)

// Pair is one row of a side-by-side comparison: a figure from each side drawn on one
// shared axis, or a figure that has no counterpart on the other side, drawn alone.
type Pair struct {
	Left, Right *Figure
	// Shared says the two figures show the same kind of number in the same unit and were
	// given one axis; otherwise only one side is set.
	Shared bool
}

// scaleKey is what two figures must have in common to share an axis: the kind of chart,
// the unit (the axis label) and the scale.
func scaleKey(f Figure) string {
	k := f.Kind + "|" + f.Axis.Label
	if f.Axis.Log {
		k += "|log"
	}
	if f.Kind == "forest" {
		k += "|" + f.Title // the estimate family: a mean difference never meets an SMD
	}
	return k
}

// Compare pairs the figures of two sides. Figures that can share an axis are paired and
// given the union of their ranges; the rest stand alone, never put on one scale.
func Compare(left, right []Figure) []Pair {
	var out []Pair
	used := make([]bool, len(right))
	for _, l := range left {
		l := l
		p := Pair{Left: &l}
		for j, r := range right {
			if used[j] || scaleKey(r) != scaleKey(l) {
				continue
			}
			used[j] = true
			r := r
			ax := l.Axis
			ax.Min, ax.Max = math.Min(l.Axis.Min, r.Axis.Min), math.Max(l.Axis.Max, r.Axis.Max)
			l.Axis, r.Axis = ax, ax
			p.Right, p.Shared = &r, true
			break
		}
		out = append(out, p)
	}
	for j, r := range right {
		if !used[j] {
			r := r
			out = append(out, Pair{Right: &r})
		}
	}
	// what can be compared on one axis first
	slices.SortStableFunc(out, func(a, b Pair) int {
		if a.Shared == b.Shared {
			return 0
		}
		if a.Shared {
			return -1
		}
		return 1
	})
	return out
}
