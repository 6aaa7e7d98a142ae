package export

import (
	"bytes"
	"fmt"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/safecsv"
	"ketamine-explorer/synthesis"
	"strconv"
	"strings"
)

// CSVHeader names the columns of WriteCSV: one row per outcome, with its source.
var CSVHeader = []string{"indication", "study_id", "study", "citation", "doi", "pmid", "pmc", "nct",
	"design", "extraction", "measure", "timepoint", "arm", "versus", "kind", "value", "value_text",
	"range_low", "range_high", "unit", "ci_low", "ci_high", "se", "p", "events", "certainty",
	"source", "locator", "note", "secondary_source", "secondary_claim", "secondary_value", "better", "direction"}

// direction says which arm a contrast is taken from, as the JSON's fields do: "arm minus
// versus" (or "over", for a ratio) when the source states it, "not stated" when it does
// not; an arm's own number has none.
func direction(kind domain.Kind, stated bool) string {
	if !stated {
		return string(domain.DirectionNotStated)
	}
	if domain.IsRatio(kind) {
		return "arm over versus"
	}
	return "arm minus versus"
}

// WriteCSV writes every outcome of the indication with its source; a number a secondary
// summary disputes carries the summary's claim and value beside it.
func WriteCSV(w io.Writer, ev domain.IndicationEvidence) error {
	c, err := NewCSV(w, ev.Indication.Key)
	if err == nil {
		err = c.Studies(ev.Studies)
	}
	if err == nil {
		err = c.Pooled(synthesis.Summaries(ev))
	}
	return err
}

// CSV writes WriteCSV's rows a page of studies at a time, for output that streams: each
// call is one write of whole rows.
type CSV struct {
	w          io.Writer
	buf        bytes.Buffer
	cw         *safecsv.Writer // into buf
	indication string
}

// NewCSV writes the header row.
func NewCSV(w io.Writer, indication string) (*CSV, error) {
	c := &CSV{w: w, indication: indication}
	c.cw = safecsv.NewWriter(&c.buf)
	c.cw.Write(CSVHeader)
	return c, c.flush()
}

// flush writes the rows made so far.
func (c *CSV) flush() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	_, err := c.w.Write(c.buf.Bytes())
	c.buf.Reset()
	return err
}

// Studies writes the rows of every outcome of studies.
func (c *CSV) Studies(studies []domain.Study) error {
	cw := c.cw
	numText := func(n *domain.Num) string {
		if n == nil {
			return ""
		}
		return n.String()
	}
	for _, st := range studies {
		for _, o := range st.Outcomes {
			arm, versus := "", ""
			if a := st.ArmByID(o.Arm); a != nil {
				arm = a.Label
			}
			if a := st.ArmByID(o.Versus); a != nil {
				versus = a.Label
			}
			events := ""
			if o.Events != nil {
				events = strconv.Itoa(*o.Events)
			}
			var secSource, secClaim, secValue []string
			for _, d := range st.DiscrepanciesFor(o.ID) {
				secSource = append(secSource, d.SecondarySource)
				secClaim = append(secClaim, d.SecondaryClaim)
				secValue = append(secValue, numText(d.SecondaryValue))
			}
			src := ""
			if s := st.SourceByID(o.Source); s != nil {
				src = s.Kind + ": " + s.Where
			}
			rec := []string{c.indication, st.ID, st.Name(), st.Citation(), st.DOI, st.PMID, st.PMC, st.NCT,
				st.Design, st.Extraction, o.Measure, o.Timepoint, arm, versus, string(o.Kind), numText(o.Value), o.ValueText,
				numText(o.RangeLow), numText(o.RangeHigh), o.Unit, numText(o.CILow), numText(o.CIHigh), numText(o.SE),
				o.P, events, o.Certainty, src, o.Locator, o.Note,
				strings.Join(secSource, "; "), strings.Join(secClaim, "; "), strings.Join(secValue, "; "), string(o.Better), ""}
			if o.IsContrast() {
				rec[len(rec)-1] = direction(o.Kind, o.Direction == domain.DirectionStated)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
	}
	return c.flush()
}

// Pooled writes a row for each estimate this app pooled from ev, saying so and how: its
// numbers to the two decimals the app shows them with (its own arithmetic's last digits
// are no finding), its direction that of the app's computation.
func (c *CSV) Pooled(pools []synthesis.Summary) error {
	cw := c.cw
	for _, p := range pools {
		f := synthesis.Num
		rec := make([]string, len(CSVHeader))
		for i, col := range CSVHeader {
			rec[i] = map[string]string{"indication": c.indication, "study_id": p.ID, "study": "pooled by this app: " + strings.Join(p.Studies, ", "),
				"design": "pooled estimate", "extraction": synthesis.Computed, "measure": p.Measure, "timepoint": p.Timepoint,
				"arm": p.Group, "versus": p.Comparator, "kind": p.Kind, "value": f(p.Estimate), "unit": p.Unit, "ci_low": f(p.CILow),
				"ci_high": f(p.CIHigh), "source": "computed by this app (method in note)",
				"locator": "from the pooled studies' own rows in this file: " + strings.Join(p.Studies, "; "), "note": fmt.Sprintf("%s k=%d; 95%% prediction interval %s to %s; tau2 %s; I2 %s%%; Q %s, p %s",
					p.Method, p.K, f(p.PILow), f(p.PIHigh), f(p.Tau2), f(p.I2), f(p.Q), f(p.QP)),
				"better": p.Better, "direction": direction(domain.Kind(p.Kind), true) + " (computed)"}[col]
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return c.flush()
}

// Markdown writes the indication's summary cards with numbered references.
func Markdown(w io.Writer, ev domain.IndicationEvidence, dataset string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\nKetamine Evidence Explorer, dataset %s. Every item names its study; the references give citation, identifiers and where each record was read.\n\n", ev.Indication.Name, dataset)
	if gap := ev.Indication.EvidenceGap; gap != "" {
		fmt.Fprintf(&b, "> **Evidence gap.** %s\n\n", gap)
	}
	ref := map[string]int{}
	for i, st := range ev.Studies {
		ref[st.ID] = i + 1
	}
	for _, c := range synthesis.Cards(ev) {
		fmt.Fprintf(&b, "## %s\n\n", c.Title)
		for _, it := range c.Items {
			line := it.Text
			if it.Study != "" {
				line = "**" + it.Study + "**: " + it.Text
			}
			if it.Disputed {
				line = "**" + it.Mark + "** " + line
			}
			if n, ok := ref[it.StudyID]; ok {
				line += fmt.Sprintf(" [%d]", n)
			}
			fmt.Fprintf(&b, "- %s\n", line)
		}
		b.WriteString("\n")
	}
	b.WriteString("## References\n\n")
	for i, st := range ev.Studies {
		fmt.Fprintf(&b, "%d. %s", i+1, st.PlainCitation())
		if st.DOI != "" {
			fmt.Fprintf(&b, " %s", domain.DOIURL(st.DOI))
		}
		var where []string
		for _, s := range st.Sources {
			where = append(where, s.Kind+" ("+s.Where+")")
		}
		fmt.Fprintf(&b, " Extraction: %s; read in: %s.\n", st.Extraction, strings.Join(where, "; "))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
