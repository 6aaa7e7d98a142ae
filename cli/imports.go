package cli

import (
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
)

func cmdImports(inv invocation, args []string) error {
	fs, dbs := flags("imports", "imports [--user-db FILE]", inv.stderr)
	if _, err := positional(fs, args, 0, "imports takes no arguments"); err != nil {
		return err
	}
	if _, err := os.Stat(*dbs.user); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(inv.stdout, "no imports yet (%s does not exist)\n", *dbs.user)
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
	tw := tabwriter.NewWriter(inv.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "IMPORT\tWHEN (UTC)\tFILE\tSTUDIES")
	for _, imp := range imps {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\n", imp.ID, imp.At.Format("2006-01-02 15:04"), imp.File, len(imp.Studies))
	}
	return tw.Flush()
}
