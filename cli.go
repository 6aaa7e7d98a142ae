package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2"

	"ketamine-explorer/data"
	"ketamine-explorer/export"
	"ketamine-explorer/handout"
	"ketamine-explorer/resources"
	"ketamine-explorer/ui"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the work failed (e.g. a file could not be written)
	exitUsage = 2 // the command line is wrong
	exitDB    = 3 // the evidence database cannot be opened
)

const usage = `Ketamine Evidence Explorer: the published evidence on ketamine and esketamine.

Usage:
  ketamine-explorer [--db FILE] [--indication KEY] [--view summary|charts|studies]
                    [--present | --present-in-window] [--compare] [--size WxH]
                                                     open the window
  ketamine-explorer list [--format text|json]        indications with study counts
  ketamine-explorer show INDICATION [--format text|json|csv]
                                                     summary cards and every outcome with its source
  ketamine-explorer export INDICATION|all --out DIR [--width W] [--height H]
                                                     charts as PNG and SVG, cards as Markdown,
                                                     outcomes as CSV, a PDF handout (and one of all)
  ketamine-explorer search TEXT [--format text|json] [--limit N]
                                                     studies whose text or measures contain TEXT
  ketamine-explorer cite STUDY [--format text|bibtex|ris]
                                                     a study's reference (ids: show or search)
  ketamine-explorer template [--out FILE]            the CSV template for adding studies
  ketamine-explorer import FILE.csv [--user-db FILE] add a filled-in template's studies
  ketamine-explorer imports [--user-db FILE]         list imports
  ketamine-explorer remove-import NUMBER [--user-db FILE]
                                                     remove one import and its studies
  ketamine-explorer version                          app and dataset versions

Imported studies live in a user database of their own (--user-db, default: the app's
per-user storage folder, or $KETAMINE_EXPLORER_USER_DB); the window shows them marked
user-added. Every command takes --db FILE to read another evidence database of the same schema.
Indications: trd, pain, si, neuro. Run a command with --help for its options.
Exit codes: 0 success, 1 failure while working, 2 wrong usage, 3 database cannot be opened.
`

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(args []string, stdout, stderr io.Writer) int {
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "":
		err = cmdWindow(args, stderr)
	case "list":
		err = cmdList(args, stdout, stderr)
	case "show":
		err = cmdShow(args, stdout, stderr)
	case "export":
		err = cmdExport(args, stdout, stderr)
	case "search":
		err = cmdSearch(args, stdout, stderr)
	case "cite":
		err = cmdCite(args, stdout, stderr)
	case "template":
		err = cmdTemplate(args, stdout, stderr)
	case "import":
		err = cmdImport(args, stdout, stderr)
	case "imports":
		err = cmdImports(args, stdout, stderr)
	case "remove-import":
		err = cmdRemoveImport(args, stdout, stderr)
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	case "version":
		err = cmdVersion(args, stdout, stderr)
	default:
		err = usageError{fmt.Sprintf("unknown command %q (try --help)", cmd)}
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "ketamine-explorer:", err)
		return exitUsage
	case isDBError(err):
		fmt.Fprintln(stderr, "ketamine-explorer: cannot open the evidence database:", err)
		return exitDB
	default:
		fmt.Fprintln(stderr, "ketamine-explorer:", err)
		return exitFail
	}
}

func isDBError(err error) bool {
	for _, e := range []error{data.ErrMissing, data.ErrUnreadable, data.ErrNotSQLite, data.ErrDamaged, data.ErrForeign, data.ErrNewer, data.ErrOlder} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// flags makes a command's flag set, with --db, whose usage goes to stderr.
func flags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: ketamine-explorer %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "evidence database `FILE` to read instead of the bundled one")
	return fs, db
}

// parse parses flags that may come before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos, args = append(pos, args[0]), args[1:]
	}
}

// positional parses fs and checks that there are want positional arguments; need says
// what the command needs when there are not.
func positional(fs *flag.FlagSet, args []string, want int, need string) ([]string, error) {
	pos, err := parse(fs, args)
	if err == nil && len(pos) != want {
		err = usageError{need}
	}
	return pos, err
}

// openWith parses a command's arguments (see positional) and opens the evidence database.
func openWith(fs *flag.FlagSet, db *string, args []string, want int, need string) ([]string, *data.Store, error) {
	pos, err := positional(fs, args, want, need)
	if err != nil {
		return nil, nil, err
	}
	store, err := openStore(*db) // read after parsing: the flag is set by then
	return pos, store, err
}

func openStore(path string) (*data.Store, error) {
	if path == "" {
		return resources.OpenEvidence()
	}
	return data.Open(path)
}

