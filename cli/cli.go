// Package cli is the ketamine-explorer command: with no command it opens the window, with
// one it lists, shows, exports, searches, cites and imports evidence, all through the one
// evidence service the window uses.
package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/synthesis"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"fyne.io/fyne/v2"

	"ketamine-explorer/export"
	"ketamine-explorer/handout"
	"ketamine-explorer/ui"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // the work failed (e.g. a file could not be written)
	exitUsage = 2 // the command line is wrong
	exitDB    = 3 // the evidence database, or the user database, cannot be opened
)

// exitCode maps an error's code to the exit code, and the sentence the user reads.
func exitCode(err error) (int, string) {
	switch code := domain.ErrorCode(err); {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK, ""
	case code == domain.EINVALID || code == domain.ENOTFOUND:
		return exitUsage, err.Error()
	case code.OpenFailure() && errors.As(err, new(*evidence.UserDBError)):
		return exitDB, "cannot open your user database (the studies you imported): " + err.Error()
	case code.OpenFailure():
		return exitDB, "cannot open the evidence database: " + err.Error()
	default:
		return exitFail, err.Error()
	}
}

// leadingDatabases takes --db and --user-db given before the command (`--db FILE list`)
// off the front of args, so they can be passed to the command like its own options.
func leadingDatabases(args []string) (lead, rest []string) {
	for len(args) > 0 {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[0], "-"), "=")
		if !strings.HasPrefix(args[0], "-") || name != "db" && name != "user-db" {
			break
		}
		n := 2
		if hasValue || len(args) == 1 {
			n = 1
		}
		lead, args = append(lead, args[:n]...), args[n:]
	}
	return lead, args
}

// usagef is a wrong command line, in words.
func usagef(format string, a ...any) error { return domain.Errorf(domain.EINVALID, format, a...) }

const usage = `Ketamine Evidence Explorer: the published evidence on ketamine and esketamine.

Usage:
  ketamine-explorer [--db FILE] [--indication KEY] [--view summary|charts|studies]
                    [--present | --present-in-window] [--present-chart ID] [--compare]
                    [--compare-studies ID,ID] [--compact] [--molecule M] [--min-n N]
                    [--choose-slides]
                    [--whats-new] [--source ID] [--size WxH]
                                                     open the window
  ketamine-explorer list [--format text|json]        indications with study counts
  ketamine-explorer list INDICATION [--format text|json]
                                                     its studies with their ids (for cite, --source)
  ketamine-explorer studies [INDICATION] [--format text|json]
                                                     every study's id, of all indications or one
  ketamine-explorer show INDICATION [--format text|json|csv]
                                                     every outcome with its source, then the summary
                                                     cards (it streams: starts at once, any size)
  ketamine-explorer export INDICATION|all --out DIR [--width W] [--height H]
                                                     charts as PNG and SVG, cards as Markdown,
                                                     outcomes as CSV, a PDF handout (and one of all)
  ketamine-explorer search TEXT [--format text|json] [--limit N]
                                                     studies whose text, arms or measures contain TEXT
  ketamine-explorer cite STUDY [--format text|bibtex|ris]
                                                     a study's reference (ids: list INDICATION)
  ketamine-explorer template [--out FILE]            the CSV template for adding studies
  ketamine-explorer import FILE.csv [--user-db FILE] add a filled-in template's studies
  ketamine-explorer imports [--user-db FILE]         list imports
  ketamine-explorer remove-import NUMBER [--user-db FILE]
                                                     remove one import and its studies
  ketamine-explorer changes [--format text|json]     what is new in the evidence: studies added,
                                                     values corrected (old → new, and why)
  ketamine-explorer version                          app and dataset versions

Imported studies live in a user database of their own (--user-db, default: the app's
per-user storage folder, or $KETAMINE_EXPLORER_USER_DB); the window and every command show
them marked user-added. Every command takes --db FILE to read another evidence database of the
same schema, before or after the command (--db FILE list, list --db FILE).
Indications: trd, pain, si, neuro. Run a command with --help for its options
(e.g. ketamine-explorer show --help); ketamine-explorer --help shows this.
Exit codes: 0 success, 1 failure while working, 2 wrong usage, 3 database cannot be opened.
`

// Run runs the command line args (without the program name) of the app at version, and
// returns the exit code.
func Run(version string, args []string, stdout, stderr io.Writer) int {
	appVersion = version
	lead, args := leadingDatabases(args)
	cmd := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	args = append(lead, args...)
	var err error
	switch cmd {
	case "":
		err = cmdWindow(args, stderr)
	case "list", "studies":
		err = cmdList(cmd, args, stdout, stderr)
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
	case "changes":
		err = cmdChanges(args, stdout, stderr)
	default:
		err = usagef("unknown command %q (try --help)", cmd)
	}
	code, msg := exitCode(err)
	if msg != "" {
		fmt.Fprintln(stderr, "ketamine-explorer:", msg)
	}
	return code
}

