package charts

import (
	"fmt"
	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
	"math"
	"slices"
	"strings"
)

// For builds every figure of an indication from its data: comparison bars and ranges,
// forest plots grouped by measure and unit, and time courses where a study has one.
// dataset is the dataset version written into each caption.
func For(ev domain.IndicationEvidence, dataset string) []Figure {
	var figs []Figure
	figs = append(figs, armFigures(ev)...)
	figs = append(figs, timeCourses(ev)...)
	figs = append(figs, forestFigures(ev)...)
	// head-to-head comparisons first, adverse effects last
	rank := func(f Figure) int {
		switch f.Title {
		case "IV ketamine vs intranasal esketamine":
			return 0
		case "Adverse effects":
			return 3
		}
		if f.Kind == "timecourse" {
			return 1
		}
		return 2
	}
	slices.SortStableFunc(figs, func(a, b Figure) int { return rank(a) - rank(b) })
	for i := range figs {
		capRows(&figs[i])
		figs[i].ID = fmt.Sprintf("%s-%02d-%s", ev.Indication.Key, i+1, figs[i].Kind)
		figs[i].Caption = caption(ev, figs[i], dataset)
	}
	return figs
}

// MaxRows is the most rows one figure draws: more would not be legible on a slide. A
// figure with more says how many it leaves out.
const MaxRows = 24

func capRows(f *Figure) {
	total := len(f.Rows())
	if total <= MaxRows {
		return
	}
	left := MaxRows
	var groups []Group
	for _, g := range f.Groups {
		if left == 0 {
			break
		}
		if len(g.Rows) > left {
			g.Rows = g.Rows[:left]
		}
		left -= len(g.Rows)
		groups = append(groups, g)
	}
	f.Groups = groups
	f.Subtitle += fmt.Sprintf("; the first %d of %d results are drawn", MaxRows, total)
}

const singleArm = "Single-arm results"

// comparison names what a study compares, which decides the figure it is drawn in.
func comparison(st *domain.Study) string {
	var iv, in, arms int
	for _, a := range st.Arms {
		arms++
		switch {
		case (a.Molecule == domain.Racemic || a.Molecule == domain.KetamineNotStated) && a.Route == domain.Intravenous:
			iv++
		case a.Molecule == domain.Esketamine && a.Route == domain.Intranasal:
			in++
		}
	}
	switch {
	case iv > 0 && in > 0:
		return "IV ketamine vs intranasal esketamine"
	case arms == 1:
		return singleArm
	default:
		return "Drug vs comparator"
	}
}

func series(a *domain.Arm) Series {
	if a == nil {
		return Contrast
	}
	if a.Role == domain.Comparator {
		return Comparator
	}
	return Series(a.Molecule)
}

// figureSet collects rows into figures by key, in the order the keys are first seen.
type figureSet struct {
	order []string
	figs  map[string]*Figure
}

// add puts a row into the figure for key (made by newFig the first time), under the
// heading group: rows with the same heading in a row share it.
func (fs *figureSet) add(key string, newFig func() Figure, group string, r Row) {
	if fs.figs == nil {
		fs.figs = map[string]*Figure{}
	}
	f := fs.figs[key]
	if f == nil {
		nf := newFig()
		f = &nf
		fs.figs[key] = f
		fs.order = append(fs.order, key)
	}
	if n := len(f.Groups); n > 0 && f.Groups[n-1].Title == group {
		f.Groups[n-1].Rows = append(f.Groups[n-1].Rows, r)
	} else {
		f.Groups = append(f.Groups, Group{Title: group, Rows: []Row{r}})
	}
}

func (fs *figureSet) list() []Figure {
	var out []Figure
	for _, k := range fs.order {
		out = append(out, *fs.figs[k])
	}
	return out
}

// eachDrawn calls fn for every outcome that keep accepts and that has a number to draw
// (a value or a reported range).
func eachDrawn(ev domain.IndicationEvidence, keep func(domain.Outcome) bool, fn func(*domain.Study, domain.Outcome)) {
	for si := range ev.Studies {
		st := &ev.Studies[si]
		for _, o := range st.Outcomes {
			if (o.Value != nil || o.RangeLow != nil) && keep(o) {
				fn(st, o)
			}
		}
	}
}