func cmdWindow(args []string, stderr io.Writer) error {
	fs, db := flags("", "[--db FILE] [--indication KEY] [--view summary|charts|studies]", stderr)
	indication := fs.String("indication", "", "indication `KEY` to open on (trd, pain, si, neuro)")
	view := choiceFlag(fs, "view", "`TAB` to open on", ui.Views...)
	userDB := userDBFlag(fs)
	present := fs.Bool("present", false, "open in presenter mode (full screen; Esc leaves)")
	inWindow := fs.Bool("present-in-window", false, "presenter mode in the window, not full screen (to share one window in a call)")
	size := fs.String("size", "1400x900", "window size `WxH` in logical pixels")
	compare := fs.Bool("compare", false, "open the compare window too")
	firstFrame := fs.Bool("exit-after-first-frame", false, "quit once the window has painted its first frame (for benchmarks)")
	firstPage := fs.Bool("exit-after-page", false, "quit once the first page has been painted (for benchmarks)")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unknown command %q (try --help)", pos[0])}
	}
	var w, h float32
	if _, err := fmt.Sscanf(*size, "%gx%g", &w, &h); err != nil || w < 320 || h < 240 {
		return usageError{fmt.Sprintf("--size %q: give WIDTHxHEIGHT, at least 320x240", *size)}
	}
	store, err := openStore(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	if *indication != "" {
		if _, err := evidence(store, *indication); err != nil {
			return err
		}
	}
	return ui.Run(store, ui.Options{Version: appVersion(), UserDB: *userDB, Present: *present || *inWindow, PresentInWindow: *inWindow, Compare: *compare, Size: fyne.NewSize(w, h), Indication: *indication, View: view.value, ExitAfterFirstFrame: *firstFrame, ExitAfterPage: *firstPage})
}