// databases are the --db and --user-db flags of every command that reads evidence.
type databases struct {
	db, user *string
	stderr   io.Writer
}

// open opens the evidence with the user's imported studies, as the window shows them. A
// user database that cannot be used fails an import or removal (strict); a command that
// only reads says so on stderr and reads the evidence without it.
func (d databases) open(strict bool) (*evidence.Service, error) {
	svc, err := evidence.Open(*d.db)
	if err != nil {
		return nil, err
	}
	if err := svc.UseUserDB(*d.user); err != nil {
		if strict {
			svc.Close()
			return nil, err
		}
		fmt.Fprintln(d.stderr, "ketamine-explorer: your imported studies are left out:", err)
	}
	return svc, nil
}

// flags makes a command's flag set, with --db and --user-db, whose usage goes to stderr.
func flags(name, synopsis string, stderr io.Writer) (*flag.FlagSet, databases) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		if name == "" {
			// the window's flags: the whole usage, commands included (its other flags are
			// for the benchmarks only)
			fmt.Fprint(stderr, usage)
			return
		}
		fmt.Fprintf(stderr, "Usage: ketamine-explorer %s\n\nOptions:\n", synopsis)
		fs.PrintDefaults()
	}
	db := fs.String("db", "", "evidence database `FILE` to read instead of the bundled one")
	user := fs.String("user-db", defaultUserDB(), "user database `FILE` that holds imported studies")
	return fs, databases{db, user, stderr}
}

// parse parses flags that may come before or after the positional arguments.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, domain.Errorf(domain.EINVALID, "%w", err)
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
		err = usagef("%s", need)
	}
	return pos, err
}

// openWith parses a command's arguments (see positional) and opens the evidence.
func openWith(fs *flag.FlagSet, dbs databases, args []string, want int, need string) ([]string, *evidence.Service, error) {
	pos, err := positional(fs, args, want, need)
	if err != nil {
		return nil, nil, err
	}
	svc, err := dbs.open(false) // after parsing: the flags are set by then
	return pos, svc, err
}

func cmdWindow(args []string, stderr io.Writer) error {
	fs, dbs := flags("", "[--db FILE] [--indication KEY] [--view summary|charts|studies]", stderr)
	indication := fs.String("indication", "", "indication `KEY` to open on (trd, pain, si, neuro)")
	view := choiceFlag(fs, "view", "`TAB` to open on", ui.Views...)
	present := fs.Bool("present", false, "open in presenter mode (full screen; Esc leaves)")
	inWindow := fs.Bool("present-in-window", false, "presenter mode in the window, not full screen (to share one window in a call)")
	size := fs.String("size", "1400x900", "window size `WxH` in logical pixels")
	compare := fs.Bool("compare", false, "open the compare window too")
	molecules := []string{""}
	for _, m := range domain.Molecules {
		if m != domain.ComparatorDrug {
			molecules = append(molecules, string(m))
		}
	}
	molecule := choiceFlag(fs, "molecule", "open filtered to studies with an arm of this `MOLECULE`", molecules...)
	minN := fs.Int("min-n", 0, "open filtered to studies of at least `N` participants")
	deckBuilder := fs.Bool("choose-slides", false, "open View > Choose presenter slides (the deck builder)")
	compact := fs.Bool("compact", false, "open with the header collapsed (toolbar, filters, search and headline hidden; Ctrl+H)")
	compareStudies := fs.String("compare-studies", "", "open the compare window on two studies, `ID,ID` (e.g. transform-1,transform-3)")
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
	if _, err := fmt.Sscanf(*size, "%gx%g", &w, &h); err != nil || w < 320 || h < 240 {
		return usagef("--size %q: give WIDTHxHEIGHT, at least 320x240", *size)
	}
	// the window opens the user database itself, while it comes up
	svc, err := evidence.Open(*dbs.db)
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
	return ui.Run(svc, ui.Options{Version: appVersion, UserDB: *dbs.user, Present: *present || *inWindow, PresentInWindow: *inWindow, PresentChart: *chart, WhatsNew: *whatsNew, Source: *source, Compare: *compare, Compact: *compact, Deck: *deckBuilder, Filter: domain.Filter{Molecule: domain.Molecule(molecule.value), MinN: *minN}, CompareStudies: pair, Size: fyne.NewSize(w, h), Indication: *indication, View: view.value, ExitAfterFirstFrame: *firstFrame, ExitAfterPage: *firstPage})
}

