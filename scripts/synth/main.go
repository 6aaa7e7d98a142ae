// Command synth writes a synthetic evidence database in the app's schema, for measuring
// how the app scales (make synth, make bench). Its dataset version starts "SYNTHETIC" and
// every study label says so; it is written under out/ and never bundled.
package main

import (
	"flag"
	"fmt"
	"os"

	"ketamine-explorer/data"
	"ketamine-explorer/data/synthetic"
)

func main() {
	studies := flag.Int("studies", 10000, "number of studies")
	outcomes := flag.Int("outcomes", 10, "outcomes per study")
	out := flag.String("out", "out/synthetic.sqlite", "database file to write")
	flag.Parse()
	if *studies < 1 || *outcomes < 2 {
		fmt.Fprintln(os.Stderr, "synth: need at least 1 study and 2 outcomes per study")
		os.Exit(2)
	}
	if err := data.Build(synthetic.Dataset(*studies, *outcomes), *out); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
	fmt.Printf("synth: wrote %s (%d studies, %d outcomes)\n", *out, *studies, *studies**outcomes)
}
