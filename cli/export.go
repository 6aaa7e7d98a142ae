package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"ketamine-explorer/domain"
	"ketamine-explorer/export"
	"ketamine-explorer/handout"
)

func cmdExport(inv invocation, args []string) error {
	fs, dbs := flags("export", "export INDICATION|all --out DIR [--width W] [--height H] [--db FILE]", inv.stderr)
	out := fs.String("out", "", "folder to write into (created if missing)")
	width := fs.Int("width", export.HD.Width, "chart width in pixels (3840 for 4K)")
	height := fs.Int("height", 0, "chart height in pixels (0: as tall as each chart needs)")
	pos, err := positional(fs, args, 1, "export needs one indication or `all`, e.g. `export trd --out charts`")
	if err != nil {
		return err
	}
	size := export.Size{Width: *width, Height: *height}
	if *out == "" {
		return usagef("%s", "export needs --out DIR")
	}
	if err := size.Check(); err != nil {
		return domain.Errorf(domain.EINVALID, "%w", err)
	}
	svc, err := dbs.open(false)
	if err != nil {
		return err
	}
	defer svc.Close()
	keys := pos
	if pos[0] == "all" {
		inds, err := svc.Indications()
		if err != nil {
			return err
		}
		keys = nil
		for _, ind := range inds {
			keys = append(keys, ind.Key)
		}
	}
	prov := svc.Provenance()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var written []string
	var evs []domain.IndicationEvidence
	ctx := context.Background()
	job := export.Job{What: export.Everything, Dir: *out, Size: size, Handout: handout.Options{Dataset: prov.Label(), Warning: prov.Warning(), Date: time.Now(), App: inv.version}}
	for _, key := range keys {
		ev, err := svc.Evidence(key, domain.Filter{}, -1)
		if err != nil {
			return err
		}
		evs = append(evs, ev)
		job.Evidence = []domain.IndicationEvidence{ev}
		paths, err := job.Run(ctx, nil)
		written = append(written, paths...)
		if err != nil {
			return err
		}
	}
	if len(evs) > 1 {
		job.What, job.Evidence = export.AllHandouts, evs
		paths, err := job.Run(ctx, nil)
		written = append(written, paths...)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(inv.stdout, "wrote %d files to %s\n", len(written), *out)
	return nil
}