func cmdSearch(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("search", "search TEXT [--format text|json] [--limit N] [--db FILE]", stderr)
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
	fs, dbs := flags("cite", "cite STUDY [--format text|bibtex|ris] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "bibtex", "ris")
	pos, svc, err := openWith(fs, dbs, args, 1, "cite needs one study id, e.g. `cite elekt-d` (`list trd` lists an indication's ids)")
	if err != nil {
		return err
	}
	defer svc.Close()
	st, err := svc.Study(pos[0])
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

func cmdChanges(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("changes", "changes [--format text|json] [--db FILE]", stderr)
	format := choiceFlag(fs, "format", "output `FORMAT`", "text", "json")
	_, svc, err := openWith(fs, dbs, args, 0, "changes takes no arguments")
	if err != nil {
		return err
	}
	defer svc.Close()
	log, err := svc.Changes()
	if err != nil {
		return err
	}
	if format.value == "json" {
		if log == nil {
			log = []domain.Change{}
		}
		return writeJSON(stdout, log)
	}
	version := ""
	for _, c := range log {
		if c.Version != version {
			version = c.Version
			fmt.Fprintf(stdout, "\nDataset %s (%s)\n", c.Version, c.Date)
		}
		fmt.Fprintf(stdout, "  - %s\n", c.Line())
	}
	if len(log) == 0 {
		fmt.Fprintln(stdout, "No change log in this evidence database.")
	}
	return nil
}

func cmdVersion(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("version", "version [--db FILE]", stderr)
	_, svc, err := openWith(fs, dbs, args, 0, "version takes no arguments")
	if err != nil {
		return err
	}
	defer svc.Close()
	dataset, err := svc.DatasetVersion()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Ketamine Evidence Explorer %s, dataset %s\n", appVersion, dataset)
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

// cmdList is `list` (the indications with their study counts, or one indication's
// studies) and `studies` (every study's id, of all indications or of one).
func cmdList(name string, args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags(name, name+" [INDICATION] [--format text|json] [--db FILE]", stderr)
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
		return listStudies(svc, pos, format.value, stdout)
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
		return listStudies(svc, keys, format.value, stdout)
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

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// showPage is how many studies show reads and writes at a time: its first study is out
// after one page's read, and it holds one page of output, however large the indication.
const showPage = 200

func cmdShow(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("show", "show INDICATION [--format text|json|csv] [--db FILE]", stderr)
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
	version, err := svc.DatasetVersion()
	if err != nil {
		return err
	}
	var out shower = &textShow{w: stdout}
	switch format.value {
	case "json":
		out = &jsonShow{w: stdout, array: jsonArray{indent: "  "}}
	case "csv":
		out = &csvShow{w: stdout}
	}
	if err := out.head(ind, version); err != nil {
		return err
	}
	// the cards and pooled estimates are over every study: they close the output
	ev := domain.IndicationEvidence{Indication: ind}
	for page, err := range pages {
		if err != nil {
			return err
		}
		if err := out.studies(page); err != nil {
			return err
		}
		ev.Studies = append(ev.Studies, page...)
	}
	return out.tail(ev)
}

// shower writes what show prints, in one format, as it is read: the indication, its
// studies a page at a time, then what is computed over all of them.
type shower interface {
	head(ind domain.Indication, version string) error
	studies(page []domain.Study) error
	tail(ev domain.IndicationEvidence) error
}

// textShow is show's text: the studies with every outcome and its source, then the cards,
// last so that they are what a terminal shows when it is done.
type textShow struct {
	w       io.Writer
	written int // studies so far
}

func (t *textShow) head(ind domain.Indication, version string) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s (%s), dataset %s\n\n", ind.Name, ind.Key, version)
	if gap := ind.EvidenceGap; gap != "" {
		fmt.Fprintf(&b, "EVIDENCE GAP: %s\n\n", gap)
	}
	fmt.Fprintf(&b, "%d studies; the summary cards follow them.\n\n== Studies and every outcome, with its source\n", ind.StudyCount)
	_, err := t.w.Write(b.Bytes())
	return err
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

func (t *textShow) tail(ev domain.IndicationEvidence) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "\nSummary cards, over the %d studies above:\n", t.written)
	for _, c := range synthesis.Cards(ev) {
		fmt.Fprintf(&b, "\n== %s\n", c.Title)
		for _, it := range c.Items {
			flag := ""
			if it.Disputed {
				flag = " " + it.Mark
			}
			fmt.Fprintf(&b, "  - %s%s\n", it.Line(), flag)
		}
	}
	_, err := t.w.Write(b.Bytes())
	return err
}

// jsonShow is show's JSON: one object, its studies array written a page at a time.
type jsonShow struct {
	w     io.Writer
	array jsonArray // the studies
}

// jsonArray writes a JSON array a few elements at a time, indented as json.Encoder would
// at the depth of indent. Its "[" comes with the first element (or end), so nothing is
// written before there is something to write: an unknown indication leaves no output.
type jsonArray struct {
	indent string
	n      int
}

// appendJSON writes elements of the array a to b.
func appendJSON[T any](a *jsonArray, b *bytes.Buffer, elems []T) error {
	for _, e := range elems {
		v, err := json.MarshalIndent(e, a.indent+"  ", "  ")
		if err != nil {
			return err
		}
		sep := ","
		if a.n == 0 {
			sep = "["
		}
		b.WriteString(sep + "\n" + a.indent + "  ")
		b.Write(v)
		a.n++
	}
	return nil
}

// end closes the array.
func (a *jsonArray) end(b *bytes.Buffer) {
	if a.n == 0 {
		b.WriteString("[]")
		return
	}
	b.WriteString("\n" + a.indent + "]")
}

// field writes one member of the top-level object, indented as json.Encoder would.
func field(b *bytes.Buffer, name string, v any, last bool) error {
	j, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "  %q: %s", name, j)
	if !last {
		b.WriteString(",\n")
	}
	return nil
}

func (j *jsonShow) head(ind domain.Indication, version string) error {
	b := bytes.NewBufferString("{\n")
	if err := field(b, "dataset_version", version, false); err != nil {
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

func (j *jsonShow) tail(ev domain.IndicationEvidence) error {
	var b bytes.Buffer
	j.array.end(&b)
	b.WriteString(",\n")
	if err := field(&b, "cards", synthesis.Cards(ev), false); err != nil {
		return err
	}
	if err := field(&b, "pooled_by_this_app", synthesis.Summaries(ev), true); err != nil {
		return err
	}
	b.WriteString("\n}\n")
	_, err := j.w.Write(b.Bytes())
	return err
}

// csvShow is show's CSV: export's rows, the pooled estimates last.
type csvShow struct {
	w io.Writer
	c *export.CSV
}

func (c *csvShow) head(ind domain.Indication, _ string) (err error) {
	c.c, err = export.NewCSV(c.w, ind.Key)
	return err
}
func (c *csvShow) studies(page []domain.Study) error       { return c.c.Studies(page) }
func (c *csvShow) tail(ev domain.IndicationEvidence) error { return c.c.Pooled(ev) }

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("export", "export INDICATION|all --out DIR [--width W] [--height H] [--db FILE]", stderr)
	out := fs.String("out", "", "folder to write into (created if missing)")
	width := fs.Int("width", export.HD.Width, "chart width in pixels (3840 for 4K)")
	height := fs.Int("height", 0, "chart height in pixels (0: as tall as each chart needs)")
	pos, err := positional(fs, args, 1, "export needs one indication or `all`, e.g. `export trd --out charts`")
	if err != nil {
		return err
	}
	size := export.Size{Width: *width, Height: *height}
	if *out == "" {
		return usagef("%s", "export needs --out DIR")
	}
	if err := size.Check(); err != nil {
		return domain.Errorf(domain.EINVALID, "%w", err)
	}
	svc, err := dbs.open(false)
	if err != nil {
		return err
	}
	defer svc.Close()
	keys := pos
	if pos[0] == "all" {
		inds, err := svc.Indications()
		if err != nil {
			return err
		}
		keys = nil
		for _, ind := range inds {
			keys = append(keys, ind.Key)
		}
	}
	version, err := svc.DatasetVersion()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var written []string
	var evs []domain.IndicationEvidence
	ctx := context.Background()
	job := export.Job{What: export.Everything, Dir: *out, Size: size, Handout: handout.Options{Dataset: version, Date: time.Now(), App: appVersion}}
	for _, key := range keys {
		ev, err := svc.Evidence(key, domain.Filter{}, -1)
		if err != nil {
			return err
		}
		evs = append(evs, ev)
		job.Evidence = []domain.IndicationEvidence{ev}
		paths, err := job.Run(ctx, nil)
		written = append(written, paths...)
		if err != nil {
			return err
		}
	}
	if len(evs) > 1 {
		job.What, job.Evidence = export.AllHandouts, evs
		paths, err := job.Run(ctx, nil)
		written = append(written, paths...)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(stdout, "wrote %d files to %s\n", len(written), *out)
	return nil
}
