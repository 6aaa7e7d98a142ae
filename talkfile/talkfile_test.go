package talkfile_test

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/theme"

	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"ketamine-explorer/slides"
	"ketamine-explorer/synthesis"
	"ketamine-explorer/talkfile"
)

// defaultTalk is the TRD default talk (what presenting TRD shows) and a painter in the
// window's fonts.
func defaultTalk(t *testing.T) ([]slides.Slide, *talkfile.Painter) {
	t.Helper()
	evs, version, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(evs, func(ev domain.IndicationEvidence) bool { return ev.Indication.Key == "trd" })
	p, err := talkfile.NewPainter(talkfile.Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content()})
	if err != nil {
		t.Fatal(err)
	}
	return slides.Talk(evs[i], domain.Provenance{Version: version, Bundled: true}), p
}

func write(t *testing.T, name string, ss []slides.Slide, p *talkfile.Painter, w, h int) (string, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	files, err := talkfile.Write(context.Background(), path, ss, p, talkfile.Options{Width: w, Height: h, Title: "TRD", Date: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC), App: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return path, files
}

// tool finds a program the tests read files back with, or fails saying how to get it.
func tool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if runtime.GOOS == "darwin" {
		if p := "/Applications/LibreOffice.app/Contents/MacOS/soffice"; slices.Contains(names, "soffice") && exists(p) {
			return p
		}
	}
	t.Fatalf("%s is needed to read the talk back: `make test` installs it (scripts/install-deps.sh test)", names[0])
	return ""
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdfPages is a PDF's page count and first page's size in points, by poppler's pdfinfo.
func pdfPages(t *testing.T, path string) (int, float64, float64) {
	t.Helper()
	info := run(t, tool(t, "pdfinfo"), path)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	size := regexp.MustCompile(`(?m)^Page size:\s+([\d.]+) x ([\d.]+) pts`).FindStringSubmatch(info)
	if m == nil || size == nil {
		t.Fatalf("pdfinfo says:\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	w, _ := strconv.ParseFloat(size[1], 64)
	h, _ := strconv.ParseFloat(size[2], 64)
	return n, w, h
}

// readPage renders one page of a PDF and reads its text with tesseract, as a person in
// the room would read the slide.
func readPage(t *testing.T, pdf string, page int) string {
	t.Helper()
	dir := t.TempDir()
	run(t, tool(t, "pdftoppm"), "-r", "110", "-png", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile", pdf, filepath.Join(dir, "page"))
	return strings.Join(strings.Fields(run(t, tool(t, "tesseract"), filepath.Join(dir, "page.png"), "-")), " ")
}

// The talk as PowerPoint opens in a real reader: LibreOffice Impress converts it to a PDF
// with a 16:9 page for each slide, and the pages read back as the slides (the title of the
// first, the favours labels and the pooled estimate of the pooled forest plot).
func TestPowerPointOpensInImpress(t *testing.T) {
	ss, p := defaultTalk(t)
	path, _ := write(t, "talk.pptx", ss, p, talkfile.DefaultWidth, talkfile.DefaultHeight)
	soffice := tool(t, "soffice", "libreoffice")
	out := t.TempDir()
	profile := "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))
	run(t, soffice, "-env:UserInstallation="+profile, "--headless", "--convert-to", "pdf", "--outdir", out, path)
	pdf := filepath.Join(out, "talk.pdf")
	n, w, h := pdfPages(t, pdf)
	if n != len(ss) {
		t.Errorf("Impress reads %d slides, the talk has %d", n, len(ss))
	}
	if r := w / h; r < 1.77 || r > 1.78 {
		t.Errorf("Impress's page is %.0fx%.0f pt, not 16:9", w, h)
	}
	if text := readPage(t, pdf, 1); !strings.Contains(text, "Treatment-resistant depression") {
		t.Errorf("the first page reads %q, not the talk's first slide", text)
	}
	at := slices.IndexFunc(ss, func(s slides.Slide) bool {
		return s.Figure != nil && slices.Contains(s.Sources, slides.PooledSource)
	})
	if at < 0 {
		t.Fatal("the TRD default talk has no pooled forest plot")
	}
	f := ss[at].Figure
	var diamond charts.Row
	for _, r := range f.Rows() {
		if r.Shape == charts.Diamond {
			diamond = r
		}
	}
	text := readPage(t, pdf, at+1)
	for _, want := range []string{"favours " + f.Axis.FavoursBelow, "favours " + f.Axis.FavoursAbove, synthesis.Num(diamond.Value)} {
		if !strings.Contains(text, want) {
			t.Errorf("the pooled forest plot's page does not read %q: %q", want, text)
		}
	}
}

// Each slide of the .pptx is the slide's picture at full bleed, described for a screen
// reader, with the slide's sources and the full references of its studies in its notes;
// every part is well-formed XML.
func TestPowerPointHoldsNotesAndPictures(t *testing.T) {
	ss, p := defaultTalk(t)
	path, _ := write(t, "talk.pptx", ss, p, 1280, 720)
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(b)
		if strings.HasSuffix(f.Name, ".xml") || strings.HasSuffix(f.Name, ".rels") {
			wellFormed(t, f.Name, b)
		}
	}
	for i, s := range ss {
		pic, ok := parts[fmt.Sprintf("ppt/media/slide%d.png", i+1)]
		if !ok {
			t.Fatalf("slide %d has no picture", i+1)
		}
		cfg, err := png.DecodeConfig(strings.NewReader(pic))
		if err != nil || cfg.Width != 1280 || cfg.Height != 720 {
			t.Errorf("slide %d's picture: %dx%d, %v", i+1, cfg.Width, cfg.Height, err)
		}
		slide := parts[fmt.Sprintf("ppt/slides/slide%d.xml", i+1)]
		if !strings.Contains(slide, `cx="12192000" cy="6858000"`) || !strings.Contains(slide, xmlText(s.Title)) {
			t.Errorf("slide %d is not its picture at full bleed described by its title %q", i+1, s.Title)
		}
		notes := parts[fmt.Sprintf("ppt/notesSlides/notesSlide%d.xml", i+1)]
		if !strings.Contains(notes, xmlText("Dataset "+s.Provenance.Label())) {
			t.Errorf("slide %d's notes do not name the dataset", i+1)
		}
		for _, c := range s.Cited {
			if !strings.Contains(notes, xmlText(c)) {
				t.Errorf("slide %d's notes lack the reference %q", i+1, c)
			}
		}
	}
	if !strings.Contains(parts["ppt/presentation.xml"], `<p:sldSz cx="12192000" cy="6858000"/>`) {
		t.Error("the deck is not 16:9")
	}
}

func xmlText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func wellFormed(t *testing.T, name string, b []byte) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(b)))
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// The talk as PDF has a page a slide, 16:9, each the slide as presented.
func TestPDFHasAPageASlide(t *testing.T) {
	ss, p := defaultTalk(t)
	path, _ := write(t, "talk.pdf", ss, p, talkfile.DefaultWidth, talkfile.DefaultHeight)
	n, w, h := pdfPages(t, path)
	if n != len(ss) {
		t.Errorf("%d pages for %d slides", n, len(ss))
	}
	if r := w / h; r < 1.77 || r > 1.78 {
		t.Errorf("pages of %.0fx%.0f pt, not 16:9", w, h)
	}
	if text := readPage(t, path, len(ss)); !strings.Contains(text, "references") {
		t.Errorf("the last page reads %q, not the talk's references", text)
	}
}

// A PNG of each slide, at the size asked for, named in the talk's order by what it shows.
func TestPNGsAtChosenSize(t *testing.T) {
	ss, p := defaultTalk(t)
	dir, files := write(t, "slides", ss, p, 1024, 768)
	if len(files) != len(ss) {
		t.Fatalf("%d files for %d slides", len(files), len(ss))
	}
	if !slices.IsSorted(files) {
		t.Errorf("the files do not sort in the talk's order: %v", files)
	}
	for i, f := range files {
		if want := filepath.Join(dir, talkfile.PictureName(i, ss[i])); f != want {
			t.Errorf("slide %d written to %s, not %s", i+1, f, want)
		}
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(r)
		r.Close()
		if err != nil || cfg.Width != 1024 || cfg.Height != 768 {
			t.Errorf("%s: %dx%d, %v", f, cfg.Width, cfg.Height, err)
		}
	}
}

// A talk of no slides, or at a size no projector has, is refused in words, writing nothing.
func TestRefusesWhatItCannotWrite(t *testing.T) {
	ss, p := defaultTalk(t)
	dir := t.TempDir()
	for _, c := range []struct {
		ss   []slides.Slide
		w, h int
	}{{nil, 1920, 1080}, {ss, 100, 100}, {ss, 20000, 1080}} {
		path := filepath.Join(dir, "t.pptx")
		if _, err := talkfile.Write(context.Background(), path, c.ss, p, talkfile.Options{Width: c.w, Height: c.h}); err == nil {
			t.Errorf("%d slides at %dx%d written", len(c.ss), c.w, c.h)
		}
		if exists(path) {
			t.Errorf("a refused talk left %s", path)
		}
	}
}
