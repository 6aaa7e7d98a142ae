package cli

import (
	"fmt"
	"text/tabwriter"

	"ketamine-explorer/domain"
	"ketamine-explorer/slides"
)

// cmdSlides lists an indication's slides by ID: its default talk (what presenting it
// shows), or with --all every slide it has.
func cmdSlides(inv invocation, args []string) error {
	fs, dbs := flags("slides", "slides INDICATION [--all] [--format text|json] [--db FILE]", inv.stderr)
	all := fs.Bool("all", false, "every slide of the indication, not only its default talk")
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	pos, svc, err := openWith(fs, dbs, args, 1, "slides needs one indication, e.g. `slides trd`")
	if err != nil {
		return err
	}
	defer svc.Close()
	ev, err := svc.Evidence(pos[0], domain.Filter{}, -1)
	if err != nil {
		return err
	}
	ss := slides.Talk(ev, svc.Provenance())
	if *all {
		ss = slides.Build(ev, svc.Provenance(), slides.Sections)
	}
	type row struct {
		ID      string   `json:"id"`
		Kind    string   `json:"kind"`
		Title   string   `json:"title"`
		Sources []string `json:"sources"`
		Footer  string   `json:"footer"`
	}
	rows := make([]row, len(ss))
	for i, s := range ss {
		title := s.Title
		if s.Figure != nil {
			title = s.Figure.Title // a chart slide's own title is the indication's
		}
		rows[i] = row{s.ID, s.Kind, title, s.Sources, s.Footer()}
	}
	if format.value == "json" {
		return writeJSON(inv.stdout, rows)
	}
	if w := svc.Provenance().Warning(); w != "" {
		fmt.Fprintln(inv.stdout, w)
	}
	tw := tabwriter.NewWriter(inv.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tKIND\tTITLE")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", r.ID, r.Kind, r.Title)
	}
	return tw.Flush()
}
