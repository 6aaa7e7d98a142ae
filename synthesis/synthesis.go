// Package synthesis decides which of an indication's estimates may be pooled, pools them
// with the pooling engine, and says why estimates that look alike were not pooled. The
// rule, stated in the app and the README: estimates pool when they share the measure, the
// time point, the effect type and unit, the stated direction and good side, the
// comparator class and the molecule/route group, from at least two independent randomized
// studies, one comparison per study (a study's pre-specified primary comparison; its
// others are a sensitivity analysis). A review's or meta-analysis's estimate is never
// pooled: its trials may overlap with the others'.
package synthesis

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"ketamine-explorer/domain"
	"ketamine-explorer/pooling"
)

// Rule is the pooling rule in words, for the app and the README.
const Rule = "Estimates are pooled only when they share the measure, the time point, the effect type and unit, " +
	"the stated direction, the comparator class and the molecule and route (IN esketamine, IV ketamine, or not stated), " +
	"from at least two independent randomized studies, one comparison per study (its pre-specified primary one; " +
	"any other is a sensitivity analysis). Reviews and meta-analyses are never pooled: their trials may overlap."

// Method says how a pooled estimate was computed.
const Method = "Computed by this app: inverse-variance random effects with the REML estimate of tau² " +
	"(as R's metafor does by default), 95% CI and 95% prediction interval; ratios pooled on the log scale."

// Input is one study's estimate as it goes into a pool.
type Input struct {
	Study   domain.Study
	Outcome domain.Outcome
	Y, V    float64 // on the pooling scale (log for ratios)
	// SEFrom says where the standard error came from: the source's SE, or its 95% CI.
	SEFrom string
}

// Pool is one pooled estimate with the studies that went in.
type Pool struct {
	ID                 string // "trd-pool-1": how a card line or chart row names it
	Measure, Timepoint string
	Kind               domain.Kind // the family: mean difference, odds ratio…
	Unit               string
	Better             domain.Better
	Group, Comparator  string // "IN esketamine"…, "placebo or saline"…
	Inputs             []Input
	Result             pooling.Result
	// Sensitivity, when a study had another comparison of the same kind (another dose),
	// is the pool with that one in its place.
	Sensitivity *Sensitivity
	// LeaveOneOut, for three or more studies, is the pool without each study in turn.
	LeaveOneOut []pooling.Result
	// Published are pooled figures a source published for the same estimate, to compare
	// with (never pooled themselves).
	Published []Input
}

// Sensitivity is a pool with one study's other comparison in place of its primary one.
type Sensitivity struct {
	Swapped Input
	Result  pooling.Result
}

// NotPooled says why the estimates of studies that look alike were not pooled.
type NotPooled struct {
	Studies []string
	Reason  string
}

// Ratio says whether the pool is of ratios (pooled on the log scale, shown back on theirs).
func (p Pool) Ratio() bool { return domain.IsRatio(p.Kind) }

// Back turns a number on the pooling scale back to the estimate's own scale.
func (p Pool) Back(x float64) float64 {
	if p.Ratio() {
		return math.Exp(x)
	}
	return x
}

// Find pools what the rule allows in an indication's evidence, and explains the near misses.
func Find(ev domain.IndicationEvidence) ([]Pool, []NotPooled) {
	var f finder
	for _, st := range ev.Studies {
		f.add(st)
	}
	return f.find(ev.Indication.Key)
}

// finder gathers, a study at a time, what pooling needs of an indication: each estimate
// that may pool or compare with a pool, and each study's first key contrast of a kind, with
// only its own study's details (not the study's other outcomes).
type finder struct {
	keys      []string           // pool keys in the order met
	byKey     map[string][]Input // estimates that may pool, by key
	published map[string][]Input // published poolings, by the key they compare with
	classes   []string           // near-miss classes in the order met
	contrasts map[string][]contrast
}

// contrast is a study's first key contrast in a near-miss class.
type contrast struct {
	st domain.Study
	o  domain.Outcome
}

