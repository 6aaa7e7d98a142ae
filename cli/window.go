package cli

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"

	"ketamine-explorer/domain"
	"ketamine-explorer/ui"
)

func cmdWindow(inv invocation, args []string) error {
	fs, dbs := flags("", "[--db FILE] [--indication KEY] [--view summary|charts|studies]", inv.stderr)
	indication := fs.String("indication", "", "indication `KEY` to open on (trd, pain, si, neuro)")
	view := choiceFlag(fs, "view", "`TAB` to open on", ui.Views...)
	present := fs.Bool("present", false, "open in presenter mode (full screen; Esc leaves)")
	inWindow := fs.Bool("present-in-window", false, "presenter mode in the window, not full screen (to share one window in a call)")
	size := fs.String("size", "", "window size `WxH` in logical pixels (default 1400x900, less on a smaller screen)")
	compare := fs.Bool("compare", false, "open the compare window too")
	molecules := []string{""}
	for _, m := range domain.Molecules {
		if m != domain.ComparatorDrug {
			molecules = append(molecules, string(m))
		}
	}
	molecule := choiceFlag(fs, "molecule", "open filtered to studies with an arm of this `MOLECULE`", molecules...)
	minN := fs.Int("min-n", 0, "open filtered to studies of at least `N` participants")
	deckBuilder := fs.Bool("talk", false, "open View > Talk (the slides pinned, saved talks, export)")
	compact := fs.Bool("compact", false, "open with the header collapsed (toolbar, filters, search and headline hidden; Ctrl+H)")
	compareStudies := fs.String("compare-studies", "", "open the compare window on two studies, `ID,ID` (e.g. transform-1,transform-3)")
	slide := fs.Int("present-slide", 0, "present from the slide of this `NUMBER` (1 is the first)")
	chart := fs.String("present-chart", "", "present the chart with this `ID`, the start of its exported files' names (e.g. trd-05-forest)")
	whatsNew := fs.Bool("whats-new", false, "show what is new in the evidence once the window is up")
	source := fs.String("source", "", "open the source of a study or a pooled estimate by its `ID` (e.g. elekt-d, trd-pool-1)")
	firstFrame := fs.Bool("exit-after-first-frame", false, "quit once the window has painted its first frame (for benchmarks)")
	firstPage := fs.Bool("exit-after-page", false, "quit once the first page has been painted (for benchmarks)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("unknown command %q (try --help)", pos[0])
	}
	var w, h float32
	if _, err := fmt.Sscanf(*size, "%gx%g", &w, &h); *size != "" && (err != nil || w < 320 || h < 240) {
		return usagef("--size %q: give WIDTHxHEIGHT, at least 320x240", *size)
	}
	// the window opens the user database itself, while it comes up
	svc, err := dbs.evidence()
	if err != nil {
		return err
	}
	defer svc.Close()
	if *indication != "" {
		if _, err := svc.Evidence(*indication, domain.Filter{}, 0); err != nil {
			return err
		}
	}
	var pair []string
	if *compareStudies != "" {
		if pair = strings.Split(*compareStudies, ","); len(pair) != 2 {
			return usagef("--compare-studies %q: give two study IDs, ID,ID", *compareStudies)
		}
	}
	return ui.Run(svc, ui.Options{Version: inv.version, UserDB: *dbs.user, Present: *present || *inWindow, PresentInWindow: *inWindow, PresentChart: *chart, PresentSlide: *slide, WhatsNew: *whatsNew, Source: *source, Compare: *compare, Compact: *compact, Deck: *deckBuilder, Filter: domain.Filter{Molecule: domain.Molecule(molecule.value), MinN: *minN}, CompareStudies: pair, Size: fyne.NewSize(w, h), Indication: *indication, View: view.value, ExitAfterFirstFrame: *firstFrame, ExitAfterPage: *firstPage})
}