// measureAt is the outcome's measure with its time point, when there is one.
func measureAt(o domain.Outcome) string {
	if o.Timepoint == "" {
		return o.Measure
	}
	return o.Measure + ", " + o.Timepoint
}

// armFigures draws each arm's own numbers (not contrasts) as bars from zero, or as spans
// for reported ranges, one figure per comparison, unit and efficacy-or-safety.
func armFigures(ev domain.IndicationEvidence) []Figure {
	var set figureSet
	// an arm's own number; one that belongs to no arm (a median over both) has no bar, nor
	// has a median (its interquartile range is no interval around a mean)
	eachDrawn(ev, func(o domain.Outcome) bool { return !o.IsContrast() && o.Arm != "" && o.Kind != domain.Median }, func(st *domain.Study, o domain.Outcome) {
		title := comparison(st)
		if o.Safety {
			// a single arm's harms have no comparator: never beside a trial's arms
			if title == singleArm {
				title = "Adverse effects (single-arm studies, no comparator)"
			} else {
				title = "Adverse effects"
			}
		}
		arm := st.ArmByID(o.Arm)
		row := mark(Row{Label: arm.Name(), Series: series(arm)}, st, o, Bar)
		set.add(title+"|"+o.Unit, func() Figure {
			return Figure{Kind: "bars", Title: title, Axis: Axis{Label: o.Unit}}
		}, st.LineLabel()+" · "+measureAt(o), row)
	})
	figs := set.list()
	for i := range figs {
		f := &figs[i]
		f.Subtitle = "Each arm's reported value; bars start at zero"
		if slices.ContainsFunc(f.Rows(), func(r Row) bool { return r.Shape == Span }) {
			f.Subtitle += "; a span is a reported range"
		}
		f.Axis.Min, f.Axis.Max = barRange(f.Rows())
	}
	return figs
}

// barRange is a bar axis: from zero, or from below the lowest value when there are
// negative ones (changes from baseline), to above the highest (or to zero).
func barRange(rows []Row) (lo, hi float64) {
	low, high := 0.0, maxOf(rows)
	for _, r := range rows {
		if r.HasValue {
			low = math.Min(low, r.Value)
		}
		if r.HasCI || r.Shape == Span {
			low = math.Min(low, r.Low)
		}
	}
	if low < 0 {
		lo = -niceMax(-low)
	}
	if high > 0 || low == 0 {
		hi = niceMax(high)
	}
	return lo, hi
}

// mark gives a row the outcome's number: shape at its value (with its CI), or a span for
// a reported range, with the reported text beside it and the outcome it came from.
func mark(r Row, st *domain.Study, o domain.Outcome, shape Shape) Row {
	r.ValueText, r.StudyID, r.OutcomeID, r.Measure = valueText(o), st.ID, o.ID, measureAt(o)
	if st.SecondarySource(o.Source) {
		r.ValueText += " (secondary)"
	}
	if o.Value == nil {
		r.Shape, r.Low, r.High = Span, o.RangeLow.Float(), o.RangeHigh.Float()
		return r
	}
	r.Shape, r.Value, r.HasValue = shape, o.Value.Float(), true
	if o.CILow != nil {
		r.Low, r.High, r.HasCI = o.CILow.Float(), o.CIHigh.Float(), true
	}
	return r
}

// family groups kinds that can share an axis: same kind of estimate and same unit.
func family(kind domain.Kind) string {
	switch kind {
	case domain.MeanDifference, domain.LSMeanDifference:
		return "mean difference"
	case domain.SMD, domain.CohensD:
		return "standardized effect size"
	}
	return string(kind)
}

