package handout_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"ketamine-explorer/charts"
	"ketamine-explorer/domain"
	"ketamine-explorer/evidence"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"ketamine-explorer/handout"
)

func bundled(t *testing.T) []domain.IndicationEvidence {
	t.Helper()
	evs, _, err := evidence.BundledEvidence()
	if err != nil {
		t.Fatal(err)
	}
	return evs
}

// pdfText reads one page of a PDF back with poppler's pdftotext.
func pdfText(t *testing.T, path string, page int) string {
	t.Helper()
	args := []string{"-layout", path, "-"}
	if page > 0 {
		args = append([]string{"-f", strconv.Itoa(page), "-l", strconv.Itoa(page)}, args...)
	}
	out, err := exec.Command("pdftotext", args...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

func pages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "Pages:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Fatal("pdfinfo gave no page count")
	return 0
}

func write(t *testing.T, evs []domain.IndicationEvidence) (string, []handout.Section) {
	t.Helper()
	var buf bytes.Buffer
	date := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	secs, err := handout.Write(context.Background(), &buf, evs, handout.Options{Dataset: "2026.11-1", Date: date, App: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "handout.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, secs
}

// Each indication's handout is in sections (cards in three, the charts, references; one
// that runs over goes on on a page titled "(continued)"), every page starting one, saying
// what it is, with the dataset and date in its footer; charts share a page where they fit
// whole, and nothing else shares one; references are numbered with their DOIs.
func TestHandoutPerIndication(t *testing.T) {
	for _, ev := range bundled(t) {
		t.Run(ev.Indication.Key, func(t *testing.T) {
			path, secs := write(t, []domain.IndicationEvidence{ev})
			isChart := map[string]bool{}
			for _, f := range charts.For(ev, "2026.11-1") {
				isChart[ev.Indication.Name+": "+f.Title] = true
			}
			onPage := map[int][]string{}
			for i, s := range secs {
				text := pdfText(t, path, s.Page)
				if i > 0 && s.Page < secs[i-1].Page || !strings.Contains(strings.Join(strings.Fields(text), " "), s.Title) {
					t.Errorf("page %d does not show section %q", s.Page, s.Title)
				}
				if !strings.Contains(text, "Dataset 2026.11-1 · 26 November 2026") {
					t.Errorf("page %d has no dataset and date", s.Page)
				}
				onPage[s.Page] = append(onPage[s.Page], s.Title)
			}
			if n := pages(t, path); n != len(onPage) {
				t.Errorf("%d pages, %d with a section on them: a section ran over its page", n, len(onPage))
			}
			shared := 0
			for page, titles := range onPage {
				if len(titles) > 1 {
					shared++
					if !slices.ContainsFunc(titles, func(t string) bool { return isChart[t] }) || slices.ContainsFunc(titles, func(t string) bool { return !isChart[t] }) {
						t.Errorf("page %d holds %q", page, titles)
					}
				}
			}
			if len(isChart) > 2 && shared == 0 {
				t.Errorf("%d charts, none sharing a page", len(isChart))
			}
			last := len(secs) - 1
			for secs[last].Continued {
				last--
			}
			if secs[last].Title != "References" {
				t.Fatal("the last section is not the references")
			}
			var refs string
			for _, sec := range secs[last:] {
				refs += pdfText(t, path, sec.Page)
			}
			for _, st := range ev.Studies {
				if !strings.Contains(refs, st.Label) {
					t.Errorf("study %s is not in the references", st.Label)
				}
				if st.DOI != "" && !strings.Contains(refs, st.DOI) {
					t.Errorf("the references lack the DOI %s", st.DOI)
				}
			}
		})
	}
}

func TestHandoutOfAllIndications(t *testing.T) {
	evs := bundled(t)
	path, secs := write(t, evs)
	// charts share pages: fewer pages than sections, every page starting one
	onPage := map[int]bool{}
	for _, s := range secs {
		onPage[s.Page] = true
	}
	if n := pages(t, path); n != len(onPage) || n >= len(secs) {
		t.Errorf("%d pages for %d sections on %d pages", n, len(secs), len(onPage))
	}
	all := strings.Join(strings.Fields(pdfText(t, path, 0)), " ") // a long title wraps
	for _, ev := range evs {
		if !strings.Contains(all, ev.Indication.Name+": summary, key numbers and pooled estimates") {
			t.Errorf("no section for %s", ev.Indication.Name)
		}
	}
	if !strings.Contains(pdfText(t, path, 1), "Ketamine and esketamine: the evidence") {
		t.Error("no cover page")
	}
}

func TestCancelledHandoutWritesNothing(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var buf bytes.Buffer
	calls := 0
	_, err := handout.Write(ctx, &buf, bundled(t), handout.Options{Dataset: "x", Date: time.Now()}, func(float64) {
		if calls++; calls == 2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("cancelled: err %v, %d bytes written", err, buf.Len())
	}
}

// A handout of filtered evidence says so on its first page, naming the filters.
func TestFilteredHandoutSaysWhatWasLeftOut(t *testing.T) {
	ev := bundled(t)[0]
	f := domain.Filter{Molecule: "esketamine"}
	ev = f.Apply(ev)
	var buf bytes.Buffer
	if _, err := handout.Write(context.Background(), &buf, []domain.IndicationEvidence{ev},
		handout.Options{Dataset: "x", Date: time.Now(), Filters: f.Chips()}, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "h.pdf")
	os.WriteFile(path, buf.Bytes(), 0o644)
	first := strings.Join(strings.Fields(pdfText(t, path, 1)), " ")
	want := fmt.Sprintf("Only the %d studies that match these filters are shown: Molecule: esketamine.", len(ev.Studies))
	if !strings.Contains(first, want) {
		t.Errorf("page 1 does not say %q:\n%s", want, first)
	}
}

// Text the handout's font cannot draw (an emoji, Arabic, Hebrew) never stops the PDF: it
// reads "?" and the handout says why, while the Latin text around it is intact.
func TestCharactersOutsideTheFontDoNotStopTheHandout(t *testing.T) {
	ev := bundled(t)[0]
	st := &ev.Studies[0]
	st.Title = "Ketamine 😀 trial كيتامين and קטמין, with café and Δ"
	st.Label = "Trial 🧠 2026"
	path, _ := write(t, []domain.IndicationEvidence{ev})
	var all string
	for p := 1; p <= pages(t, path); p++ {
		all += pdfText(t, path, p)
	}
	flat := strings.Join(strings.Fields(all), " ")
	for _, want := range []string{"Ketamine ? trial", "with café and Δ", "Trial ? 2026", "cannot draw"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the handout lacks %q", want)
		}
	}
}

// A handout of evidence that is not an official release says so at the top of its first
// page and in the footer of every page.
func TestHandoutOfAnUnofficialFileSaysSo(t *testing.T) {
	evs := bundled(t)[:1]
	var buf bytes.Buffer
	const warning = "copy.sqlite: not an official release (not signed by a trusted key)"
	opt := handout.Options{Dataset: "2026.12-3 from copy.sqlite, NOT AN OFFICIAL RELEASE", Warning: warning, Date: time.Now(), App: "test"}
	if _, err := handout.Write(context.Background(), &buf, evs, opt, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "handout.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for page := 1; page <= pages(t, path); page++ {
		text := strings.Join(strings.Fields(pdfText(t, path, page)), " ")
		if strings.Count(text, warning) < 1+btoi(page == 1) {
			t.Errorf("page %d does not carry the warning: %.200s", page, text)
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
