package cli

import "regexp"

// appVersion is the running app's version, as Run was given it.
var appVersion = "unknown"

// Version reads "0.1.0 (build 1)" from the text of FyneApp.toml's [Details], the one
// place the version is set (main embeds the file).
func Version(fyneAppTOML string) string {
	field := func(name string) string {
		m := regexp.MustCompile(`(?m)^\s*` + name + `\s*=\s*"?([^"\n]+?)"?\s*$`).FindStringSubmatch(fyneAppTOML)
		if m == nil {
			return "unknown"
		}
		return m[1]
	}
	return field("Version") + " (build " + field("Build") + ")"
}
