// Command builddb turns the evidence files (data/evidence/*.json) into the SQLite database
// the app bundles (resources/evidence.sqlite). Run it with `make db` after editing evidence.
package main

import (
	"flag"
	"fmt"
	"os"

	"ketamine-explorer/data"
)

func main() {
	in := flag.String("evidence", "data/evidence", "folder of evidence JSON files")
	out := flag.String("out", "resources/evidence.sqlite", "database file to write")
	flag.Parse()
	ds, err := data.LoadDir(os.DirFS(*in))
	if err == nil {
		err = data.Build(ds, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "builddb:", err)
		os.Exit(1)
	}
	fmt.Printf("builddb: wrote %s (%d indications, %d studies, dataset %s)\n", *out, len(ds.Indications), len(ds.Studies), ds.Version)
}
