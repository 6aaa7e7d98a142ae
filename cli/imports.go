package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/csvimport"
	"ketamine-explorer/domain"
)

func cmdTemplate(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("template", "template [--out FILE] [--db FILE]", stderr)
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	_, svc, err := openWith(fs, dbs, args, 0, "template takes no arguments")
	if err != nil {
		return err
	}
	defer svc.Close()
	if *out == "" {
		return svc.Template(stdout)
	}
	return atomicfile.Write(*out, svc.Template)
}

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("import", "import FILE.csv [--user-db FILE] [--db FILE]", stderr)
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
	imp, err := svc.Import(context.Background(), filepath.Base(pos[0]), f, waitingNote(stderr, svc.UserPath()))
	var problems csvimport.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Fprintln(stderr, p.Error())
		}
		return fmt.Errorf("nothing was imported: %d problem(s) in %s", len(problems), pos[0])
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %s from %s as import %d into %s\n", domain.Plural(len(imp.Studies), "study", "studies"), pos[0], imp.ID, svc.UserPath())
	return nil
}

func cmdImports(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("imports", "imports [--user-db FILE]", stderr)
	if _, err := positional(fs, args, 0, "imports takes no arguments"); err != nil {
		return err
	}
	if _, err := os.Stat(*dbs.user); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "no imports yet (%s does not exist)\n", *dbs.user)
		return nil
	}
	svc, err := dbs.open(true)
	if err != nil {
		return err
	}
	defer svc.Close()
	imps, err := svc.Imports()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMPORT\tWHEN (UTC)\tFILE\tSTUDIES")
	for _, imp := range imps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", imp.ID, imp.At.Format("2006-01-02 15:04"), imp.File, len(imp.Studies))
	}
	return tw.Flush()
}

func cmdRemoveImport(args []string, stdout, stderr io.Writer) error {
	fs, dbs := flags("remove-import", "remove-import NUMBER [--user-db FILE]", stderr)
	pos, err := positional(fs, args, 1, "remove-import needs one import number (see `ketamine-explorer imports`)")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usagef("%q is not an import number (see `ketamine-explorer imports`)", pos[0])
	}
	svc, err := dbs.open(true)
	if err != nil {
		return err
	}
	defer svc.Close()
	if err := svc.Remove(id, waitingNote(stderr, svc.UserPath())); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed import %d and its studies from %s\n", id, svc.UserPath())
	return nil
}

// waitingNote says on stderr why an import or a removal has not finished: another
// program's import holds the user database, and this one waits for it.
func waitingNote(stderr io.Writer, path string) func() {
	return func() {
		fmt.Fprintf(stderr, "waiting: %s is in use by another program (an import may be running)\n", path)
	}
}
