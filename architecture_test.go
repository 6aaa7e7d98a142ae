package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// goList runs `go list` with a template over one package of this module.
func goList(t *testing.T, flag, format, pkg string) []string {
	t.Helper()
	args := []string{"list", "-f", format, "./" + pkg}
	if flag != "" {
		args = slices.Insert(args, 1, flag)
	}
	out, err := exec.Command("go", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", pkg, err, out)
	}
	return strings.Fields(string(out))
}

// Dependencies point inward: the domain and the pooling engine import nothing but the
// standard library; what
// draws, writes or parses evidence knows nothing of SQLite or the window; the store and the
// service know nothing of the window; the window reaches SQLite only through the service.
func TestDependenciesPointInward(t *testing.T) {
	for _, pkg := range []string{"domain", "pooling"} {
		if deps := goList(t, "-deps", "{{if not .Standard}}{{.ImportPath}}{{end}}", pkg); !slices.Equal(deps, []string{"ketamine-explorer/" + pkg}) {
			t.Errorf("%s depends on %v", pkg, deps)
		}
	}
	forbidden := func(pkg string, deps []string, bad ...string) {
		for _, d := range deps {
			for _, b := range bad {
				if d == b || strings.HasPrefix(d, b+"/") {
					t.Errorf("%s depends on %s", pkg, d)
				}
			}
		}
	}
	for _, pkg := range []string{"domain", "pooling", "synthesis", "charts", "slides", "talks", "talkfile", "handout", "export", "csvimport", "atomicfile", "safecsv", "signing", "spool"} {
		forbidden(pkg, goList(t, "-deps", "{{.ImportPath}}", pkg), "github.com/mattn/go-sqlite3", "database/sql", "fyne.io/fyne/v2", "ketamine-explorer/data", "ketamine-explorer/evidence")
	}
	for _, pkg := range []string{"data", "evidence", "releases"} {
		forbidden(pkg, goList(t, "-deps", "{{.ImportPath}}", pkg), "fyne.io/fyne/v2", "ketamine-explorer/ui", "ketamine-explorer/charts")
	}
	forbidden("ui", goList(t, "", `{{join .Imports " "}}`, "ui"), "ketamine-explorer/data", "database/sql", "github.com/mattn/go-sqlite3")
}
