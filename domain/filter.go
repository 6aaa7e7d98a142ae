package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Filter narrows an indication's studies; the zero Filter keeps them all. Every field
// set must hold for a study to be kept.
type Filter struct {
	Molecule   Molecule // an intervention arm's molecule (one of Molecules)
	Route      Route    // an intervention arm's route as reported, or NotStated
	Design     string   // one of Designs
	Comparator string   // one of Comparators
	MinN       int      // at least this many participants (a study of unknown N is hidden)
	Text       string   // in the label, title, population, summary, arms, measures or notes
}

// Comparators are the kinds of comparator a filter can ask for.
var Comparators = []string{"placebo or saline", "midazolam", "electroconvulsive therapy", "other control", "no comparator arm"}

// ComparatorKind classifies a comparator arm by what its label and route say it is.
func ComparatorKind(a Arm) string {
	s := strings.ToLower(a.Label + " " + string(a.Route))
	switch {
	case strings.Contains(s, "midazolam"):
		return "midazolam"
	case strings.Contains(s, "placebo"), strings.Contains(s, "saline"):
		return "placebo or saline"
	case slices.Contains(strings.Fields(s), "ect"), strings.Contains(s, "electroconvulsive"):
		return "electroconvulsive therapy"
	}
	return "other control"
}

// MinNLabel names a minimum study size: "N ≥ 100".
func MinNLabel(n int) string { return fmt.Sprintf("N ≥ %d", n) }

// Active says whether the filter hides anything.
func (f Filter) Active() bool { return f != Filter{} }

// Keeps says whether a study passes every part of the filter.
func (f Filter) Keeps(st Study) bool {
	if f.Design != "" && st.Design != f.Design {
		return false
	}
	if f.MinN > 0 && (st.N == nil || *st.N < f.MinN) {
		return false
	}
	interventions := slices.DeleteFunc(slices.Clone(st.Arms), func(a Arm) bool { return a.Role != Intervention })
	if f.Molecule != "" && !slices.ContainsFunc(interventions, func(a Arm) bool { return a.Molecule == f.Molecule }) {
		return false
	}
	if f.Route != "" && !slices.ContainsFunc(interventions, func(a Arm) bool { return routeOf(a) == f.Route }) {
		return false
	}
	if f.Comparator != "" {
		kinds := []string{}
		for _, a := range st.Arms {
			if a.Role == Comparator {
				kinds = append(kinds, ComparatorKind(a))
			}
		}
		if len(kinds) == 0 {
			kinds = []string{"no comparator arm"}
		}
		if !slices.Contains(kinds, f.Comparator) {
			return false
		}
	}
	return f.Text == "" || st.Mentions(f.Text)
}

func routeOf(a Arm) Route {
	if a.Route == "" {
		return NotStated
	}
	return a.Route
}

// Mentions says whether any text a user sees of the study has q (any case) at the start
// of a word: the one search of the app, used by the window's filter and the CLI's search
// alike. "ECT" finds ECT, not "effect"; "ketam" finds ketamine.
func (st *Study) Mentions(q string) bool {
	q = SearchKey(q)
	for _, t := range st.texts() {
		if atWordStart(strings.ToLower(t), q) {
			return true
		}
	}
	return false
}

// atWordStart says whether q is in t where a word starts (anywhere, when q itself does
// not start with a letter or digit).
func atWordStart(t, q string) bool {
	first, _ := utf8.DecodeRuneInString(q)
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return strings.Contains(t, q)
	}
	for i := 0; i <= len(t); {
		j := strings.Index(t[i:], q)
		if j < 0 {
			return false
		}
		at := i + j
		before, _ := utf8.DecodeLastRuneInString(t[:at])
		if at == 0 || !unicode.IsLetter(before) && !unicode.IsDigit(before) {
			return true
		}
		_, size := utf8.DecodeRuneInString(t[at:])
		i = at + size
	}
	return false
}

// SearchKey is the form of a query that Mentions looks for.
func SearchKey(q string) string { return strings.ToLower(strings.TrimSpace(q)) }

// SearchText is every text Mentions reads, in lower case, one per line: what a full-text
// index holds so that it finds every study Mentions would (and, across a line break, a
// few that Mentions then turns down).
func (st *Study) SearchText() string { return strings.ToLower(strings.Join(st.texts(), "\n")) }

// texts is every text a user sees of the study.
func (st *Study) texts() []string {
	texts := append([]string{st.Label, st.Title, st.Authors, st.Journal, st.Published, st.Design, st.DesignDetail,
		st.Population, st.Setting, st.Period, st.Summary, st.Certainty, st.NNote}, st.Identifiers()...)
	for _, a := range st.Arms {
		texts = append(texts, a.Label, string(a.Route), a.Dose, a.Schedule, string(a.Molecule), a.NNote)
	}
	for _, o := range st.Outcomes {
		texts = append(texts, o.Measure, o.Timepoint, o.Note, o.ValueText, o.Unit)
	}
	for _, f := range st.Findings {
		texts = append(texts, f.Text)
	}
	texts = append(texts, st.Unknowns...)
	for _, d := range st.Discrepancies {
		texts = append(texts, d.Topic, d.SecondaryClaim, d.PrimaryClaim)
	}
	return texts
}

// Apply keeps the studies that pass; Indication.StudyCount still counts them all.
func (f Filter) Apply(ev IndicationEvidence) IndicationEvidence {
	ev.Studies = f.Keep(ev.Studies)
	return ev
}

// Keep returns the studies that pass the filter, in order (all of them when it is off).
func (f Filter) Keep(studies []Study) []Study {
	if !f.Active() {
		return studies
	}
	var out []Study
	for _, st := range studies {
		if f.Keeps(st) {
			out = append(out, st)
		}
	}
	return out
}

// Part is one condition of a filter, in words, with the filter it leaves when lifted.
type Part struct {
	Label   string
	Without Filter
}

// Parts lists the filter's conditions in a fixed order.
func (f Filter) Parts() []Part {
	var out []Part
	add := func(label string, lift func(*Filter)) {
		g := f
		lift(&g)
		out = append(out, Part{Label: label, Without: g})
	}
	if f.Molecule != "" {
		add("Molecule: "+string(f.Molecule), func(g *Filter) { g.Molecule = "" })
	}
	if f.Route != "" {
		add("Route: "+string(f.Route), func(g *Filter) { g.Route = "" })
	}
	if f.Design != "" {
		add("Design: "+f.Design, func(g *Filter) { g.Design = "" })
	}
	if f.Comparator != "" {
		add("Comparator: "+f.Comparator, func(g *Filter) { g.Comparator = "" })
	}
	if f.MinN > 0 {
		add(MinNLabel(f.MinN), func(g *Filter) { g.MinN = 0 })
	}
	if f.Text != "" {
		add(fmt.Sprintf("Text: %q", f.Text), func(g *Filter) { g.Text = "" })
	}
	return out
}

// Chips are the labels of the filter's parts, for footers and handouts.
func (f Filter) Chips() []string {
	var out []string
	for _, p := range f.Parts() {
		out = append(out, p.Label)
	}
	return out
}

// Routes lists the routes of the intervention arms in the studies, for a filter menu.
func Routes(studies []Study) []Route {
	var out []Route
	for _, st := range studies {
		for _, a := range st.Arms {
			if r := routeOf(a); a.Role == Intervention && !slices.Contains(out, r) {
				out = append(out, r)
			}
		}
	}
	slices.Sort(out)
	return out
}
