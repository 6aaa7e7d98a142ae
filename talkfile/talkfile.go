// Package talkfile writes a talk's slides as files a conference room takes: a picture of
// each slide (PNG), a PDF of one slide a page, and a PowerPoint file of one picture a slide
// with the slide's sources and full references in its speaker notes, for a presenter to
// add slides of their own around them. It knows slides, not the window.
package talkfile

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"

	"ketamine-explorer/atomicfile"
	"ketamine-explorer/slides"
)

// Options say how a talk is written.
type Options struct {
	Width, Height int // each slide's picture, in pixels
	Title         string
	Date          time.Time // the files' creation date (a fixed one makes them reproducible)
	App           string    // the app's name and version, as the files' creator
	// Progress, if set, is told the share of the slides drawn.
	Progress func(float64)
}

// DefaultWidth and DefaultHeight are a 16:9 slide at the size of a full-HD projector.
const (
	DefaultWidth  = 1920
	DefaultHeight = 1080
)

// Format is what a talk's file is, by its name: .pptx, .pdf, or else a folder of PNGs.
type Format int

const (
	PNGs Format = iota
	PDF
	PPTX
)

// FormatOf is the format a path asks for.
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".pptx":
		return PPTX
	case ".pdf":
		return PDF
	}
	return PNGs
}

// Write writes the slides to path in the format its name asks for, each file whole or
// not at all, and returns the files written.
func Write(ctx context.Context, path string, ss []slides.Slide, p *Painter, opt Options) ([]string, error) {
	if len(ss) == 0 {
		return nil, fmt.Errorf("the talk has no slides to write")
	}
	if opt.Width < 320 || opt.Height < 240 || opt.Width > 7680 || opt.Height > 4320 {
		return nil, fmt.Errorf("a slide of %dx%d pixels: give from 320x240 to 7680x4320", opt.Width, opt.Height)
	}
	pics, err := pictures(ctx, ss, p, opt)
	if err != nil {
		return nil, err
	}
	switch FormatOf(path) {
	case PPTX:
		return []string{path}, atomicfile.Write(path, func(w io.Writer) error { return writePPTX(w, ss, pics, opt) })
	case PDF:
		return []string{path}, atomicfile.Write(path, func(w io.Writer) error { return writePDF(w, pics, opt) })
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("making the folder for the slides: %w", err)
	}
	var files []string
	for i, pic := range pics {
		name, err := atomicfile.Within(path, PictureName(i, ss[i]))
		if err != nil {
			return files, err
		}
		if err := atomicfile.Write(name, func(w io.Writer) error { _, err := w.Write(pic); return err }); err != nil {
			return files, err
		}
		files = append(files, name)
	}
	return files, nil
}

// PictureName is the file of slide i's picture: its place in the talk and its ID, so the
// files sort in the talk's order and say what each shows.
func PictureName(i int, s slides.Slide) string {
	return fmt.Sprintf("%02d-%s.png", i+1, atomicfile.Name(s.ID, 80))
}

// pictures draws every slide as a PNG, on every core.
func pictures(ctx context.Context, ss []slides.Slide, p *Painter, opt Options) ([][]byte, error) {
	out := make([][]byte, len(ss))
	errs := make([]error, len(ss))
	next := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := 0
	for range min(runtime.NumCPU(), len(ss)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = picture(p, ss[i], i+1, len(ss), opt)
				mu.Lock()
				done++
				if opt.Progress != nil {
					opt.Progress(float64(done) / float64(len(ss)))
				}
				mu.Unlock()
			}
		})
	}
	for i := range ss {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func picture(p *Painter, s slides.Slide, n, total int, opt Options) ([]byte, error) {
	img, err := p.Picture(s, n, total, opt.Width, opt.Height)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// opaque, so written without alpha: the PDF takes it as it is
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&b, img); err != nil {
		return nil, fmt.Errorf("encoding slide %s: %w", s.ID, err)
	}
	return b.Bytes(), nil
}

// pageWidth is a PDF page's width in mm: PowerPoint's widescreen slide (13.333 in).
const pageWidth = 338.667

func writePDF(w io.Writer, pics [][]byte, opt Options) error {
	height := pageWidth * float64(opt.Height) / float64(opt.Width)
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", Size: fpdf.SizeType{Wd: pageWidth, Ht: height}})
	pdf.SetTitle(opt.Title, true)
	pdf.SetCreator(opt.App, true)
	pdf.SetCreationDate(opt.Date)
	pdf.SetModificationDate(opt.Date)
	pdf.SetAutoPageBreak(false, 0)
	for i, pic := range pics {
		name := fmt.Sprintf("slide%d", i+1)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(pic))
		pdf.AddPage()
		pdf.ImageOptions(name, 0, 0, pageWidth, height, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("writing the PDF: %w", err)
	}
	return pdf.Output(w)
}
