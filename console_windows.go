//go:build windows

package main

import (
	"os"
	"syscall"
)

// The Windows build is a GUI-subsystem exe, which has no console of its own: when it is
// run as a command (with arguments) from a terminal, write to that terminal.
func init() {
	if len(os.Args) < 2 {
		return
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
}
