package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
)

// databases are the --db and --user-db flags of every command that reads evidence.
type databases struct {
	db, user *string
	stderr   io.Writer
}

// open opens the evidence with the user's imported studies, as the window shows them. A
// user database that cannot be used fails an import or removal (strict); a command that
// only reads says so on stderr and reads the evidence without it.
func (d databases) open(strict bool) (*evidence.Service, error) {
	svc, err := d.evidence()
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

// evidence opens the evidence alone: --db FILE, or the evidence in use (an installed
// update, else the bundled evidence; why an update is not used goes to stderr).
func (d databases) evidence() (*evidence.Service, error) {
	if *d.db != "" {
		return evidence.Open(*d.db)
	}
	svc, err := evidence.OpenInUse(evidence.ReleasesFolder(*d.user))
	if err == nil && svc.Provenance().Note != "" {
		fmt.Fprintln(d.stderr, "ketamine-explorer:", svc.Provenance().Note)
	}
	return svc, err
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
		printFlags(stderr, fs)
	}
	db := fs.String("db", "", "evidence database `FILE` to read instead of the bundled one")
	user := fs.String("user-db", defaultUserDB(), "user database `FILE` that holds imported studies")
	return fs, databases{db, user, stderr}
}

// printFlags lists a command's options as its usage spells them ("--db FILE"), with their
// defaults.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if name != "" {
			line += " " + name
		}
		line += "\n    \t" + strings.ReplaceAll(usage, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			line += fmt.Sprintf(" (default %q)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// wantsHelp says whether a command line asks for help: its usage then goes to stdout.
func wantsHelp(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-h" || a == "-help" || a == "--help" || a == "--h" })
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

// choice is a flag whose value must be one of a list: a wrong one is a usage error.
type choice struct {
	value   string
	allowed []string
}

func (c *choice) Set(v string) error {
	if !slices.Contains(c.allowed, v) {
		return fmt.Errorf("use one of %s", strings.Join(c.allowed, ", "))
	}
	c.value = v
	return nil
}

func (c *choice) String() string { return c.value }

// choiceFlag adds a flag that takes one of allowed, the first by default.
func choiceFlag(fs *flag.FlagSet, name, usage string, allowed ...string) *choice {
	c := &choice{value: allowed[0], allowed: allowed}
	fs.Var(c, name, usage+": "+strings.Join(allowed, ", "))
	return c
}
