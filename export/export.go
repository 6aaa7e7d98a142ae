// Package export writes the evidence to files: charts as PNG and SVG, cards as Markdown,
// outcomes as CSV and the PDF handout. Every file is written whole or not at all, and
// long work can be cancelled. The CLI and the window share it.
package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"ketamine-explorer/atomicfile"
	"ketamine-explorer/domain"
	"os"
	"runtime"
	"sync"

	"ketamine-explorer/charts"
	"ketamine-explorer/handout"
)

// Size is a chart's size in pixels; Height 0 makes each chart as tall as it needs.
type Size struct{ Width, Height int }

// Sizes offered for slides and posters.
var (
	HD  = Size{1920, 1080}
	UHD = Size{3840, 2160}
)

// Check says whether a size can be drawn.
func (s Size) Check() error {
	if s.Width < 200 || s.Width > 10000 || s.Height < 0 || s.Height > 10000 || (s.Height > 0 && s.Height < 150) {
		return fmt.Errorf("%dx%d: the width must be 200 to 10000 pixels and the height 0 (as tall as needed) or 150 to 10000", s.Width, s.Height)
	}
	return nil
}

// Chart writes one figure as PNG and SVG into dir, its caption (sources, dataset) drawn
// into both, and returns the paths written.
func Chart(dir string, f charts.Figure, size Size) ([]string, error) {
	paths, _, err := chart(dir, f, size)
	return paths, err
}

// chart writes one figure's files and returns their paths and the PNG's bytes.
func chart(dir string, f charts.Figure, size Size) ([]string, []byte, error) {
	if err := size.Check(); err != nil {
		return nil, nil, err
	}
	// figures are designed DesignWidth pixels wide; larger sizes scale the type with them
	scale := float64(size.Width) / charts.DesignWidth
	h := size.Height
	if h == 0 {
		h = int(float64(charts.PreferredHeight(f, charts.DesignWidth)) * scale)
	}
	opt := charts.Options{Scale: scale}
	var paths []string
	var pic []byte
	for _, format := range []struct {
		ext  string
		draw func(charts.Figure, int, int, charts.Options) ([]byte, error)
	}{{".png", charts.PNG}, {".svg", charts.SVG}} {
		b, err := format.draw(f, size.Width, h, opt)
		if err != nil {
			return paths, nil, fmt.Errorf("drawing %s: %w", f.ID, err)
		}
		p, err := atomicfile.Within(dir, FileStem(f)+format.ext)
		if err != nil {
			return paths, nil, err
		}
		if err := atomicfile.Write(p, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
			return paths, nil, err
		}
		paths = append(paths, p)
		if format.ext == ".png" {
			pic = b
		}
	}
	return paths, pic, nil
}

// chartFiles writes every figure's files, on every core, in the figures' order; the PNGs of a
// full-HD export are kept for the handout, which shows the same drawing.
func chartFiles(ctx context.Context, dir string, figs []charts.Figure, size Size, done func()) ([]string, map[string][]byte, error) {
	type result struct {
		paths []string
		pic   []byte
		err   error
	}
	results := make([]result, len(figs))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range min(runtime.NumCPU(), max(len(figs), 1)) {
		wg.Go(func() {
			for i := range next {
				r := &results[i]
				r.paths, r.pic, r.err = chart(dir, figs[i], size)
				mu.Lock()
				done()
				mu.Unlock()
			}
		})
	}
	for i := range figs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	var paths []string
	pics := map[string][]byte{}
	for i, r := range results {
		paths = append(paths, r.paths...)
		if r.err != nil {
			return paths, nil, r.err
		}
		if size.Width == handout.ChartWidth && size.Height == 0 {
			pics[figs[i].ID] = r.pic
		}
	}
	return paths, pics, ctx.Err()
}

// FileStem names a chart's files: its ID (the indication, its place and its kind, as
// --present-chart takes it) and then what it shows, from its title and what sets it apart
// from a chart of the same title (the arms a forest plot's sides favour, the first study and
// measure a bar chart draws), so that a folder of exports says which chart is which
// ("trd-07-forest-effect-estimates-mean-difference-madrs-points-esketamine-vs-new-oral-ad").
func FileStem(f charts.Figure) string {
	detail := ""
	switch {
	case f.Axis.FavoursBelow != "":
		detail = f.Axis.FavoursBelow + " vs " + f.Axis.FavoursAbove
	case len(f.Groups) > 0:
		detail = f.Groups[0].Title
	}
	stem := orIndication(atomicfile.Name(f.ID, 40))
	unit := ""
	if f.Kind == "bars" {
		unit = f.Axis.Label // a study's bars in two units are two charts of one title
	}
	for _, part := range []string{atomicfile.Name(f.Title, 48), atomicfile.Name(detail, 32), atomicfile.Name(unit, 14)} {
		if part != "" {
			stem += "-" + part
		}
	}
	return stem
}

// What says what an export job writes.
type What int

// What a job can write.
const (
	OneChart    What = iota // one chart as PNG and SVG
	Everything              // an indication's charts, cards (Markdown), outcomes (CSV) and handout
	OneHandout              // an indication's PDF handout
	AllHandouts             // one PDF handout of every indication given
	OutcomesCSV             // an indication's outcomes with their sources (CSV)
)

// Job is one export: the CLI and the window both describe what they want as a Job.
type Job struct {
	What     What
	Dir      string
	Size     Size                        // of charts
	Figure   *charts.Figure              // the chart, for OneChart
	Evidence []domain.IndicationEvidence // one indication, or every one for AllHandouts
	Handout  handout.Options
}

// The file names an export writes, from the indication's key.
func fileName(key, what string) string { return orIndication(atomicfile.Name(key, 40)) + "-" + what }

