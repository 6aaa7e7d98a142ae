// Command ketamine-explorer shows the published evidence on ketamine and esketamine,
// indication by indication: a desktop window with no arguments, a CLI with them.
package main

import (
	_ "embed"
	"os"

	"ketamine-explorer/cli"
	_ "ketamine-explorer/locale" // before Fyne: see the package
)

// FyneApp.toml is the one place the version is set; the binary reads it from itself.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	os.Exit(cli.Run(cli.Version(fyneApp), os.Args[1:], os.Stdout, os.Stderr))
}
