package cli

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/slides"
	"ketamine-explorer/talkfile"
	"ketamine-explorer/talks"
	"ketamine-explorer/ui"
)

// cmdTalk writes a talk, of slides given by ID or saved in the window by name, as a
// PowerPoint file, a PDF or a folder of PNGs.
func cmdTalk(inv invocation, args []string) error {
	fs, dbs := flags("talk", "talk (--slides ID,ID,... | --name NAME) --out FILE.pptx|FILE.pdf|DIR [--size WxH] [--db FILE]", inv.stderr)
	ids := fs.String("slides", "", "the talk's slides as `ID,ID,...`, in order (slides INDICATION --all lists them; a study's are INDICATION-study-ID, a pooled estimate's its pool_id in show --format json; a talk ends with the references it cites)")
	name := fs.String("name", "", "a talk saved in the window, by `NAME`")
	out := fs.String("out", "", "`FILE`.pptx (PowerPoint), FILE.pdf, or a folder for a PNG of each slide")
	size := fs.String("size", fmt.Sprintf("%dx%d", talkfile.DefaultWidth, talkfile.DefaultHeight), "each slide's picture in pixels, `WxH`")
	if _, err := positional(fs, args, 0, "talk takes options only, e.g. `talk --slides trd-overview,trd-07-forest --out talk.pptx`"); err != nil {
		return err
	}
	var w, h int
	if _, err := fmt.Sscanf(*size, "%dx%d", &w, &h); err != nil {
		return usagef("--size %q: give WIDTHxHEIGHT in pixels, e.g. 1920x1080", *size)
	}
	switch {
	case *out == "":
		return usagef("talk needs --out FILE.pptx, FILE.pdf or a folder")
	case (*ids == "") == (*name == ""):
		return usagef("talk needs either --slides ID,ID,... or --name NAME")
	}
	talk := talks.Talk{Name: "Talk"}
	if *name != "" {
		book, err := talks.Load(ui.TalksFile(*dbs.user))
		if err != nil {
			return err
		}
		t, ok := book.Find(*name)
		if !ok {
			return domain.Errorf(domain.ENOTFOUND, "no talk is saved as %q (saved: %s)", *name, orNone(book.Names()))
		}
		talk = t
	} else {
		for _, id := range strings.Split(*ids, ",") {
			if id = strings.TrimSpace(id); id != "" {
				talk.Slides = append(talk.Slides, slides.Pick{ID: id})
			}
		}
	}
	svc, err := dbs.open(false)
	if err != nil {
		return err
	}
	defer svc.Close()
	ss, version, err := composeTalk(svc, talk)
	if err != nil {
		return err
	}
	p, err := talkfile.NewPainter(ui.SlideFonts())
	if err != nil {
		return err
	}
	files, err := talkfile.Write(context.Background(), *out, ss, p, talkfile.Options{
		Width: w, Height: h, Title: talk.Name + " (Ketamine Evidence Explorer, dataset " + version + ")",
		Date: time.Now(), App: "Ketamine Evidence Explorer " + inv.version})
	if err != nil {
		return err
	}
	fmt.Fprintf(inv.stdout, "wrote %s of %s to %s\n", domain.Plural(len(files), "file", "files"), domain.Plural(len(ss), "slide", "slides"), *out)
	return nil
}

// composeTalk lays a talk out from every indication's evidence, unfiltered: a talk's slides
// are the same wherever it is presented or exported.
func composeTalk(svc *evidence.Service, t talks.Talk) ([]slides.Slide, string, error) {
	prov := svc.Provenance()
	inds, err := svc.Indications()
	if err != nil {
		return nil, "", err
	}
	var evs []domain.IndicationEvidence
	for _, ind := range inds {
		if !slices.ContainsFunc(t.Slides, func(p slides.Pick) bool { return strings.HasPrefix(p.ID, ind.Key+"-") }) {
			continue // only the indications the talk shows are read
		}
		ev, err := svc.Evidence(ind.Key, domain.Filter{}, -1)
		if err != nil {
			return nil, "", err
		}
		evs = append(evs, ev)
	}
	ss, err := slides.Compose(evs, prov, t.Slides)
	if err != nil {
		return nil, "", domain.Errorf(domain.EINVALID, "%w", err)
	}
	return ss, prov.Label(), nil
}

func orNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