// orIndication names a file whose indication's key has no letter or digit to name it by.
func orIndication(name string) string {
	if name == "" {
		return "indication"
	}
	return name
}

// AllHandoutName is the handout of every indication.
const AllHandoutName = "all-handout.pdf"

// Files lists the names of the files the job writes into Dir, in the order written.
func (j Job) Files() []string {
	chart := func(f charts.Figure) []string { return []string{FileStem(f) + ".png", FileStem(f) + ".svg"} }
	if j.What == OneChart {
		return chart(*j.Figure)
	}
	if len(j.Evidence) == 0 {
		return nil
	}
	key := j.Evidence[0].Indication.Key
	switch j.What {
	case OneHandout:
		return []string{fileName(key, "handout.pdf")}
	case AllHandouts:
		return []string{AllHandoutName}
	case OutcomesCSV:
		return []string{fileName(key, "outcomes.csv")}
	}
	var out []string
	for _, f := range charts.For(j.Evidence[0], j.Handout.Dataset) {
		out = append(out, chart(f)...)
	}
	return append(out, fileName(key, "cards.md"), fileName(key, "outcomes.csv"), fileName(key, "references.ris"),
		fileName(key, "references.bib"), fileName(key, "handout.pdf"))
}

// Existing lists the files of the job that are already in Dir: what running it replaces.
func (j Job) Existing() []string {
	var out []string
	for _, name := range j.Files() {
		if p, err := atomicfile.Within(j.Dir, name); err == nil && exists(p) {
			out = append(out, name)
		}
	}
	return out
}

// Run does the job, telling progress the share done, and returns the paths of the
// complete files written (those written before an error or a cancel too).
func (j Job) Run(ctx context.Context, progress func(float64)) ([]string, error) {
	if j.What == OneChart {
		return Chart(j.Dir, *j.Figure, j.Size)
	}
	if len(j.Evidence) == 0 {
		return nil, fmt.Errorf("nothing to export")
	}
	ev := j.Evidence[0]
	key := ev.Indication.Key
	one := func(name string, write func(path string) error) ([]string, error) {
		p, err := atomicfile.Within(j.Dir, name)
		if err == nil {
			err = write(p)
		}
		if err != nil {
			return nil, err
		}
		return []string{p}, nil
	}
	switch j.What {
	case OneHandout:
		return one(fileName(key, "handout.pdf"), func(p string) error { return handoutFile(ctx, p, j.Evidence[:1], j.Handout, progress) })
	case AllHandouts:
		return one(AllHandoutName, func(p string) error { return handoutFile(ctx, p, j.Evidence, j.Handout, progress) })
	case OutcomesCSV:
		return one(fileName(key, "outcomes.csv"), func(p string) error { return outcomes(p, ev) })
	}
	return indication(ctx, j.Dir, ev, j.Handout, j.Size, progress)
}

// indication writes everything for one indication into dir: its charts, cards as
// Markdown, outcomes with their sources as CSV, and its PDF handout. progress is told the
// share done.
func indication(ctx context.Context, dir string, ev domain.IndicationEvidence, opt handout.Options, size Size, progress func(float64)) ([]string, error) {
	dataset := opt.Dataset
	figs := charts.For(ev, dataset)
	steps := float64(len(figs) + 2)
	drawn := 0
	paths, pics, err := chartFiles(ctx, dir, figs, size, func() { drawn++; report(progress, float64(drawn)/steps) })
	if err != nil {
		return paths, err
	}
	opt.Charts = pics
	key := ev.Indication.Key
	write := func(name string, fn func(path string) error) error {
		p, err := atomicfile.Within(dir, name)
		if err == nil {
			err = fn(p)
		}
		if err == nil {
			paths = append(paths, p)
		}
		return err
	}
	if err := write(fileName(key, "cards.md"), func(p string) error {
		return atomicfile.Write(p, func(w io.Writer) error { return Markdown(w, ev, dataset) })
	}); err != nil {
		return paths, err
	}
	if err := write(fileName(key, "outcomes.csv"), func(p string) error { return outcomes(p, ev) }); err != nil {
		return paths, err
	}
	// the references, for a reference manager (Zotero, EndNote reads RIS) or LaTeX
	for _, format := range []struct {
		ext  string
		cite func(*domain.Study) string
	}{{"ris", (*domain.Study).RIS}, {"bib", (*domain.Study).BibTeX}} {
		err := write(fileName(key, "references."+format.ext), func(p string) error {
			return atomicfile.Write(p, func(w io.Writer) error {
				for i := range ev.Studies {
					if _, err := io.WriteString(w, format.cite(&ev.Studies[i])+"\n"); err != nil {
						return err
					}
				}
				return nil
			})
		})
		if err != nil {
			return paths, err
		}
	}
	err = write(fileName(key, "handout.pdf"), func(p string) error {
		return handoutFile(ctx, p, []domain.IndicationEvidence{ev}, opt, func(f float64) { report(progress, (steps-1+f)/steps) })
	})
	return paths, err
}

// outcomes writes an indication's outcomes, each with its source, as CSV.
func outcomes(path string, ev domain.IndicationEvidence) error {
	return atomicfile.Write(path, func(w io.Writer) error { return WriteCSV(w, ev) })
}

// handoutFile writes the PDF handout of the given indications to path.
func handoutFile(ctx context.Context, path string, evs []domain.IndicationEvidence, opt handout.Options, progress func(float64)) error {
	var buf bytes.Buffer
	if _, err := handout.Write(ctx, &buf, evs, opt, progress); err != nil {
		return err
	}
	return atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err })
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func report(progress func(float64), f float64) {
	if progress != nil {
		progress(f)
	}
}
