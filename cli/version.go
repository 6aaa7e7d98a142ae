package cli

import (
	"fmt"
	"regexp"
)

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

func cmdVersion(inv invocation, args []string) error {
	fs, dbs := flags("version", "version [--db FILE]", inv.stderr)
	_, svc, err := openWith(fs, dbs, args, 0, "version takes no arguments")
	if err != nil {
		return err
	}
	defer svc.Close()
	prov := svc.Provenance()
	if w := prov.Warning(); w != "" {
		fmt.Fprintln(inv.stdout, w)
	}
	fmt.Fprintf(inv.stdout, "Ketamine Evidence Explorer %s, dataset %s\n", inv.version, prov.Label())
	if prov.KeyID != "" {
		fmt.Fprintf(inv.stdout, "Signed with key %s\n", prov.KeyID)
	}
	return nil
}
