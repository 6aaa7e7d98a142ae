// Package domain holds the evidence as the app understands it: indications, studies,
// arms, outcomes and their sources; numbers as printed and their formatting; citations;
// summary cards; filters; the rules a study meets; and errors with codes. It imports
// nothing but the standard library, so every other package can depend on it.
package domain

import (
	"math"
	"slices"
	"strings"
	"time"
)

// Indication is one clinical question the app has a page for.
type Indication struct {
	Key            string `json:"key"`
	Name           string `json:"name"`
	Order          int    `json:"order"`
	Headline       string `json:"headline"`
	EvidenceGap    string `json:"evidence_gap,omitempty"`
	SeedParagraphs string `json:"seed_paragraphs,omitempty"`
	StudyCount     int    `json:"study_count"`
	// Matching is how many studies pass the filter the evidence was read under, when it
	// was read filtered and capped (0 otherwise: every study read passes).
	Matching int `json:"matching,omitempty"`
}

// Study is one publication (trial, cohort, review) with everything extracted from it.
// Empty strings and nil pointers mean "not found in the sources read": unknown, never zero.
type Study struct {
	ID         string `json:"id"`
	Indication string `json:"indication"`
	// Also are other indications the record belongs to (a label's facts apply to each of its
	// uses): one record, shown on each of their pages.
	Also         []string `json:"also_indications,omitempty"`
	Label        string   `json:"label"`
	Title        string   `json:"title,omitempty"`
	Authors      string   `json:"authors,omitempty"`
	Journal      string   `json:"journal,omitempty"`
	Year         *int     `json:"year"`
	Published    string   `json:"published,omitempty"`
	Volume       string   `json:"volume,omitempty"`
	DOI          string   `json:"doi,omitempty"`
	PMID         string   `json:"pmid,omitempty"`
	PMC          string   `json:"pmc,omitempty"`
	NCT          string   `json:"nct,omitempty"`
	OtherID      string   `json:"other_id,omitempty"`
	Design       string   `json:"design"`
	DesignDetail string   `json:"design_detail,omitempty"`
	N            *int     `json:"n"`
	NNote        string   `json:"n_note,omitempty"`
	Population   string   `json:"population,omitempty"`
	// Scope names, in a few words, a population narrower or wider than the indication
	// ("unipolar MDD", "age 65 or older", "cancer pain"), shown on every line of the study.
	Scope         string        `json:"scope,omitempty"`
	Setting       string        `json:"setting,omitempty"`
	Period        string        `json:"period,omitempty"`
	Extraction    string        `json:"extraction"`
	Certainty     string        `json:"certainty,omitempty"`
	Summary       string        `json:"summary"`
	Sources       []Source      `json:"sources"`
	Arms          []Arm         `json:"arms"`
	Outcomes      []Outcome     `json:"outcomes"`
	Findings      []Finding     `json:"findings"`
	Unknowns      []string      `json:"unknowns"`
	Discrepancies []Discrepancy `json:"discrepancies"`
	// UserAdded marks a study the user imported, shown apart from the bundled evidence.
	UserAdded bool `json:"user_added,omitempty"`
	// New marks a study added in the dataset's current version.
	New bool `json:"new_in_this_version,omitempty"`
}

// Source is one document a value was read in (abstract, press release, registry entry).
type Source struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Where string `json:"where"`
	// Version is the year of the version of a text that changes (a label), shown on every
	// line read in it.
	Version string `json:"version,omitempty"`
}

// Arm is one group of a study: a molecule or comparator, with route and dose as reported.
type Arm struct {
	ID       string   `json:"id"`
	Label    string   `json:"label"`
	Molecule Molecule `json:"molecule"`
	Role     Role     `json:"role"`
	Route    Route    `json:"route,omitempty"`
	Dose     string   `json:"dose,omitempty"`
	Schedule string   `json:"schedule,omitempty"`
	N        *int     `json:"n"`
	NNote    string   `json:"n_note,omitempty"`
	Source   string   `json:"source"`
	Locator  string   `json:"locator"`
}

// Outcome is one reported number: an arm's value, or a contrast between two arms.
type Outcome struct {
	ID        string `json:"id"`
	Measure   string `json:"measure"`
	Timepoint string `json:"timepoint,omitempty"`
	TimeOrder *Num   `json:"time_order"`
	Arm       string `json:"arm,omitempty"`
	Versus    string `json:"versus,omitempty"`
	Kind      Kind   `json:"kind"`
	Value     *Num   `json:"value"`
	ValueText string `json:"value_text,omitempty"`
	RangeLow  *Num   `json:"range_low"`
	RangeHigh *Num   `json:"range_high"`
	Unit      string `json:"unit,omitempty"`
	CILow     *Num   `json:"ci_low"`
	CIHigh    *Num   `json:"ci_high"`
	SE        *Num   `json:"se"`
	P         string `json:"p,omitempty"`
	Events    *int   `json:"events"`
	Certainty string `json:"certainty,omitempty"`
	Key       bool   `json:"key"`
	Safety    bool   `json:"safety"`
	Source    string `json:"source"`
	Locator   string `json:"locator"`
	Note      string `json:"note,omitempty"`
	// Better says which way of the measure is good ("lower" or "higher"); for a contrast
	// it decides which arm each side of the axis favours.
	Better Better `json:"better,omitempty"`
	// Direction says whether the source states that a contrast is Arm minus (or over)
	// Versus; one not stated is never drawn on a signed axis.
	Direction Direction `json:"direction,omitempty"`
	// Primary marks the pre-specified primary comparison of a study with several (dose
	// arms against one control): the one that is pooled.
	Primary bool `json:"primary,omitempty"`
	// Published marks a pooled figure a source published (a sponsor's patient-level pooling),
	// kept to compare the app's own pooling with, never pooled itself.
	Published bool `json:"published_pool,omitempty"`
}

