// Package cli is the ketamine-explorer command: with no command it opens the window, with
// one it lists, shows, exports, searches, cites and imports evidence, all through the one
// evidence service the window uses.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
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
                    [--present | --present-in-window] [--present-chart ID]
                    [--present-slide N] [--compare]
                    [--compare-studies ID,ID] [--compact] [--molecule M] [--min-n N]
                    [--talk]
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
  ketamine-explorer slides INDICATION [--all] [--format text|json]
                                                     its default talk's slides by ID (what
                                                     presenting it shows), or every slide
  ketamine-explorer talk (--slides ID,ID,... | --name NAME) --out FILE.pptx|FILE.pdf|DIR
                    [--size WxH]                     a talk as PowerPoint, PDF or PNGs (one a
                                                     slide, sources in the notes); NAME: saved
                                                     in the window
  ketamine-explorer export INDICATION|all --out DIR [--width W] [--height H]
                                                     charts as PNG and SVG, cards as Markdown,
                                                     outcomes as CSV, references as RIS and
                                                     BibTeX, a PDF handout (and one of all)
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
  ketamine-explorer version                          app and dataset versions, and who signed it
  ketamine-explorer dataset verify FILE              check an evidence update's signature (FILE.minisig)
  ketamine-explorer dataset install FILE [--allow-older]
                                                     install a signed evidence update, offline,
                                                     and say what is new in it
  ketamine-explorer dataset status                   the evidence in use, its signer, the trusted keys
  ketamine-explorer dataset rollback                 back to the evidence in use before the last install

Imported studies live in a user database of their own (--user-db, default: the app's
per-user storage folder, or $KETAMINE_EXPLORER_USER_DB); the window and every command show
them marked user-added. Every command takes --db FILE to read another evidence database of the
same schema, before or after the command (--db FILE list, list --db FILE).
Indications: trd, pain, si, neuro. Run a command with --help for its options
(e.g. ketamine-explorer show --help); ketamine-explorer --help shows this.
Exit codes: 0 success, 1 failure while working, 2 wrong usage, 3 database cannot be opened.
`

// checkedWriter keeps the first error of the writes to it, which commands that print as
// they go do not check one by one.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.err = err
	return n, err
}

// visible writes text with every control character but the line break and the tab shown
// as an escape ("\x1b"): C0 controls, DEL and the C1 controls a terminal may also obey.
type visible struct{ w io.Writer }

func (v visible) Write(p []byte) (int, error) {
	var b []byte
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7f:
			b = fmt.Appendf(b, "\\x%02x", c)
		case c == 0xc2 && i+1 < len(p) && p[i+1] >= 0x80 && p[i+1] <= 0x9f: // U+0080 to U+009F
			b = fmt.Appendf(b, "\\u%04x", p[i+1])
			i++
		default:
			b = append(b, c)
		}
	}
	if _, err := v.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}

// invocation is one run of a command: the app's version and where the command writes.
type invocation struct {
	version        string
	stdout, stderr io.Writer
}

// commands are the commands by name, each in its own file with its flags and help; with
// no command the window opens.
var commands = map[string]func(inv invocation, args []string) error{
	"":              cmdWindow,
	"list":          func(inv invocation, args []string) error { return cmdList(inv, "list", args) },
	"studies":       func(inv invocation, args []string) error { return cmdList(inv, "studies", args) },
	"show":          cmdShow,
	"slides":        cmdSlides,
	"talk":          cmdTalk,
	"export":        cmdExport,
	"search":        cmdSearch,
	"cite":          cmdCite,
	"template":      cmdTemplate,
	"import":        cmdImport,
	"imports":       cmdImports,
	"remove-import": cmdRemoveImport,
	"version":       cmdVersion,
	"changes":       cmdChanges,
	"dataset":       cmdDataset,
	"help": func(inv invocation, _ []string) error {
		_, err := fmt.Fprint(inv.stdout, usage)
		return err
	},
}

// Run runs the command line args (without the program name) of the app at version, and
// returns the exit code.
func Run(version string, args []string, stdout, stderr io.Writer) int {
	lead, args := leadingDatabases(args)
	name := ""
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args = args[0], args[1:]
	}
	err := usagef("unknown command %q (try --help)", name)
	// text from a database or a file name reaches the terminal with its control characters
	// made visible: an escape sequence in a study's label must not drive the terminal
	out := &checkedWriter{w: visible{stdout}}
	stderr = visible{stderr}
	if wantsHelp(args) {
		stderr = out // the usage asked for is the output, not an error
	}
	if cmd, ok := commands[name]; ok {
		err = cmd(invocation{version, out, stderr}, append(lead, args...))
	}
	if out.err != nil {
		// a full disk or a closed pipe behind stdout: the output is not all there, whatever
		// else the command says of it
		err = fmt.Errorf("the output could not be written: %w", out.err)
	}
	code, msg := exitCode(err)
	if msg != "" {
		fmt.Fprintln(stderr, "ketamine-explorer:", msg)
	}
	return code
}
