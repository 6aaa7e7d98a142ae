package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"ketamine-explorer/evidence"
)

func cmdSearch(inv invocation, args []string) error {
	fs, dbs := flags("search", "search TEXT [--format text|json] [--limit N] [--db FILE]", inv.stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	limit := fs.Int("limit", 50, "at most `N` studies")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || strings.TrimSpace(strings.Join(pos, " ")) == "" {
		return usagef("%s", "search needs some text, e.g. `search midazolam`")
	}
	if *limit < 1 {
		return usagef("%s", "--limit must be at least 1")
	}
	svc, err := dbs.open(false)
	if err != nil {
		return err
	}
	defer svc.Close()
	hits, err := svc.Search(strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if format.value == "json" {
		if hits == nil {
			hits = []evidence.Hit{}
		}
		return writeJSON(inv.stdout, hits)
	}
	tw := tabwriter.NewWriter(inv.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INDICATION\tSTUDY\tID")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", h.Indication, h.Label, h.StudyID)
	}
	if len(hits) == 0 {
		fmt.Fprintln(tw, "(no study matches)")
	}
	return tw.Flush()
}