// forestFigures draws contrasts with their 95% CIs, one figure per family and unit, so
// unlike scales never share an axis.
func forestFigures(ev domain.IndicationEvidence) []Figure {
	var set figureSet
	// only a point estimate whose source states its direction, of a measure with a good
	// side, goes on a signed axis; NNT and NNH have no axis of their own
	drawn := func(o domain.Outcome) bool {
		return o.Signed() && o.Value != nil && o.Kind != domain.NNT && o.Kind != domain.NNH && !o.Published
	}
	sides := map[string]*favours{}
	eachDrawn(ev, drawn, func(st *domain.Study, printed domain.Outcome) {
		o, turn := turnedRound(st, printed)
		fam, unit := family(o.Kind), o.Unit
		if fam == "standardized effect size" {
			unit = "" // SMD and d are unitless and comparable
		}
		// estimates whose favourable side differs never share an axis, nor do contrasts
		// whose arms have other roles (drug vs comparator, comparator vs drug, drug vs drug)
		key := fam + "|" + unit + "|" + string(o.Better) + "|" + string(st.ArmByID(o.Arm).Role) + "|" + string(st.ArmByID(o.Versus).Role)
		if sides[key] == nil {
			sides[key] = &favours{}
		}
		sides[key].add(st, o)
		row := turn(mark(Row{Label: measureAt(o) + " (" + st.Who(o) + ")", Series: series(st.ArmByID(o.Arm))}, st, printed, Estimate))
		set.add(key, func() Figure {
			title := "Effect estimates: " + fam
			if unit != "" {
				title += ", " + unit
			}
			title += " (" + o.Better.Phrase() + ")"
			none := 0.0
			if domain.IsRatio(o.Kind) {
				none = 1
			}
			return Figure{Kind: "forest", Title: title,
				Axis: Axis{Label: axisLabel(fam, unit, domain.IsRatio(o.Kind)), Log: domain.IsRatio(o.Kind), NoEffect: &none}}
		}, st.LineLabel(), row)
	})
	pools, _ := synthesis.Find(ev)
	for _, pl := range pools {
		// the pool goes under its studies, on the axis they are drawn on
		key := family(pl.Kind) + "|" + pl.Unit + "|" + string(pl.Better) + "|" + string(domain.Intervention) + "|" + string(domain.Comparator)
		if fam := family(pl.Kind); fam == "standardized effect size" {
			key = fam + "||" + string(pl.Better) + "|" + string(domain.Intervention) + "|" + string(domain.Comparator)
		}
		if f := set.figs[key]; f != nil {
			rows := []Row{pooledRow(pl)}
			for _, in := range pl.Published {
				// a published pooling of the same trials, drawn beside the app's to compare
				rows = append(rows, mark(Row{Label: "Published pooled analysis, for comparison (" + in.Study.Name() + ")", Series: Contrast}, &in.Study, in.Outcome, Estimate))
			}
			f.Groups = append(f.Groups, Group{Title: "Pooled by this app (random effects, REML)", Rows: rows})
		}
	}
	figs := set.list()
	for i := range figs {
		f := &figs[i]
		f.Axis.FavoursBelow, f.Axis.FavoursAbove = sides[set.order[i]].labels()
		f.Subtitle = "Point estimate with 95% CI; the dashed line is no effect; left of it favours " + f.Axis.FavoursBelow +
			", right of it " + f.Axis.FavoursAbove
		f.Axis.Min, f.Axis.Max = forestRange(f.Rows(), *f.Axis.NoEffect, f.Axis.Log)
	}
	return figs
}

