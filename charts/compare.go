package charts

import (
	"math"
	"slices"
	"strings"
)

// Pair is one row of a side-by-side comparison: the same measures at the same time points
// from each side drawn on one shared axis, or what has no counterpart on the other side,
// drawn alone on its own scale.
type Pair struct {
	Left, Right *Figure
	// Shared says both sides are set and show the same measures, time points and unit
	// (Measures) on one axis; otherwise only one side is set.
	Shared   bool
	Measures []string
}

// scaleKey is what two figures must have in common for any of their rows to share an
// axis: the kind of chart, the unit (the axis label) and the scale.
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

// measureKey is a row's measure and time point as compared: case and spacing aside.
func measureKey(r Row) string { return strings.Join(strings.Fields(strings.ToLower(r.Measure)), " ") }

// Compare pairs the figures of two sides. Of two figures of the same kind, unit and
// scale, the rows whose measure and time point both sides have are drawn as a pair on the
// union of their ranges; every other row stays in its figure, drawn alone on its own
// scale: a response rate is never put beside a completion rate because both are %.
func Compare(left, right []Figure) []Pair {
	var shared, alone []Pair
	restLeft := slices.Clone(left)
	restRight := slices.Clone(right)
	for i, l := range left {
		for j, r := range right {
			if scaleKey(l) != scaleKey(r) {
				continue
			}
			common := commonMeasures(restLeft[i], restRight[j])
			if len(common) == 0 {
				continue
			}
			in := func(row Row) bool { return slices.Contains(common, measureKey(row)) }
			lf, rf := only(restLeft[i], in), only(restRight[j], in)
			ax := lf.Axis
			ax.Min, ax.Max = math.Min(lf.Axis.Min, rf.Axis.Min), math.Max(lf.Axis.Max, rf.Axis.Max)
			lf.Axis, rf.Axis = ax, ax
			var names []string
			for _, row := range lf.Rows() {
				if !slices.Contains(names, row.Measure) {
					names = append(names, row.Measure)
				}
			}
			shared = append(shared, Pair{Left: &lf, Right: &rf, Shared: true, Measures: names})
			out := func(row Row) bool { return !in(row) }
			restLeft[i], restRight[j] = only(restLeft[i], out), only(restRight[j], out)
		}
	}
	for i := range restLeft {
		if len(restLeft[i].Rows()) > 0 {
			alone = append(alone, Pair{Left: &restLeft[i]})
		}
	}
	for j := range restRight {
		if len(restRight[j].Rows()) > 0 {
			alone = append(alone, Pair{Right: &restRight[j]})
		}
	}
	return append(shared, alone...)
}

// commonMeasures are the measures (with time points) that rows of both figures show.
func commonMeasures(a, b Figure) []string {
	var out []string
	for _, ra := range a.Rows() {
		k := measureKey(ra)
		if k == "" || slices.Contains(out, k) {
			continue
		}
		if slices.ContainsFunc(b.Rows(), func(rb Row) bool { return measureKey(rb) == k }) {
			out = append(out, k)
		}
	}
	return out
}

// only is f with just the rows keep accepts (groups left empty dropped), on an axis
// fitted to them as the figure's kind fits it.
func only(f Figure, keep func(Row) bool) Figure {
	var groups []Group
	for _, g := range f.Groups {
		var rows []Row
		for _, r := range g.Rows {
			if keep(r) {
				rows = append(rows, r)
			}
		}
		if len(rows) > 0 {
			groups = append(groups, Group{Title: g.Title, Rows: rows})
		}
	}
	f.Groups = groups
	switch rows := f.Rows(); {
	case len(rows) == 0:
	case f.Kind == "forest":
		f.Axis.Min, f.Axis.Max = forestRange(rows, *f.Axis.NoEffect, f.Axis.Log)
	case f.Kind == "bars":
		f.Axis.Min, f.Axis.Max = barRange(rows)
	}
	return f
}