func (f *finder) add(st domain.Study) {
	if f.byKey == nil {
		f.byKey, f.published, f.contrasts = map[string][]Input{}, map[string][]Input{}, map[string][]contrast{}
	}
	for _, o := range st.Outcomes {
		in, ok := input(st, o)
		switch {
		case ok && o.Published:
			// a published pooling (a sponsor's pooled analysis is a record of its own),
			// shown beside the app's pool of the same estimate
			f.published[poolKey(st, o)] = append(f.published[poolKey(st, o)], in)
		case ok && randomized(st):
			key := poolKey(st, o)
			if f.byKey[key] == nil {
				f.keys = append(f.keys, key)
			}
			f.byKey[key] = append(f.byKey[key], in)
		}
	}
	if !randomized(st) {
		return
	}
	seen := map[string]bool{} // one key contrast per study and class
	for _, o := range st.Outcomes {
		arm, vs := st.ArmByID(o.Arm), st.ArmByID(o.Versus)
		if arm != nil && vs != nil && arm.Role == domain.Comparator {
			arm, vs = vs, arm // "ECT vs ketamine" compares ketamine with ECT all the same
		}
		if !o.IsContrast() || o.Published || arm == nil || vs == nil || arm.Role != domain.Intervention || vs.Role != domain.Comparator || !o.Key {
			continue
		}
		class := Group(arm) + " vs " + domain.ComparatorKind(*vs)
		if seen[class] {
			continue
		}
		seen[class] = true
		if f.contrasts[class] == nil {
			f.classes = append(f.classes, class)
		}
		f.contrasts[class] = append(f.contrasts[class], contrast{st.Only(o), o})
	}
}

// find pools what may pool and explains the near misses.
func (f *finder) find(indication string) ([]Pool, []NotPooled) {
	var pools []Pool
	pooledKeys := map[string]bool{}
	for _, key := range f.keys {
		if p, ok := pool(f.byKey[key]); ok {
			pooledKeys[key] = true
			p.ID = fmt.Sprintf("%s-pool-%d", indication, len(pools)+1)
			p.Published = f.published[key]
			pools = append(pools, p)
		}
	}
	var left []Input // estimates that could pool but found no other to pool with
	for _, key := range f.keys {
		if !pooledKeys[key] {
			left = append(left, f.byKey[key]...)
		}
	}
	return pools, append(otherTimes(left, pools), f.nearMisses(pools)...)
}

// otherTimes says, of each estimate that could pool but is in no pool, why it is not in
// the pool it resembles: the same measure, effect and comparison, at another time
// (Canuso 2018's MADRS at "about 24 hours" beside ASPIRE I and II at 24 hours).
func otherTimes(left []Input, pools []Pool) []NotPooled {
	var out []NotPooled
	for _, in := range left {
		o := in.Outcome
		arm, vs := in.Study.ArmByID(o.Arm), in.Study.ArmByID(o.Versus)
		for _, p := range pools {
			if p.Measure != o.Measure || p.Kind != family(o.Kind) || p.Unit != o.Unit || p.Better != o.Better ||
				p.Group != Group(arm) || p.Comparator != domain.ComparatorKind(*vs) {
				continue
			}
			out = append(out, NotPooled{Studies: []string{in.Study.Name()},
				Reason: fmt.Sprintf("%s, %s at %s (%s): not pooled with %s at %s, because it is taken at another time",
					in.Study.LineLabel(), o.Measure, orNone(o.Timepoint), domain.FormatValue(o), p.Studies(), orNone(p.Timepoint))})
			break
		}
	}
	return out
}

// randomized says whether a study's own estimates may pool: a trial, not a review.
func randomized(st domain.Study) bool {
	return st.Design == "randomized trial" || st.Design == "randomized withdrawal trial"
}

