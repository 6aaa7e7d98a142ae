package domain

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Unknown is how a value that the sources do not give is shown.
const Unknown = "unknown (not found in the sources read)"

// kindPrefix is how a contrast's kind is written before its number.
var kindPrefix = map[Kind]string{
	MeanDifference: "MD", LSMeanDifference: "LS mean difference", RiskDifference: "difference",
	SMD: "SMD", CohensD: "Cohen's d", OddsRatio: "OR", HazardRatio: "HR", RiskRatio: "RR", RateRatio: "IRR",
	MedianDifference: "median difference", NNT: "NNT", NNH: "NNH",
}

// Prefix is how the kind is written before its number ("MD", "OR"; "" for an arm's value).
func (k Kind) Prefix() string { return kindPrefix[k] }

// IsRatio tells whether a kind is a ratio, drawn on a log axis with no effect at 1.
func IsRatio(kind Kind) bool {
	return kind == OddsRatio || kind == HazardRatio || kind == RiskRatio || kind == RateRatio
}

// IsContrast tells whether an outcome compares two arms rather than describing one.
func (o Outcome) IsContrast() bool { return o.Versus != "" }

// withUnit joins a number and its unit: "55.4" + "% of patients" gives "55.4% of patients".
func withUnit(num, unit string) string {
	switch {
	case unit == "":
		return num
	case strings.HasPrefix(unit, "%"):
		return num + unit
	default:
		return num + " " + unit
	}
}

// Value is an outcome's number in parts, exactly as reported, so that each medium shows
// what it has room for: a chart the estimate, the source view and exports all of it.
type Value struct {
	Kind    string   // "MD", "HR", "OR"…, or "" for an arm's own value
	Number  string   // the value with its unit, a range, the source's words, or Unknown
	Details []string // "95% CI 4.01 to 30.60", "SE 1.69", "890 patients"
	P       string   // "p=0.003", or "" when not reported
}

// ValueOf splits an outcome's number into its parts.
func ValueOf(o Outcome) Value {
	v := Value{Kind: o.Kind.Prefix()}
	switch {
	case o.Value != nil:
		v.Number = withUnit(o.Value.String(), o.Unit)
	case o.RangeLow != nil:
		lo := o.RangeLow.String()
		if strings.HasPrefix(o.Unit, "%") {
			lo += "%"
		}
		v.Number = lo + " to " + withUnit(o.RangeHigh.String(), o.Unit)
	case o.ValueText != "":
		v.Number = o.ValueText
	default:
		v.Number = Unknown
	}
	if o.CILow != nil {
		v.Details = append(v.Details, fmt.Sprintf("95%% CI %s to %s", o.CILow, o.CIHigh))
	}
	if o.Value != nil && o.RangeLow != nil {
		// a median's spread: never a confidence interval
		what := "range"
		if o.Kind == Median || o.Kind == MedianDifference {
			what = "IQR"
		}
		v.Details = append(v.Details, fmt.Sprintf("%s %s to %s", what, o.RangeLow, o.RangeHigh))
	}
	if o.SE != nil {
		v.Details = append(v.Details, "SE "+o.SE.String())
	}
	if o.Events != nil {
		v.Details = append(v.Details, fmt.Sprintf("%d patients", *o.Events))
	}
	if o.IsContrast() && !o.Signed() && !o.Kind.NumberNeeded() {
		v.Details = append(v.Details, "direction not stated")
	}
	if o.P != "" {
		v.P = FormatP(o.P)
	}
	return v
}

// Signed says whether a contrast can be placed on a signed axis: its source states which
// arm it is taken from, and the measure has a good side.
func (o Outcome) Signed() bool {
	return o.IsContrast() && o.Direction == DirectionStated && o.Better != ""
}

// Favours names the arm that values below no effect favour and the arm that values above
// it favour, for a contrast that is Signed.
func (s *Study) Favours(o Outcome) (below, above string) {
	a, b := s.armLabel(o.Arm), s.armLabel(o.Versus)
	if o.Better == HigherBetter {
		return b, a
	}
	return a, b
}

