// Package domain holds the evidence as the app understands it: indications, studies,
// arms, outcomes and their sources; numbers as printed and their formatting; citations;
// summary cards; filters; the rules a study meets; and errors with codes. It imports
// nothing but the standard library, so every other package can depend on it.
package domain

import "time"

// Indication is one clinical question the app has a page for.
type Indication struct {
	Key            string `json:"key"`
	Name           string `json:"name"`
	Order          int    `json:"order"`
	Headline       string `json:"headline"`
	EvidenceGap    string `json:"evidence_gap,omitempty"`
	SeedParagraphs string `json:"seed_paragraphs,omitempty"`
	StudyCount     int    `json:"study_count"`
}

// Study is one publication (trial, cohort, review) with everything extracted from it.
// Empty strings and nil pointers mean "not found in the sources read": unknown, never zero.
type Study struct {
	ID            string        `json:"id"`
	Indication    string        `json:"indication"`
	Label         string        `json:"label"`
	Title         string        `json:"title,omitempty"`
	Authors       string        `json:"authors,omitempty"`
	Journal       string        `json:"journal,omitempty"`
	Year          *int          `json:"year"`
	Published     string        `json:"published,omitempty"`
	Volume        string        `json:"volume,omitempty"`
	DOI           string        `json:"doi,omitempty"`
	PMID          string        `json:"pmid,omitempty"`
	PMC           string        `json:"pmc,omitempty"`
	NCT           string        `json:"nct,omitempty"`
	OtherID       string        `json:"other_id,omitempty"`
	Design        string        `json:"design"`
	DesignDetail  string        `json:"design_detail,omitempty"`
	N             *int          `json:"n"`
	NNote         string        `json:"n_note,omitempty"`
	Population    string        `json:"population,omitempty"`
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
}

// Source is one document a value was read in (abstract, press release, registry entry).
type Source struct {
	ID    string `json:"id"`
	Kind  string `json:"kind"`
	Where string `json:"where"`
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

// Discrepancy is a claim of a secondary summary that the primary source does not support,
// kept with both values so a user can see the disagreement.
type Discrepancy struct {
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

// Name is the study's label as every view and export shows it: an imported study is
// marked, so it is never passed off as bundled evidence.
func (s *Study) Name() string {
	if s.UserAdded {
		return s.Label + " [" + UserAddedMark + "]"
	}
	return s.Label
}

// DisputedMark flags, beside a number, that the seed summary reports it differently.
const DisputedMark = "[seed summary disagrees]"

// Heading names a disagreement: "The seed summary disagrees: response rate".
func (d Discrepancy) Heading() string { return "The seed summary disagrees: " + d.Topic }

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
		"; the primary source says " + d.PrimaryClaim + val(d.PrimaryValue)
}