// input is an estimate with its standard error, if it can pool at all: a point estimate
// of a contrast between an intervention and a comparator, its direction stated, with an
// SE or a 95% CI.
func input(st domain.Study, o domain.Outcome) (Input, bool) {
	arm, vs := st.ArmByID(o.Arm), st.ArmByID(o.Versus)
	if !o.Signed() || o.Value == nil || arm == nil || vs == nil || arm.Role != domain.Intervention || vs.Role != domain.Comparator {
		return Input{}, false
	}
	switch o.Kind {
	case domain.MeanDifference, domain.LSMeanDifference, domain.RiskDifference, domain.SMD,
		domain.OddsRatio, domain.RiskRatio, domain.HazardRatio:
	default:
		return Input{}, false
	}
	in := Input{Study: st.Only(o), Outcome: o, Y: o.Value.Float()}
	ratio := domain.IsRatio(o.Kind)
	switch {
	case o.SE != nil && !ratio:
		in.V, in.SEFrom = o.SE.Float()*o.SE.Float(), "the reported SE ("+o.SE.String()+")"
	case o.CILow != nil && o.CIHigh != nil:
		lo, hi := o.CILow.Float(), o.CIHigh.Float()
		if ratio {
			if lo <= 0 || o.Value.Float() <= 0 {
				return Input{}, false
			}
			lo, hi, in.Y = math.Log(lo), math.Log(hi), math.Log(o.Value.Float())
		}
		se := (hi - lo) / (2 * 1.959963984540054)
		in.V = se * se
		in.SEFrom = "derived from the 95% CI (" + o.CILow.String() + " to " + o.CIHigh.String() + "), taken as symmetric"
		if ratio {
			in.SEFrom += " on the log scale"
		}
	default:
		return Input{}, false
	}
	return in, in.V > 0
}

// family puts mean differences and least-squares mean differences together: both are a
// difference of means in the measure's unit.
func family(k domain.Kind) domain.Kind {
	if k == domain.LSMeanDifference {
		return domain.MeanDifference
	}
	return k
}

// Group names the molecule and route of an intervention arm: IN esketamine, IV ketamine
// (racemic or enantiomer not stated), or not stated.
func Group(a *domain.Arm) string {
	switch {
	case a.Molecule == domain.Esketamine && a.Route == domain.Intranasal:
		return "IN esketamine"
	case (a.Molecule == domain.Racemic || a.Molecule == domain.KetamineNotStated) && a.Route == domain.Intravenous:
		return "IV ketamine"
	case a.Molecule == domain.Esketamine:
		return "esketamine, route " + routeText(a)
	}
	return "ketamine, route " + routeText(a)
}

func routeText(a *domain.Arm) string {
	if a.Route == "" {
		return "not stated"
	}
	return string(a.Route)
}

func poolKey(st domain.Study, o domain.Outcome) string {
	return strings.Join([]string{o.Measure, o.Timepoint, string(family(o.Kind)), o.Unit, string(o.Better),
		Group(st.ArmByID(o.Arm)), domain.ComparatorKind(*st.ArmByID(o.Versus))}, "|")
}

