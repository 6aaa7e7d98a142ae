// Command ketamine-explorer shows the published evidence on ketamine and esketamine,
// indication by indication: a desktop window with no arguments, a CLI with them.
package main

import (
	_ "embed"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/cli"
	_ "ketamine-explorer/locale" // before Fyne: see the package
)

// FyneApp.toml is the one place the version is set; the binary reads it from itself.
//
//go:embed FyneApp.toml
var fyneApp string

func main() {
	go stopOnSignal()
	os.Exit(cli.Run(cli.Version(fyneApp), os.Args[1:], os.Stdout, os.Stderr))
}

// stopOnSignal ends the process on Ctrl+C or a stop from the system (SIGTERM), after
// removing the files it was half-way through writing: every file the app writes is made
// under a temporary name and renamed into place, so what is in place stays whole. The exit
// code is the shell's for a signal, 128 + its number.
func stopOnSignal() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)
	sig := <-stop
	atomicfile.Abandon()
	fmt.Fprintf(os.Stderr, "ketamine-explorer: stopped (%v); no file was left half-written\n", sig)
	code := 130
	if n, ok := sig.(syscall.Signal); ok {
		code = 128 + int(n)
	}
	os.Exit(code)
}
