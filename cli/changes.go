package cli

import (
	"fmt"
	"io"

	"ketamine-explorer/domain"
)

func cmdChanges(inv invocation, args []string) error {
	fs, dbs := flags("changes", "changes [--format text|json] [--db FILE]", inv.stderr)
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
		return writeJSON(inv.stdout, log)
	}
	if len(log) == 0 {
		fmt.Fprintln(inv.stdout, "No change log in this evidence database.")
	}
	printChanges(inv.stdout, log)
	return nil
}

// printChanges prints a change log, version by version.
func printChanges(w io.Writer, log []domain.Change) {
	version := ""
	for _, c := range log {
		if c.Version != version {
			version = c.Version
			fmt.Fprintf(w, "\nDataset %s (%s)\n", c.Version, c.Date)
		}
		fmt.Fprintf(w, "  - %s\n", c.Line())
	}
}