// pool keeps one comparison per study (its primary one) and pools when two or more
// studies are left.
func pool(ins []Input) (Pool, bool) {
	var main, others []Input
	at := map[string]int{}       // each study's place in main
	several := map[string]bool{} // studies with another comparison, in others
	for _, in := range ins {
		i, seen := at[in.Study.ID]
		switch {
		case !seen:
			at[in.Study.ID] = len(main)
			main = append(main, in)
		case in.Outcome.Primary && !main[i].Outcome.Primary:
			others, main[i] = append(others, main[i]), in
		default:
			others = append(others, in)
		}
		several[in.Study.ID] = seen || several[in.Study.ID]
	}
	// a study with several comparisons and none marked primary is left out: which one
	// to pool would be a choice the sources did not make
	main = slices.DeleteFunc(main, func(m Input) bool { return !m.Outcome.Primary && several[m.Study.ID] })
	if len(main) < 2 {
		return Pool{}, false
	}
	first := main[0]
	arm, vs := first.Study.ArmByID(first.Outcome.Arm), first.Study.ArmByID(first.Outcome.Versus)
	p := Pool{Measure: first.Outcome.Measure, Timepoint: first.Outcome.Timepoint, Kind: family(first.Outcome.Kind),
		Unit: first.Outcome.Unit, Better: first.Outcome.Better, Group: Group(arm), Comparator: domain.ComparatorKind(*vs), Inputs: main}
	r, err := pooling.Pool(ys(main))
	if err != nil {
		return Pool{}, false
	}
	p.Result = r
	if len(main) >= 3 {
		// each study left out in turn, from the estimates alone (not a copy of every input)
		yi, vi := ys(main)
		ly, lv := make([]float64, len(yi)-1), make([]float64, len(vi)-1)
		for i := range main {
			copy(ly, yi[:i])
			copy(ly[i:], yi[i+1:])
			copy(lv, vi[:i])
			copy(lv[i:], vi[i+1:])
			if r, err := pooling.PoolFrom(ly, lv, p.Result.Tau2); err == nil {
				p.LeaveOneOut = append(p.LeaveOneOut, r)
			}
		}
	}
	for _, o := range others {
		if !slices.ContainsFunc(main, func(m Input) bool { return m.Study.ID == o.Study.ID }) {
			continue
		}
		swapped := slices.Clone(main)
		for i := range swapped {
			if swapped[i].Study.ID == o.Study.ID {
				swapped[i] = o
			}
		}
		if r, err := pooling.Pool(ys(swapped)); err == nil {
			p.Sensitivity = &Sensitivity{Swapped: o, Result: r}
		}
		break
	}
	return p, true
}

func ys(ins []Input) (yi, vi []float64) {
	for _, in := range ins {
		yi, vi = append(yi, in.Y), append(vi, in.V)
	}
	return yi, vi
}

// nearMisses explains, for randomized studies that compare the same molecule and route
// with the same kind of comparator but share no pool, what keeps their estimates apart.
func (f *finder) nearMisses(pools []Pool) []NotPooled {
	pooled := map[string]bool{}
	for _, p := range pools {
		for _, in := range p.Inputs {
			pooled[in.Study.ID] = true
		}
	}
	var out []NotPooled
	for _, class := range f.classes {
		// only studies none of whose estimates pooled
		firsts := slices.DeleteFunc(slices.Clone(f.contrasts[class]), func(c contrast) bool { return pooled[c.st.ID] })
		for i := 0; i+1 < len(firsts); i++ {
			a, b := firsts[i], firsts[i+1]
			out = append(out, NotPooled{Studies: []string{a.st.Name(), b.st.Name()},
				Reason: fmt.Sprintf("%s: not pooled, because %s", class, why(a.st, a.o, b.st, b.o))})
		}
	}
	return out
}

// why names the first difference that keeps two estimates from pooling.
func why(sa domain.Study, a domain.Outcome, sb domain.Study, b domain.Outcome) string {
	switch {
	case a.Measure != b.Measure:
		return fmt.Sprintf("they measure different outcomes (%s: %s; %s: %s)", sa.Name(), a.Measure, sb.Name(), b.Measure)
	case a.Timepoint != b.Timepoint:
		return fmt.Sprintf("they are taken at different times (%s; %s)", orNone(a.Timepoint), orNone(b.Timepoint))
	case family(a.Kind) != family(b.Kind) || a.Unit != b.Unit:
		return fmt.Sprintf("the effects are of different types or units (%s %s; %s %s)", a.Kind, a.Unit, b.Kind, b.Unit)
	case !a.Signed() || !b.Signed():
		return "the direction of one of the differences is not stated"
	}
	return "one of them has no point estimate with a standard error or a 95% CI"
}

func orNone(s string) string {
	if s == "" {
		return "time not stated"
	}
	return s
}