// Finding is a reported fact in words (onset, duration, safety, other), with its source.
// TimeFrom and TimeTo place it on the study's time axis (e.g. session numbers) when known.
type Finding struct {
	Topic    string `json:"topic"`
	Text     string `json:"text"`
	Arm      string `json:"arm,omitempty"`
	TimeFrom *Num   `json:"time_from"`
	TimeTo   *Num   `json:"time_to"`
	TimeUnit string `json:"time_unit,omitempty"`
	Source   string `json:"source"`
	Locator  string `json:"locator"`
}

// Discrepancy is a claim of a secondary summary that the primary source does not support
// (or, InSource, one part of a paper that disagrees with another), kept with both values so
// a user can see the disagreement.
type Discrepancy struct {
	InSource        bool   `json:"in_source,omitempty"`
	Topic           string `json:"topic"`
	SecondarySource string `json:"secondary_source"`
	SecondaryClaim  string `json:"secondary_claim"`
	SecondaryValue  *Num   `json:"secondary_value"`
	PrimaryClaim    string `json:"primary_claim"`
	PrimaryValue    *Num   `json:"primary_value"`
	Outcome         string `json:"outcome,omitempty"`
}

// IndicationEvidence is everything the app shows for one indication.
type IndicationEvidence struct {
	Indication Indication `json:"indication"`
	Studies    []Study    `json:"studies"`
}

// StudyByID returns the indication's study with that id, or nil.
func (ev IndicationEvidence) StudyByID(id string) *Study {
	for i := range ev.Studies {
		if ev.Studies[i].ID == id {
			return &ev.Studies[i]
		}
	}
	return nil
}

// Study lookups used by cards, charts and the source view.

// ArmByID returns the study's arm with that id, or nil.
func (s *Study) ArmByID(id string) *Arm {
	for i := range s.Arms {
		if s.Arms[i].ID == id {
			return &s.Arms[i]
		}
	}
	return nil
}

// SourceByID returns the study's source with that id, or nil.
func (s *Study) SourceByID(id string) *Source {
	for i := range s.Sources {
		if s.Sources[i].ID == id {
			return &s.Sources[i]
		}
	}
	return nil
}

// OutcomeByID returns the study's outcome with that id, or nil.
func (s *Study) OutcomeByID(id string) *Outcome {
	for i := range s.Outcomes {
		if s.Outcomes[i].ID == id {
			return &s.Outcomes[i]
		}
	}
	return nil
}

// Only is the study as one of its outcomes needs it (to be described, cited and traced to
// its source): its details and arms, that outcome, its source and what disputes it. A pool
// keeps this of each estimate, not every outcome and finding of every study it read.
func (s *Study) Only(o Outcome) Study {
	st := *s
	st.Outcomes = []Outcome{o}
	st.Sources, st.Findings, st.Unknowns = nil, nil, nil
	if src := s.SourceByID(o.Source); src != nil {
		st.Sources = []Source{*src}
	}
	st.Discrepancies = s.DiscrepanciesFor(o.ID)
	st.Arms = slices.Clone(s.Arms)
	return st
}

// DiscrepanciesFor returns the discrepancies attached to one outcome.
func (s *Study) DiscrepanciesFor(outcomeID string) []Discrepancy {
	var out []Discrepancy
	for _, d := range s.Discrepancies {
		if d.Outcome == outcomeID {
			out = append(out, d)
		}
	}
	return out
}

// Import is one CSV file's studies as they were added.
type Import struct {
	ID      int64
	File    string
	At      time.Time
	Studies []string // labels
}

// UserAddedMark is the word that marks a study a user imported.
const UserAddedMark = "user-added"

// LineLabel names the study on a line of its own evidence: its Name and, where its population
// is narrower or wider than the indication's, that population, and whether its numbers are
// secondary ("Cochrane 2021 (unipolar MDD; secondary source)"), so no line reads as saying
// more than the study found.
func (s *Study) LineLabel() string {
	var about []string
	if s.Scope != "" {
		about = append(about, s.Scope)
	}
	if s.Secondary() {
		about = append(about, "secondary source")
	}
	if len(about) == 0 {
		return s.Name()
	}
	return s.Name() + " (" + strings.Join(about, "; ") + ")"
}