// turnedRound draws a contrast printed the other way round from the others (a comparator
// over or minus the drug) as drug against comparator, beside them: it returns the outcome
// with its arms swapped and what turns its row, whose value says it was printed the other
// way and gives the drawn numbers as computed. Any other contrast is drawn as printed.
func turnedRound(st *domain.Study, o domain.Outcome) (domain.Outcome, func(Row) Row) {
	a, b := st.ArmByID(o.Arm), st.ArmByID(o.Versus)
	if a.Role != domain.Comparator || b.Role != domain.Intervention {
		return o, func(r Row) Row { return r }
	}
	ratio := domain.IsRatio(o.Kind)
	op, flip := " minus ", func(x float64) float64 { return -x }
	if ratio {
		op, flip = " over ", func(x float64) float64 { return 1 / x }
	}
	turned := o
	turned.Arm, turned.Versus = o.Versus, o.Arm
	return turned, func(r Row) Row {
		r.Label = measureAt(turned) + " (" + st.Who(turned) + "; printed the other way round)"
		r.Turned, r.Value = true, flip(r.Value)
		drawn := synthesis.Num(r.Value)
		if r.HasCI {
			r.Low, r.High = flip(r.High), flip(r.Low)
			drawn += " (95% CI " + synthesis.Num(r.Low) + " to " + synthesis.Num(r.High) + ")"
		}
		r.ValueText += " as printed (" + a.Name() + op + b.Name() + "); drawn turned round as " + drawn + " (computed)"
		return r
	}
}

// pooledRow is a pool as a diamond under its studies: the estimate and 95% CI, and the
// prediction interval, back on the estimate's scale.
func pooledRow(pl synthesis.Pool) Row {
	r := pl.Result
	return Row{Label: fmt.Sprintf("%s, %s: k=%d; I² %.2f%%; thin line: 95%% prediction interval", pl.Measure, orAny(pl.Timepoint), r.K, r.I2),
		Shape: Diamond, Series: Contrast, Value: pl.Back(r.Random.Mu), HasValue: true, Low: pl.Back(r.Random.Low), High: pl.Back(r.Random.High),
		HasCI: true, PILow: pl.Back(r.PILow), PIHigh: pl.Back(r.PIHigh), ValueText: pl.Estimate() + " (computed)", OutcomeID: pl.ID,
		Measure: measureAt(domain.Outcome{Measure: pl.Measure, Timepoint: pl.Timepoint})}
}

func orAny(t string) string {
	if t == "" {
		return "time not stated"
	}
	return t
}

// favours collects, for one forest axis, the arms each side favours, row by row.
type favours struct{ below, above []*domain.Arm }

func (fv *favours) add(st *domain.Study, o domain.Outcome) {
	a, b := st.ArmByID(o.Arm), st.ArmByID(o.Versus)
	if o.Better == domain.HigherBetter {
		a, b = b, a
	}
	fv.below, fv.above = append(fv.below, a), append(fv.above, b)
}

// labels name each side's arm: its label when every row has the same one, else the
// molecule every row's arm gives, else the role every row's arm has (an axis's rows share
// their arms' roles).
func (fv *favours) labels() (below, above string) {
	name := func(arms []*domain.Arm) string {
		label, molecule := true, true
		for _, a := range arms {
			label = label && a.Label == arms[0].Label
			molecule = molecule && a.Molecule == arms[0].Molecule && a.Molecule != domain.ComparatorDrug
		}
		switch {
		case label:
			return arms[0].Name()
		case molecule && mixed(arms):
			return "ketamine or esketamine"
		case molecule:
			return string(arms[0].Molecule)
		}
		return "the " + string(arms[0].Role)
	}
	return name(fv.below), name(fv.above)
}

// mixed says whether an arm of ketamine whose enantiomer is not stated pools esketamine
// too (a review of both): its side favours either, not ketamine alone.
func mixed(arms []*domain.Arm) bool {
	return arms[0].Molecule == domain.KetamineNotStated && slices.ContainsFunc(arms, func(a *domain.Arm) bool {
		return strings.Contains(strings.ToLower(a.Label), "esketamine")
	})
}

func axisLabel(family, unit string, ratio bool) string {
	switch {
	case ratio:
		return family + " (log scale)"
	case unit == "":
		return family
	default:
		return unit
	}
}