// Contrast says what a contrast's number is, in words: "IV ketamine minus ECT; lower is
// better, so below 0 favours IV ketamine", or that the source does not say.
func (s *Study) Contrast(o Outcome) string {
	if !o.IsContrast() {
		return ""
	}
	op, none := "minus", "0"
	if IsRatio(o.Kind) {
		op, none = "over", "1"
	}
	if o.Kind.NumberNeeded() {
		return "patients to treat with " + s.armLabel(o.Arm) + " rather than " + s.armLabel(o.Versus) +
			" for one more to have the outcome: a count, smaller is better, not placed on a signed axis"
	}
	if o.Direction != DirectionStated {
		return "direction not stated: the source does not say whether this is " + s.armLabel(o.Arm) + " " + op + " " +
			s.armLabel(o.Versus) + " or the reverse, so it is not placed on a signed axis"
	}
	text := s.armLabel(o.Arm) + " " + op + " " + s.armLabel(o.Versus)
	if o.Better != "" {
		below, _ := s.Favours(o)
		text += "; " + o.Better.Phrase() + ", so below " + none + " favours " + below
	}
	return text
}

// SourceNote is what a line read in a source says of it beside the text: for a label,
// the version of the text it was read in (labels change), else nothing.
func (s *Study) SourceNote(id string) string {
	src := s.SourceByID(id)
	switch {
	case src == nil:
		return ""
	case s.Design == DesignLabel && src.Version != "":
		return " [" + src.Kind + ", " + src.Version + " version]"
	case s.Design == DesignLabel:
		return " [" + src.Kind + ", undated]"
	case s.SecondarySource(id) && strings.Contains(strings.ToLower(src.Kind), "secondary"):
		return " [" + src.Kind + "]"
	case s.SecondarySource(id):
		return " [secondary: " + src.Kind + "]"
	}
	return ""
}

// secondaryKinds are how sources read at second hand are named: a value read in one is
// marked so wherever it is shown, whatever the study's own extraction level.
var secondaryKinds = []string{"secondary", "review table", "news", "company"}

// SecondarySource says whether the study's source id was read at second hand while the
// study itself was not (a study read only at second hand says so on every line already).
func (s *Study) SecondarySource(id string) bool {
	src := s.SourceByID(id)
	if src == nil || s.Secondary() {
		return false
	}
	kind := strings.ToLower(src.Kind)
	return slices.ContainsFunc(secondaryKinds, func(k string) bool { return strings.Contains(kind, k) })
}

func (s *Study) armLabel(id string) string {
	if a := s.ArmByID(id); a != nil {
		return a.Name()
	}
	return id
}

// Estimate is the value with its kind and details, without the p value: what a chart
// prints beside its mark.
func (v Value) Estimate() string {
	s := strings.TrimSpace(v.Kind + " " + v.Number)
	if len(v.Details) > 0 {
		s += " (" + strings.Join(v.Details, "; ") + ")"
	}
	return s
}

// String is the whole value: "MD 2.15 MADRS points (95% CI -0.06 to 4.37), p=.06".
func (v Value) String() string {
	if v.P == "" {
		return v.Estimate()
	}
	return v.Estimate() + ", " + v.P
}

// FormatValue shows an outcome's number as reported, with unit, CI, SE, events and p.
func FormatValue(o Outcome) string { return ValueOf(o).String() }

// FormatP writes a reported p value: "<0.001" gives "p<0.001", "0.003" gives "p=0.003".
func FormatP(p string) string {
	if strings.HasPrefix(p, "<") || strings.HasPrefix(p, ">") || strings.HasPrefix(p, "=") {
		return "p" + p
	}
	return "p=" + p
}

// Who names the arm, or the contrast, an outcome belongs to: "IV ketamine vs ECT".
func (s *Study) Who(o Outcome) string {
	if o.Versus != "" {
		return s.armLabel(o.Arm) + " vs " + s.armLabel(o.Versus)
	}
	return s.armLabel(o.Arm)
}

// Describe is one outcome in a sentence: measure and time point, then the arm or
// contrast and the measure's good side, then the value.
func (s *Study) Describe(o Outcome) string {
	head := o.Measure
	if o.Timepoint != "" {
		head += ", " + o.Timepoint
	}
	good := o.Better.Phrase()
	if o.Kind.NumberNeeded() {
		good = "a smaller number is better" // not the measure's good side: a count of patients
	}
	var about []string
	for _, part := range []string{s.Who(o), good} {
		if part != "" {
			about = append(about, part)
		}
	}
	if len(about) > 0 {
		head += " (" + strings.Join(about, "; ") + ")"
	}
	return head + ": " + FormatValue(o)
}

