package domain

import (
	"fmt"
	"slices"
)

// Problems lists what is wrong inside one study record: the rules every study meets
// before it is stored, bundled or imported.
func (st *Study) Problems() []string {
	var out []string
	add := func(format string, a ...any) { out = append(out, fmt.Sprintf(format, a...)) }
	if st.ID == "" || st.Label == "" || st.Summary == "" {
		add("id, label and summary are required")
	}
	if !slices.Contains(Designs, st.Design) {
		add("design %q is not one of %s", st.Design, Join(Designs))
	}
	if !slices.Contains(Extractions, st.Extraction) {
		add("extraction %q is not one of %s", st.Extraction, Join(Extractions))
	}
	if len(st.Sources) == 0 {
		add("at least one source is required")
	}
	source := func(where, id, locator string) {
		if st.SourceByID(id) == nil {
			add("%s: source %q is not in sources", where, id)
		}
		if locator == "" {
			add("%s: locator is required", where)
		}
	}
	for _, a := range st.Arms {
		if !slices.Contains(Molecules, a.Molecule) {
			add("arm %q: molecule %q is not one of %s", a.ID, a.Molecule, Join(Molecules))
		}
		if !slices.Contains(Roles, a.Role) {
			add("arm %q: role %q is not one of %s", a.ID, a.Role, Join(Roles))
		}
		source("arm "+a.ID, a.Source, a.Locator)
	}
	for _, o := range st.Outcomes {
		where := "outcome " + o.ID
		if !slices.Contains(Kinds, o.Kind) {
			add("%s: kind %q is not one of %s", where, o.Kind, Join(Kinds))
		}
		for _, arm := range []string{o.Arm, o.Versus} {
			if arm != "" && st.ArmByID(arm) == nil {
				add("%s: arm %q is not in arms", where, arm)
			}
		}
		switch {
		case o.IsContrast() && o.Arm == "":
			add("%s: a contrast (with versus) needs the arm it compares, in arm", where)
		case o.IsContrast() && !slices.Contains(Directions, o.Direction):
			add("%s: a contrast needs a direction, one of %s", where, Join(Directions))
		case o.IsContrast() && !slices.Contains(Betters, o.Better):
			add("%s: a contrast needs better, one of %s", where, Join(Betters))
		case o.Better != "" && !slices.Contains(Betters, o.Better):
			add("%s: better %q is not one of %s", where, o.Better, Join(Betters))
		}
		if o.Value == nil && o.ValueText == "" && o.RangeLow == nil {
			add("%s: needs a value, a value_text or a range", where)
		}
		if (o.CILow == nil) != (o.CIHigh == nil) {
			add("%s: a confidence interval needs both ends", where)
		} else if o.CILow != nil && o.CILow.Float() > o.CIHigh.Float() {
			add("%s: ci_low is above ci_high", where)
		}
		if (o.RangeLow == nil) != (o.RangeHigh == nil) {
			add("%s: a range needs both ends", where)
		} else if o.RangeLow != nil && o.RangeLow.Float() > o.RangeHigh.Float() {
			add("%s: range_low is above range_high", where)
		}
		source(where, o.Source, o.Locator)
	}
	for i, f := range st.Findings {
		where := fmt.Sprintf("finding %d", i+1)
		if !slices.Contains(Topics, f.Topic) {
			add("%s: topic %q is not one of %s", where, f.Topic, Join(Topics))
		}
		if f.Arm != "" && st.ArmByID(f.Arm) == nil {
			add("%s: arm %q is not in arms", where, f.Arm)
		}
		source(where, f.Source, f.Locator)
	}
	for i, d := range st.Discrepancies {
		if d.Outcome != "" && st.OutcomeByID(d.Outcome) == nil {
			add("discrepancy %d: outcome %q is not in outcomes", i+1, d.Outcome)
		}
		if d.SecondaryClaim == "" || d.PrimaryClaim == "" || d.SecondarySource == "" {
			add("discrepancy %d: needs secondary_source, secondary_claim and primary_claim", i+1)
		}
	}
	return out
}
