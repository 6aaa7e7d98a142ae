// Command ketamine-explorer shows the published evidence on ketamine and esketamine,
// indication by indication: a desktop window with no arguments, a CLI with them.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