func cmdSearch(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("search", "search TEXT [--format text|json] [--limit N] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	limit := fs.Int("limit", 50, "at most `N` studies")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || strings.TrimSpace(strings.Join(pos, " ")) == "" {
		return usageError{"search needs some text, e.g. `search midazolam`"}
	}
	if *limit < 1 {
		return usageError{"--limit must be at least 1"}
	}
	store, err := openStore(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	hits, err := store.Search(strings.Join(pos, " "), *limit)
	if err != nil {
		return err
	}
	if format.value == "json" {
		if hits == nil {
			hits = []data.Hit{}
		}
		return writeJSON(stdout, hits)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "INDICATION\tSTUDY\tID")
	for _, h := range hits {
		fmt.Fprintf(tw, "%s\t%s\t%s\n", h.Indication, h.Label, h.StudyID)
	}
	if len(hits) == 0 {
		fmt.Fprintln(tw, "(no study matches)")
	}
	return tw.Flush()
}

func cmdCite(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("cite", "cite STUDY [--format text|bibtex|ris] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "bibtex", "ris")
	pos, store, err := openWith(fs, db, args, 1, "cite needs one study id, e.g. `cite elekt-d` (ids are in `search` and `show`)")
	if err != nil {
		return err
	}
	defer store.Close()
	st, err := store.Study(pos[0])
	if errors.Is(err, data.ErrStudy) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	switch format.value {
	case "bibtex":
		_, err = io.WriteString(stdout, st.BibTeX())
	case "ris":
		_, err = io.WriteString(stdout, st.RIS())
	default:
		_, err = fmt.Fprintln(stdout, st.PlainCitation())
	}
	return err
}

func cmdVersion(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("version", "version [--db FILE]", stderr)
	_, store, err := openWith(fs, db, args, 0, "version takes no arguments")
	if err != nil {
		return err
	}
	defer store.Close()
	dataset, err := store.DatasetVersion()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Ketamine Evidence Explorer %s, dataset %s\n", appVersion(), dataset)
	return nil
}

// choice is a flag whose value must be one of a list: a wrong one is a usage error.
type choice struct {
	value   string
	allowed []string
}

func (c *choice) String() string { return c.value }

func (c *choice) Set(v string) error {
	if !slices.Contains(c.allowed, v) {
		return fmt.Errorf("use one of %s", strings.Join(c.allowed, ", "))
	}
	c.value = v
	return nil
}

// choiceFlag adds a flag that takes one of allowed, the first by default.
func choiceFlag(fs *flag.FlagSet, name, usage string, allowed ...string) *choice {
	c := &choice{value: allowed[0], allowed: allowed}
	fs.Var(c, name, usage+": "+strings.Join(allowed, ", "))
	return c
}

func cmdList(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("list", "list [--format text|json] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	_, store, err := openWith(fs, db, args, 0, "list takes no arguments")
	if err != nil {
		return err
	}
	defer store.Close()
	inds, err := store.Indications()
	if err != nil {
		return err
	}
	if format.value == "json" {
		return writeJSON(stdout, inds)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KEY\tINDICATION\tSTUDIES")
	for _, ind := range inds {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", ind.Key, ind.Name, ind.StudyCount)
	}
	return tw.Flush()
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// evidence opens the store and loads one indication, turning an unknown key into a usage error.
func evidence(store *data.Store, key string) (data.IndicationEvidence, error) {
	ev, err := store.Evidence(key)
	if errors.Is(err, data.ErrIndication) {
		inds, _ := store.Indications()
		var keys []string
		for _, ind := range inds {
			keys = append(keys, ind.Key)
		}
		return ev, usageError{fmt.Sprintf("unknown indication %q: use one of %s", key, strings.Join(keys, ", "))}
	}
	return ev, err
}

func cmdShow(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("show", "show INDICATION [--format text|json|csv] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json", "csv")
	pos, store, err := openWith(fs, db, args, 1, "show needs one indication, e.g. `show trd`")
	if err != nil {
		return err
	}
	defer store.Close()
	ev, err := evidence(store, pos[0])
	if err != nil {
		return err
	}
	version, err := store.DatasetVersion()
	if err != nil {
		return err
	}
	switch format.value {
	case "json":
		return writeJSON(stdout, struct {
			Dataset    string          `json:"dataset_version"`
			Indication data.Indication `json:"indication"`
			Cards      []data.Card     `json:"cards"`
			Studies    []data.Study    `json:"studies"`
		}{version, ev.Indication, data.Cards(ev), ev.Studies})
	case "csv":
		return data.WriteCSV(stdout, ev)
	}
	return writeText(stdout, ev, version)
}

func writeText(w io.Writer, ev data.IndicationEvidence, version string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s (%s), dataset %s\n\n", ev.Indication.Name, ev.Indication.Key, version)
	if gap := ev.Indication.EvidenceGap; gap != "" {
		fmt.Fprintf(&b, "EVIDENCE GAP: %s\n\n", gap)
	}
	for _, c := range data.Cards(ev) {
		fmt.Fprintf(&b, "== %s\n", c.Title)
		for _, it := range c.Items {
			flag := ""
			if it.Disputed {
				flag = " [seed summary disagrees]"
			}
			fmt.Fprintf(&b, "  - %s%s\n", it.Line(), flag)
		}
		b.WriteString("\n")
	}
	b.WriteString("== Studies and every outcome, with its source\n")
	for _, st := range ev.Studies {
		fmt.Fprintf(&b, "\n%s\n  %s\n", st.Label, st.Citation())
		if ids := st.Identifiers(); len(ids) > 0 {
			fmt.Fprintf(&b, "  %s\n", strings.Join(ids, "; "))
		}
		fmt.Fprintf(&b, "  %s; %s; extraction: %s\n", st.Design, st.SizeText(), st.Extraction)
		for _, o := range st.Outcomes {
			src := st.SourceByID(o.Source)
			fmt.Fprintf(&b, "  * %s\n      source: %s (%s), %s\n", st.Describe(o), src.Kind, src.Where, o.Locator)
			for _, d := range st.DiscrepanciesFor(o.ID) {
				sv := ""
				if d.SecondaryValue != nil {
					sv = " (" + d.SecondaryValue.String() + ")"
				}
				fmt.Fprintf(&b, "      DISAGREES: %s says %s%s\n", d.SecondarySource, d.SecondaryClaim, sv)
			}
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("export", "export INDICATION|all --out DIR [--width W] [--height H] [--db FILE]", stderr)
	out := fs.String("out", "", "folder to write into (created if missing)")
	width := fs.Int("width", export.HD.Width, "chart width in pixels (3840 for 4K)")
	height := fs.Int("height", 0, "chart height in pixels (0: as tall as each chart needs)")
	pos, err := positional(fs, args, 1, "export needs one indication or `all`, e.g. `export trd --out charts`")
	if err != nil {
		return err
	}
	size := export.Size{Width: *width, Height: *height}
	if *out == "" {
		return usageError{"export needs --out DIR"}
	}
	if err := size.Check(); err != nil {
		return usageError{err.Error()}
	}
	store, err := openStore(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	keys := pos
	if pos[0] == "all" {
		inds, err := store.Indications()
		if err != nil {
			return err
		}
		keys = nil
		for _, ind := range inds {
			keys = append(keys, ind.Key)
		}
	}
	version, err := store.DatasetVersion()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var written []string
	var evs []data.IndicationEvidence
	ctx := context.Background()
	opt := handout.Options{Dataset: version, Date: time.Now(), App: appVersion()}
	for _, key := range keys {
		ev, err := evidence(store, key)
		if err != nil {
			return err
		}
		evs = append(evs, ev)
		paths, err := export.Indication(ctx, *out, ev, opt, size, nil)
		written = append(written, paths...)
		if err != nil {
			return err
		}
	}
	if len(evs) > 1 {
		if err := export.Handout(ctx, filepath.Join(*out, "all-handout.pdf"), evs, opt, nil); err != nil {
			return err
		}
		written = append(written, "all-handout.pdf")
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\n", len(written), *out)
	return nil
}
