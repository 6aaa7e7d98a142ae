package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"

	"ketamine-explorer/domain"
	"ketamine-explorer/export"
	"ketamine-explorer/spool"
	"ketamine-explorer/synthesis"
)

// showPage is how many studies show reads and writes at a time: its first study is out
// after one page's read, and it holds one page of output, however large the indication.
const showPage = 200

func cmdShow(inv invocation, args []string) error {
	fs, dbs := flags("show", "show INDICATION [--format text|json|csv] [--db FILE]", inv.stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json", "csv")
	pos, svc, err := openWith(fs, dbs, args, 1, "show needs one indication, e.g. `show trd`")
	if err != nil {
		return err
	}
	defer svc.Close()
	ind, pages, err := svc.Pages(pos[0], domain.Filter{}, showPage)
	if err != nil {
		return err
	}
	var out shower = &textShow{w: inv.stdout}
	switch format.value {
	case "json":
		out = &jsonShow{w: inv.stdout, array: jsonArray{indent: "  "}}
	case "csv":
		out = &csvShow{w: inv.stdout}
	}
	if err := out.head(ind, svc.Provenance()); err != nil {
		return err
	}
	// the cards and pooled estimates are over every study: they close the output, their
	// lines kept on disk as the pages pass, so no page is held after it is written (with
	// no temporary folder to write in, they are kept in memory)
	lines := domain.MemoryLines
	if sp, err := spool.New(); err == nil {
		defer sp.Close()
		lines = sp.Lines
	}
	sum := synthesis.NewBuilder(ind, lines)
	defer sum.Close()
	for page, err := range pages {
		if err != nil {
			return err
		}
		if err := out.studies(page); err != nil {
			return err
		}
		sum.Add(page...)
	}
	return out.tail(sum)
}

// shower writes what show prints, in one format, as it is read: the indication, its
// studies a page at a time, then what is computed over all of them.
type shower interface {
	head(ind domain.Indication, prov domain.Provenance) error
	studies(page []domain.Study) error
	tail(sum *synthesis.Builder) error
}

// textShow is show's text: the studies with every outcome and its source, then the cards,
// last so that they are what a terminal shows when it is done.
type textShow struct {
	w       io.Writer
	written int // studies so far
}

func (t *textShow) head(ind domain.Indication, prov domain.Provenance) error {
	var b bytes.Buffer
	if w := prov.Warning(); w != "" {
		fmt.Fprintf(&b, "%s\n", w) // first, where a reader looks
	}
	fmt.Fprintf(&b, "%s (%s), dataset %s\n\n", ind.Name, ind.Key, prov.Label())
	if gap := ind.EvidenceGap; gap != "" {
		fmt.Fprintf(&b, "EVIDENCE GAP: %s\n\n", gap)
	}
	fmt.Fprintf(&b, "%d studies; the summary cards follow them.\n\n== Studies and every outcome, with its source\n", ind.StudyCount)
	_, err := t.w.Write(b.Bytes())
	return err
}

func (t *textShow) tail(sum *synthesis.Builder) error {
	cards, err := sum.Cards()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(t.w)
	fmt.Fprintf(w, "\nSummary cards, over the %d studies above:\n", t.written)
	for _, c := range cards {
		fmt.Fprintf(w, "\n== %s\n", c.Title)
		for it, err := range c.All() {
			if err != nil {
				return err
			}
			flag := ""
			if it.Disputed {
				flag = " " + it.Mark
			}
			fmt.Fprintf(w, "  - %s%s\n", it.Line(), flag)
		}
	}
	return w.Flush()
}

func (t *textShow) studies(page []domain.Study) error {
	var b bytes.Buffer
	for _, st := range page {
		fmt.Fprintf(&b, "\n%s\n  %s\n", st.Name(), st.Citation())
		if ids := st.Identifiers(); len(ids) > 0 {
			fmt.Fprintf(&b, "  %s\n", strings.Join(ids, "; "))
		}
		fmt.Fprintf(&b, "  %s; %s; extraction: %s\n", st.Design, st.SizeText(), st.Extraction)
		for _, o := range st.Outcomes {
			read := "source not found in the database"
			if src := st.SourceByID(o.Source); src != nil {
				read = src.Kind + " (" + src.Where + ")"
			}
			fmt.Fprintf(&b, "  * %s\n      source: %s, %s\n", st.Describe(o), read, o.Locator)
			if o.IsContrast() {
				fmt.Fprintf(&b, "      contrast: %s\n", st.Contrast(o))
			}
			for _, d := range st.DiscrepanciesFor(o.ID) {
				fmt.Fprintf(&b, "      DISAGREES: %s\n", d.Sentence())
			}
		}
	}
	t.written += len(page)
	_, err := t.w.Write(b.Bytes())
	return err
}

// jsonShow is show's JSON: one object, its studies array written a page at a time.
type jsonShow struct {
	w     io.Writer
	array jsonArray // the studies
}

func (j *jsonShow) tail(sum *synthesis.Builder) error {
	cards, err := sum.Cards()
	if err != nil {
		return err
	}
	w := bufio.NewWriter(j.w)
	var b bytes.Buffer
	j.array.end(&b)
	b.WriteString(",\n")
	w.Write(b.Bytes())
	if err := cardsField(w, cards); err != nil {
		return err
	}
	b.Reset()
	if err := field(&b, "pooled_by_this_app", sum.Summaries(), true); err != nil {
		return err
	}
	b.WriteString("\n}\n")
	w.Write(b.Bytes())
	return w.Flush()
}

func (j *jsonShow) head(ind domain.Indication, prov domain.Provenance) error {
	b := bytes.NewBufferString("{\n")
	if err := field(b, "dataset_version", prov.Version, false); err != nil {
		return err
	}
	if err := field(b, "provenance", prov, false); err != nil {
		return err
	}
	if err := field(b, "indication", ind, false); err != nil {
		return err
	}
	b.WriteString(`  "studies": `)
	_, err := j.w.Write(b.Bytes())
	return err
}

func (j *jsonShow) studies(page []domain.Study) error {
	var b bytes.Buffer
	if err := appendJSON(&j.array, &b, page); err != nil {
		return err
	}
	_, err := j.w.Write(b.Bytes())
	return err
}

// csvShow is show's CSV: export's rows, the pooled estimates last.
type csvShow struct {
	w io.Writer
	c *export.CSV
}

func (c *csvShow) studies(page []domain.Study) error { return c.c.Studies(page) }

func (c *csvShow) head(ind domain.Indication, _ domain.Provenance) (err error) {
	c.c, err = export.NewCSV(c.w, ind.Key)
	return err
}

func (c *csvShow) tail(sum *synthesis.Builder) error { return c.c.Pooled(sum.Summaries()) }
