package main

import (
	_ "embed"
	"regexp"
)

// FyneApp.toml is the one place the version is set; the binary reads it from itself.
//
//go:embed FyneApp.toml
var fyneApp string

// appVersion is "0.1.0 (build 1)", from FyneApp.toml's [Details].
func appVersion() string {
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^\s*` + name + `\s*=\s*"?([^"\n]+?)"?\s*$`).FindStringSubmatch(fyneApp)
		if m == nil {
			return "unknown"
		}
		return m[1]
	}
	return field("Version") + " (build " + field("Build") + ")"
}
