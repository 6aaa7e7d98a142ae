package csvimport

import (
	"fmt"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/safecsv"
	"strconv"
)

// WriteTemplate writes the header and, as its example, one row of each record type taken
// from a real study (so the example carries real numbers with their sources, and importing
// the template unchanged is refused as a duplicate, not added twice).
func WriteTemplate(w io.Writer, example domain.Study) error {
	if len(example.Sources) == 0 || len(example.Arms) == 0 || len(example.Outcomes) == 0 {
		return fmt.Errorf("study %q cannot be the template's example: it needs a source, an arm and an outcome", example.ID)
	}
	o := example.Outcomes[0]
	a := example.Arms[0]
	if o.Arm != "" {
		a = *example.ArmByID(o.Arm)
	}
	rows := []map[string]string{
		{
			"record": RecordStudy, "study_id": example.ID, "indication": example.Indication, "label": example.Label,
			"title": example.Title, "authors": example.Authors, "journal": example.Journal, "year": itoa(example.Year),
			"doi": example.DOI, "pmid": example.PMID, "design": example.Design, "n": itoa(example.N),
			"population": example.Population, "extraction": example.Extraction, "summary": example.Summary,
			"source": example.Sources[0].Where,
		},
		{
			"record": RecordArm, "study_id": example.ID, "arm_id": a.ID, "arm_label": a.Label, "molecule": string(a.Molecule),
			"role": string(a.Role), "route": string(a.Route), "dose": a.Dose, "schedule": a.Schedule, "n": itoa(a.N), "locator": a.Locator,
		},
		{
			"record": RecordOutcome, "study_id": example.ID, "outcome_id": o.ID, "measure": o.Measure,
			"timepoint": o.Timepoint, "arm": o.Arm, "versus": o.Versus, "kind": string(o.Kind), "better": string(o.Better), "direction": string(o.Direction), "value": num(o.Value),
			"unit": o.Unit, "ci_low": num(o.CILow), "ci_high": num(o.CIHigh), "p": o.P, "locator": o.Locator, "note": o.Note,
		},
	}
	cw := safecsv.NewWriter(w)
	cw.Write(Columns)
	for _, r := range rows {
		rec := make([]string, len(Columns))
		for i, c := range Columns {
			rec[i] = r[c]
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

func itoa(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

func num(n *domain.Num) string {
	if n == nil {
		return ""
	}
	return n.String()
}
