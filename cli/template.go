package cli

import (
	"ketamine-explorer/atomicfile"
)

func cmdTemplate(inv invocation, args []string) error {
	fs, dbs := flags("template", "template [--out FILE] [--db FILE]", inv.stderr)
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	_, svc, err := openWith(fs, dbs, args, 0, "template takes no arguments")
	if err != nil {
		return err
	}
	defer svc.Close()
	if *out == "" {
		return svc.Template(inv.stdout)
	}
	return atomicfile.Write(*out, svc.Template)
}
