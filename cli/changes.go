package cli

import (
	"fmt"

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
	version := ""
	for _, c := range log {
		if c.Version != version {
			version = c.Version
			fmt.Fprintf(inv.stdout, "\nDataset %s (%s)\n", c.Version, c.Date)
		}
		fmt.Fprintf(inv.stdout, "  - %s\n", c.Line())
	}
	if len(log) == 0 {
		fmt.Fprintln(inv.stdout, "No change log in this evidence database.")
	}
	return nil
}