// Citation is the study's reference in one line, with what is unknown left out.
func (s *Study) Citation() string {
	var parts []string
	if s.Authors != "" {
		parts = append(parts, strings.TrimSuffix(s.Authors, ".")+".")
	}
	if s.Title != "" {
		parts = append(parts, strings.TrimSuffix(s.Title, ".")+".")
	}
	src := s.Journal
	if s.Year != nil {
		src = strings.TrimSpace(fmt.Sprintf("%s %d", src, *s.Year))
	}
	if s.Volume != "" {
		src += ";" + s.Volume
	}
	if s.Published != "" {
		src = strings.TrimSpace(src + " (" + s.Published + ")")
	}
	if src != "" {
		parts = append(parts, src+".")
	}
	if len(parts) == 0 {
		return Clip(s.Label, LabelLimit) + " (citation details not found)"
	}
	return strings.Join(parts, " ")
}

// Identifier is one of a study's identifiers as shown ("DOI 10.1056/…", "PMID 37224232",
// "PMC8434915", "NCT01690988"), with the address that opens it ("" when there is none).
type Identifier struct{ Text, URL string }

// DOIURL is the address that opens a DOI.
func DOIURL(doi string) string { return "https://doi.org/" + doi }

// IdentifierLinks lists the study's identifiers in a fixed order, each with its address.
// PMC and NCT numbers are shown with their prefix once, however they were stored.
func (s *Study) IdentifierLinks() []Identifier {
	var out []Identifier
	add := func(text, url string) { out = append(out, Identifier{text, url}) }
	if s.DOI != "" {
		add("DOI "+s.DOI, DOIURL(s.DOI))
	}
	if s.PMID != "" {
		add("PMID "+s.PMID, "https://pubmed.ncbi.nlm.nih.gov/"+s.PMID+"/")
	}
	if s.PMC != "" {
		pmc := "PMC" + strings.TrimPrefix(s.PMC, "PMC")
		add(pmc, "https://www.ncbi.nlm.nih.gov/pmc/articles/"+pmc+"/")
	}
	if s.NCT != "" {
		nct := "NCT" + strings.TrimPrefix(s.NCT, "NCT")
		add(nct, "https://clinicaltrials.gov/study/"+nct)
	}
	if s.OtherID != "" {
		add(s.OtherID, "")
	}
	return out
}

// Identifiers lists the study's identifiers as text: "DOI 10.x", "PMID 1", in a fixed order.
func (s *Study) Identifiers() []string {
	var out []string
	for _, id := range s.IdentifierLinks() {
		out = append(out, id.Text)
	}
	return out
}

// SizeText is the study size, or says that it is unknown.
func (s *Study) SizeText() string {
	n := "N " + Unknown
	if s.N != nil {
		n = fmt.Sprintf("N=%d", *s.N)
	}
	if s.NNote != "" {
		n += " (" + s.NNote + ")"
	}
	return n
}

// ArmText describes an arm with route, dose, schedule and size; unknown parts say so.
func (a Arm) ArmText() string {
	parts := []string{a.Name()}
	if a.Route != "" {
		parts = append(parts, string(a.Route))
	}
	switch {
	case a.Dose != "":
		parts = append(parts, a.Dose)
	case a.Role == Intervention:
		parts = append(parts, "dose unknown")
	}
	if a.Schedule != "" {
		parts = append(parts, a.Schedule)
	}
	if a.N != nil {
		parts = append(parts, fmt.Sprintf("n=%d", *a.N))
	}
	return strings.Join(parts, ", ")
}

// Plural is n with the noun that agrees with it: Plural(1, "study", "studies") is "1 study".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// LabelLimit is the most characters of a study's or arm's label that views and exports
// show: a label names a row of a chart or a card, and one pasted with a whole abstract
// in it would push everything else off the page. The whole label stays in the record.
const LabelLimit = 100

// Clip cuts text longer than n characters to fewer, at a space near the end where there is
// one, and marks the cut with "…"; text of n characters or fewer is returned as it is.
func Clip(text string, n int) string {
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	cut, i := 0, 0
	for at := range text {
		if i == n-1 {
			cut = at
			break
		}
		i++
	}
	head := text[:cut]
	if sp := strings.LastIndexByte(head, ' '); sp > len(head)*4/5 {
		head = head[:sp]
	}
	return strings.TrimRight(head, " ") + "…"
}
