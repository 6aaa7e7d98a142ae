package cli

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// cmdList is `list` (the indications with their study counts, or one indication's
// studies) and `studies` (every study's id, of all indications or of one).
func cmdList(inv invocation, name string, args []string) error {
	fs, dbs := flags(name, name+" [INDICATION] [--format text|json] [--db FILE]", inv.stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 1 {
		err = usagef("%s takes at most one indication, e.g. `%s trd`", name, name)
	}
	if err != nil {
		return err
	}
	svc, err := dbs.open(false)
	if err != nil {
		return err
	}
	defer svc.Close()
	if len(pos) == 1 {
		return listStudies(svc, pos, format.value, inv.stdout)
	}
	inds, err := svc.Indications()
	if err != nil {
		return err
	}
	if name == "studies" {
		var keys []string
		for _, ind := range inds {
			keys = append(keys, ind.Key)
		}
		return listStudies(svc, keys, format.value, inv.stdout)
	}
	if format.value == "json" {
		return writeJSON(inv.stdout, inds)
	}
	tw := tabwriter.NewWriter(inv.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tINDICATION\tSTUDIES")
	for _, ind := range inds {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", ind.Key, ind.Name, ind.StudyCount)
	}
	return tw.Flush()
}

// listStudies lists the studies of the indications keys with the ids that cite and
// --source take, reading a page at a time: JSON is written as it is read; text is aligned
// over every row, so it holds the rows (not the studies) until the end.
func listStudies(svc *evidence.Service, keys []string, format string, stdout io.Writer) error {
	type row struct {
		Indication string `json:"indication"`
		ID         string `json:"id"`
		Label      string `json:"label"`
		Design     string `json:"design"`
		N          *int   `json:"n"`
		UserAdded  bool   `json:"user_added,omitempty"`
	}
	var rows []row
	var array jsonArray
	write := func(page []row) error {
		if format != "json" {
			rows = append(rows, page...)
			return nil
		}
		var b bytes.Buffer
		if err := appendJSON(&array, &b, page); err != nil {
			return err
		}
		_, err := stdout.Write(b.Bytes())
		return err
	}
	for _, key := range keys {
		_, pages, err := svc.Pages(key, domain.Filter{}, showPage)
		if err != nil {
			return err
		}
		for page, err := range pages {
			if err != nil {
				return err
			}
			out := make([]row, 0, len(page))
			for _, st := range page {
				out = append(out, row{key, st.ID, st.Name(), st.Design, st.N, st.UserAdded})
			}
			if err := write(out); err != nil {
				return err
			}
		}
	}
	if format == "json" {
		var b bytes.Buffer
		array.end(&b)
		b.WriteString("\n")
		_, err := stdout.Write(b.Bytes())
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INDICATION\tID\tSTUDY\tDESIGN\tN")
	for _, r := range rows {
		n := "unknown"
		if r.N != nil {
			n = strconv.Itoa(*r.N)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Indication, r.ID, r.Label, r.Design, n)
	}
	return tw.Flush()
}
