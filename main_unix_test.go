//go:build unix

package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// temporaries lists the temporary files under dir: what a write cut off would leave.
func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".tmp") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// Ctrl+C (SIGINT) or a stop from the system (SIGTERM) in the middle of an export ends it
// at once with the shell's exit code, a sentence, and no temporary file left: each signal
// is sent the moment a file is being written.
func TestASignalLeavesNoHalfWrittenFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		caught := false
		for try := 0; try < 20 && !caught; try++ {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "export", "all", "--out", dir)
			cmd.Env = append(os.Environ(), "KEE_TEST_RUN_MAIN=1")
			var errOut bytes.Buffer
			cmd.Stderr = &errOut
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			// watch for the first temporary file; the export may end before one is seen
			var err error
		watch:
			for {
				select {
				case err = <-exited:
					break watch
				default:
				}
				if len(temporaries(t, dir)) > 0 {
					cmd.Process.Signal(sig)
					err = <-exited
					caught = true
					break
				}
			}
			if !caught {
				continue
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != 128+int(sig) || !strings.Contains(errOut.String(), "no file was left half-written") {
				t.Errorf("%v: exit %v, %q", sig, err, errOut.String())
			}
			if left := temporaries(t, dir); len(left) > 0 {
				t.Errorf("%v left %v", sig, left)
			}
		}
		if !caught {
			t.Errorf("%v: no export was seen writing a file in 20 tries", sig)
		}
	}
}