// timeCourses draws, for a study with timed findings in one unit (e.g. sessions), when
// each effect began and how long it held, with values placed at their time points.
func timeCourses(ev domain.IndicationEvidence) []Figure {
	var out []Figure
	for si := range ev.Studies {
		st := &ev.Studies[si]
		unit := ""
		var rows []Row
		for _, f := range st.Findings {
			if f.TimeFrom == nil || f.TimeTo == nil || (unit != "" && f.TimeUnit != unit) {
				continue
			}
			unit = f.TimeUnit
			arm := st.ArmByID(f.Arm)
			rows = append(rows, Row{Label: f.Text, Shape: Span, Series: series(arm), Low: f.TimeFrom.Float(), High: f.TimeTo.Float(),
				ValueText: fmt.Sprintf("%s %s to %s", unit, f.TimeFrom, f.TimeTo), StudyID: st.ID})
		}
		if len(rows) < 2 {
			continue
		}
		for _, o := range st.Outcomes {
			if o.TimeOrder != nil && o.Value != nil && strings.Contains(o.Timepoint, unit) && !o.IsContrast() {
				arm := st.ArmByID(o.Arm)
				rows = append(rows, Row{Label: fmt.Sprintf("%s: %s %s", arm.Name(), o.Measure, o.Timepoint), Shape: Point,
					Series: series(arm), Value: o.TimeOrder.Float(), HasValue: true, ValueText: valueText(o), StudyID: st.ID, OutcomeID: o.ID})
			}
		}
		maxT := 0.0
		for _, r := range rows {
			maxT = math.Max(maxT, math.Max(r.High, r.Value))
		}
		out = append(out, Figure{Kind: "timecourse", Title: "Time course by " + unit + ": " + st.Name(),
			Subtitle: "When each effect was first seen and how long it held, by " + unit,
			Axis:     Axis{Label: unit, Min: 0, Max: maxT},
			Groups:   []Group{{Title: st.LineLabel(), Rows: rows}}})
	}
	return out
}

// valueText is the number shown beside a mark: exactly the reported digits. The p value
// is in the source view; the label stays short.
func valueText(o domain.Outcome) string { return domain.ValueOf(o).Estimate() }

func caption(ev domain.IndicationEvidence, f Figure, dataset string) string {
	var refs []string
	for _, id := range f.StudyIDs() {
		if st := ev.StudyByID(id); st != nil {
			ref := st.Name()
			if ids := st.Identifiers(); len(ids) > 0 {
				ref += ", " + ids[0]
			}
			level := st.Extraction
			if slices.ContainsFunc(f.Rows(), func(r Row) bool {
				o := st.OutcomeByID(r.OutcomeID)
				return r.StudyID == id && o != nil && st.SecondarySource(o.Source)
			}) {
				level += "; values marked secondary read in a secondary source"
			}
			refs = append(refs, ref+" ("+level+")")
		}
	}
	return "Sources: " + strings.Join(refs, "; ") + ". Ketamine Evidence Explorer, dataset " + dataset + "."
}

func maxOf(rows []Row) float64 {
	m := 0.0
	for _, r := range rows {
		m = math.Max(m, math.Max(r.Value, r.High))
	}
	return m
}

// niceMax rounds an axis end up to 1, 2, 2.5 or 5 times a power of ten; percentages of
// patients near the top stop at 100.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= v*1.05 {
			return m * mag
		}
	}
	return 10 * mag
}

// forestRange pads the span of all estimates, CIs and the no-effect line.
func forestRange(rows []Row, none float64, log bool) (float64, float64) {
	lo, hi := none, none
	for _, r := range rows {
		var vs []float64
		if r.HasValue {
			vs = append(vs, r.Value)
		}
		if r.HasCI || r.Shape == Span {
			vs = append(vs, r.Low, r.High)
		}
		if r.Shape == Diamond {
			vs = append(vs, r.PILow, r.PIHigh)
		}
		for _, v := range vs {
			if !log || v > 0 {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if log {
		l, h := math.Log10(lo), math.Log10(hi)
		pad := math.Max((h-l)*0.08, 0.05)
		return math.Pow(10, l-pad), math.Pow(10, h+pad)
	}
	pad := math.Max((hi-lo)*0.08, 0.05)
	return lo - pad, hi + pad
}
