package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestMain(m *testing.M) {
	if os.Getenv("KEE_TEST_RUN_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// In any locale, and in none, a command prints what it was asked for and nothing else:
// no "Error parsing user locale" lines from Fyne before it.
func TestNoLocaleNoise(t *testing.T) {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LANG") && !strings.HasPrefix(kv, "LC_") {
			env = append(env, kv)
		}
	}
	env = append(env, "KEE_TEST_RUN_MAIN=1")
	for _, locale := range []string{"LANG=C.UTF-8", "LANG=C", "LC_ALL=C.UTF-8", "LANG=POSIX", "LANG=en_US.UTF-8", ""} {
		cmd := exec.Command(os.Args[0], "list")
		cmd.Env = append(env, locale)
		var errOut strings.Builder
		cmd.Stderr = &errOut
		out, err := cmd.Output()
		if err != nil || errOut.Len() > 0 || !strings.HasPrefix(string(out), "KEY ") {
			t.Errorf("%q list: %v\nstdout: %s\nstderr: %s", locale, err, out, errOut.String())
		}
	}
}