// Secondary says whether the study's numbers were read in a secondary page or a review
// table rather than its own report.
func (s *Study) Secondary() bool {
	return s.Extraction == "secondary" || s.Extraction == "secondary page"
}

// Name is the arm's label as views and exports show it, cut to LabelLimit.
func (a *Arm) Name() string { return Clip(a.Label, LabelLimit) }

// Name is the study's label as every view and export shows it, cut to LabelLimit: an
// imported study is marked, so it is never passed off as bundled evidence.
func (s *Study) Name() string {
	name := Clip(s.Label, LabelLimit)
	if s.UserAdded {
		return name + " [" + UserAddedMark + "]"
	}
	return name
}

// DisputedMark flags, beside a number, that the seed summary reports it differently.
const DisputedMark = "[seed summary disagrees]"

// RoundedMark flags, beside a number, that the seed summary gives it rounded otherwise.
const RoundedMark = "[seed summary rounds it differently]"

// InSourceMark flags, beside a number, that the source itself gives two values.
const InSourceMark = "[the source disagrees with itself]"

// SourcesMark flags, beside a number, that two sources other than the seed summary give
// it differently.
const SourcesMark = "[sources disagree]"

// FromSeed says whether the other side of a disagreement is the seed summary.
func (d Discrepancy) FromSeed() bool {
	return !d.InSource && strings.HasPrefix(d.SecondarySource, "seed summary")
}

// Rounding says the two values differ by less than one unit of the last digit the less
// precise of them gives (39.5 against 39.55): a rounding, not a disagreement about what
// was found.
func (d Discrepancy) Rounding() bool {
	if d.SecondaryValue == nil || d.PrimaryValue == nil {
		return false
	}
	unit := math.Pow(10, -float64(min(d.SecondaryValue.Decimals(), d.PrimaryValue.Decimals())))
	return math.Abs(d.SecondaryValue.Float()-d.PrimaryValue.Float()) < unit
}

// Mark is the flag a disputed number carries.
func (d Discrepancy) Mark() string {
	switch {
	case d.InSource:
		return InSourceMark
	case d.FromSeed() && d.Rounding():
		return RoundedMark
	case d.FromSeed():
		return DisputedMark
	}
	return SourcesMark
}

// Heading names a disagreement: "The seed summary disagrees: response rate".
func (d Discrepancy) Heading() string {
	switch {
	case d.InSource:
		return "The source disagrees with itself: " + d.Topic
	case d.FromSeed() && d.Rounding():
		return "The seed summary rounds it differently: " + d.Topic
	case d.FromSeed():
		return "The seed summary disagrees: " + d.Topic
	}
	return "Sources disagree: " + d.Topic
}

// SeedSummary says what the seed summary is, wherever a disagreement with it is shown.
const SeedSummary = "The seed summary is the plain-language summary this project began from: a secondary source, checked against the papers. Where it differs from a paper, the paper's value is shown and both are given."

// Sentence gives both sides of a disagreement with their values, in one place for every
// medium: "seed summary, paragraph 2 says … (49.8); the primary source says … (49.22)".
func (d Discrepancy) Sentence() string {
	val := func(v *Num) string {
		if v == nil {
			return ""
		}
		return " (" + v.String() + ")"
	}
	return d.SecondarySource + " says " + d.SecondaryClaim + val(d.SecondaryValue) +
		"; " + strings.ToLower(d.PrimaryWho()[:1]) + d.PrimaryWho()[1:] + " says " + d.PrimaryClaim + val(d.PrimaryValue)
}

// PrimaryWho names the side of a disagreement the record keeps.
func (d Discrepancy) PrimaryWho() string {
	switch {
	case d.InSource:
		return "Elsewhere the same source"
	case d.FromSeed():
		return "The primary source"
	}
	return "The other source"
}

// ChangeKind says what a change log entry records.
type ChangeKind string

// Kinds of change.
const (
	Added     ChangeKind = "added"
	Corrected ChangeKind = "corrected"
)

// Change is one entry of the dataset's change log: a study added, or a value corrected
// (old value, new value, and why), in a dataset version.
type Change struct {
	Version string     `json:"version"`
	Date    string     `json:"date"`
	Kind    ChangeKind `json:"kind"`
	StudyID string     `json:"study_id"`
	Study   string     `json:"study,omitempty"` // its label, as the database gives it
	What    string     `json:"what"`
	Old     string     `json:"old,omitempty"`
	New     string     `json:"new,omitempty"`
	Reason  string     `json:"reason,omitempty"`
}

// Line is the change in one sentence: "TRANSFORM-2 (Popova 2019), NCT: not found →
// NCT02418585 (read at a registry results page copy)".
func (c Change) Line() string {
	if c.Kind == Added {
		return "Added: " + c.Study
	}
	line := c.Study + ", " + c.What + ": " + c.Old + " → " + c.New
	if c.Reason != "" {
		line += " (" + c.Reason + ")"
	}
	return line
}
