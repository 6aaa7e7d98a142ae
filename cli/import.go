package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ketamine-explorer/csvimport"
	"ketamine-explorer/domain"
)

func cmdImport(inv invocation, args []string) error {
	fs, dbs := flags("import", "import FILE.csv [--user-db FILE] [--db FILE]", inv.stderr)
	pos, err := positional(fs, args, 1, "import needs one CSV file (write one with `ketamine-explorer template`)")
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	defer f.Close()
	svc, err := dbs.open(true)
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	defer svc.Close()
	imp, err := svc.Import(context.Background(), filepath.Base(pos[0]), f, waitingNote(inv.stderr, svc.UserPath()))
	var problems csvimport.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(inv.stderr, p.Error())
		}
		return fmt.Errorf("nothing was imported: %d problem(s) in %s", len(problems), pos[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(inv.stdout, "imported %s from %s as import %d into %s\n", domain.Plural(len(imp.Studies), "study", "studies"), pos[0], imp.ID, svc.UserPath())
	return nil
}

// waitingNote says on stderr why an import or a removal has not finished: another
// program's import holds the user database, and this one waits for it.
func waitingNote(stderr io.Writer, path string) func() {
	return func() {
		fmt.Fprintf(stderr, "waiting: %s is in use by another program (an import may be running)\n", path)
	}
}
