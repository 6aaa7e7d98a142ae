package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"ketamine-explorer/data"
	"ketamine-explorer/data/csvimport"
	"ketamine-explorer/export"
)

func userDBFlag(fs *flag.FlagSet) *string {
	return fs.String("user-db", defaultUserDB(), "user database `FILE` that holds imported studies")
}

func cmdTemplate(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("template", "template [--out FILE] [--db FILE]", stderr)
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	_, store, err := openWith(fs, db, args, 0, "template takes no arguments")
	if err != nil {
		return err
	}
	defer store.Close()
	if *out == "" {
		return csvimport.Template(stdout, store)
	}
	return export.WriteFile(*out, func(w io.Writer) error { return csvimport.Template(w, store) })
}

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fs, db := flags("import", "import FILE.csv [--user-db FILE] [--db FILE]", stderr)
	userDB := userDBFlag(fs)
	pos, err := positional(fs, args, 1, "import needs one CSV file (write one with `ketamine-explorer template`)")
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	defer f.Close()
	store, err := openStore(*db)
	if err != nil {
		return err
	}
	defer store.Close()
	user, err := data.OpenUser(*userDB)
	if err != nil {
		return fmt.Errorf("nothing was imported: %w", err)
	}
	defer user.Close()
	imp, err := csvimport.Import(user, store, filepath.Base(pos[0]), f)
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
	fmt.Fprintf(stdout, "imported %d studies from %s as import %d into %s\n", len(imp.Studies), pos[0], imp.ID, user.Path())
	return nil
}

func cmdImports(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("imports", flag.ContinueOnError)
	fs.SetOutput(stderr)
	userDB := userDBFlag(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if _, err := os.Stat(*userDB); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(stdout, "no imports yet (%s does not exist)\n", *userDB)
		return nil
	}
	user, err := data.OpenUser(*userDB)
	if err != nil {
		return err
	}
	defer user.Close()
	imps, err := user.Imports()
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
	fs := flag.NewFlagSet("remove-import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	userDB := userDBFlag(fs)
	pos, err := positional(fs, args, 1, "remove-import needs one import number (see `ketamine-explorer imports`)")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(pos[0], 10, 64)
	if err != nil {
		return usageError{fmt.Sprintf("%q is not an import number (see `ketamine-explorer imports`)", pos[0])}
	}
	user, err := data.OpenUser(*userDB)
	if err != nil {
		return err
	}
	defer user.Close()
	if err := user.Remove(id); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "removed import %d and its studies from %s\n", id, user.Path())
	return nil
}
