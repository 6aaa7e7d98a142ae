package charts_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ketamine-explorer/charts"
	"ketamine-explorer/data"
	"ketamine-explorer/resources"
)

func allFigures(t *testing.T) map[string]struct {
	ev   domain.IndicationEvidence
	figs []charts.Figure
} {
	t.Helper()
	s, err := data.OpenBytes(resources.EvidenceDB, "bundled")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inds, _ := s.Indications()
	out := map[string]struct {
		ev   domain.IndicationEvidence
		figs []charts.Figure
	}{}
	for _, ind := range inds {
		ev, err := s.Evidence(ind.Key)
		if err != nil {
			t.Fatal(err)
		}
		out[ind.Key] = struct {
			ev   domain.IndicationEvidence
			figs []charts.Figure
		}{ev, charts.For(ev, "test-1")}
	}
	return out
}

func outcomeOf(ev domain.IndicationEvidence, r charts.Row) (domain.Study, domain.Outcome) {
	for _, st := range ev.Studies {
		if st.ID == r.StudyID {
			if o := st.OutcomeByID(r.OutcomeID); o != nil {
				return st, *o
			}
			return st, domain.Outcome{}
		}
	}
	return domain.Study{}, domain.Outcome{}
}

// Bars are drawn from zero on an axis that holds zero and every value, negative ones
// (changes from baseline, as ASPIRE II's MADRS changes) included.
func TestBarsStartAtZeroAndShowTheReportedNumbers(t *testing.T) {
	negative := 0
	for key, x := range allFigures(t) {
		for _, f := range x.figs {
			if f.Kind != "bars" {
				continue
			}
			if f.Axis.Min > 0 || f.Axis.Max < 0 || f.Axis.Max <= f.Axis.Min || f.Axis.Log {
				t.Errorf("%s: bar axis from %v to %v leaves out zero", f.ID, f.Axis.Min, f.Axis.Max)
			}
			for _, r := range f.Rows() {
				st, o := outcomeOf(x.ev, r)
				if r.Shape == charts.Bar && (o.Value == nil || r.Value != o.Value.Float() || r.Value > f.Axis.Max || r.Value < f.Axis.Min) {
					t.Errorf("%s/%s: bar %v does not match its outcome or lies off the axis %v to %v", key, r.OutcomeID, r.Value, f.Axis.Min, f.Axis.Max)
				}
				if r.Shape == charts.Bar && r.Value < 0 {
					negative++
				}
				// a value read at second hand says so
				text, secondary := strings.CutSuffix(r.ValueText, " (secondary)")
				if text == "" || !strings.HasPrefix(domain.FormatValue(o), text) || secondary != st.SecondarySource(o.Source) {
					t.Errorf("%s: label %q is not the reported value", r.OutcomeID, r.ValueText)
				}
			}
		}
	}
	if negative == 0 {
		t.Error("no bar of a negative value was drawn: the bundled changes from baseline (ASPIRE II) are missing")
	}
}

func TestIVVersusIntranasalComesFirstForTRD(t *testing.T) {
	figs := allFigures(t)["trd"].figs
	f := figs[0]
	if f.Title != "IV ketamine vs intranasal esketamine" {
		t.Fatalf("first trd figure is %q", f.Title)
	}
	var labels []string
	for _, r := range f.Rows() {
		labels = append(labels, r.Label+"="+r.ValueText)
	}
	if got := strings.Join(labels, ","); got != "IV ketamine=49.22% reduction,IN esketamine=39.55% reduction" {
		t.Errorf("rows = %s", got)
	}
	var timecourse bool
	for _, f := range figs {
		timecourse = timecourse || (f.Kind == "timecourse" && strings.Contains(f.Title, "session"))
	}
	if !timecourse {
		t.Error("no time course by session for the Meisner sessions")
	}
}

func TestForestRowsSpanTheirCIAndNeverMixScales(t *testing.T) {
	for key, x := range allFigures(t) {
		for _, f := range x.figs {
			if f.Kind != "forest" {
				continue
			}
			if f.Axis.NoEffect == nil || *f.Axis.NoEffect < f.Axis.Min || *f.Axis.NoEffect > f.Axis.Max {
				t.Errorf("%s: no-effect line missing or off the axis", f.ID)
			}
			var families []string
			for _, r := range studyRows(f) {
				_, o := outcomeOf(x.ev, r)
				if domain.IsRatio(o.Kind) != f.Axis.Log || (f.Axis.Log && *f.Axis.NoEffect != 1) {
					t.Errorf("%s: %s drawn on the wrong kind of axis", f.ID, o.ID)
				}
				lo, hi := o.CILow, o.CIHigh
				if o.CILow != nil && r.Turned {
					// drawn turned round: the interval turns with the value
					lo, hi = turn(o, o.CIHigh), turn(o, o.CILow)
				}
				if o.CILow != nil {
					if !r.HasCI || r.Low != lo.Float() || r.High != hi.Float() {
						t.Errorf("%s/%s: CI drawn %v to %v, reported %s to %s", key, o.ID, r.Low, r.High, o.CILow, o.CIHigh)
					}
					if r.Low < f.Axis.Min || r.High > f.Axis.Max {
						t.Errorf("%s/%s: CI runs off the axis", key, o.ID)
					}
				}
				fam := string(o.Kind) + "|" + o.Unit
				if strings.Contains(string(o.Kind), "mean difference") {
					fam = "md|" + o.Unit
				}
				if o.Kind == "SMD" || o.Kind == "Cohen's d" {
					fam = "standardized"
				}
				if len(families) > 0 && families[0] != fam {
					t.Errorf("%s mixes %s and %s on one axis", f.ID, families[0], fam)
				}
				families = append(families, fam)
			}
		}
	}
}

func TestEveryFigureCarriesItsSourcesInTheImage(t *testing.T) {
	for _, x := range allFigures(t) {
		for _, f := range x.figs {
			if !strings.HasPrefix(f.Caption, "Sources: ") || !strings.Contains(f.Caption, "dataset test-1") {
				t.Errorf("%s caption = %q", f.ID, f.Caption)
			}
			for _, r := range f.Rows() {
				st, _ := outcomeOf(x.ev, r)
				if !strings.Contains(f.Caption, st.Label) {
					t.Errorf("%s caption does not name %s", f.ID, st.Label)
				}
			}
			svg, err := charts.SVG(f, 1200, 800, charts.Options{})
			if err != nil {
				t.Fatal(err)
			}
			text := svgText(t, svg)
			if !strings.Contains(text, "Sources:") || !strings.Contains(text, "test-1.") {
				t.Errorf("%s: the SVG does not show its caption", f.ID)
			}
		}
	}
}

// svgText parses the SVG as XML (failing on any error) and returns its text content.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(svg))
	var b strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			t.Fatalf("SVG does not parse: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteString(" ")
		}
	}
}

func TestPNGHasTheAskedPixelSize(t *testing.T) {
	f := allFigures(t)["pain"].figs[0]
	for _, size := range [][2]int{{640, 360}, {1920, 1080}, {3840, 2160}} {
		b, err := charts.PNG(f, size[0], size[1], charts.Options{})
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if img.Bounds().Dx() != size[0] || img.Bounds().Dy() != size[1] {
			t.Errorf("asked %v, got %v", size, img.Bounds())
		}
	}
}

func TestTheRangeIsDrawnAsASpanFromItsLowToItsHigh(t *testing.T) {
	x := allFigures(t)["pain"]
	for _, f := range x.figs {
		for _, r := range f.Rows() {
			if r.OutcomeID == "promis-cmi" {
				if r.Shape != charts.Span || r.Low != 20.3 || r.High != 46.4 || math.IsNaN(r.Low) {
					t.Errorf("Tankha range drawn as %+v", r)
				}
				return
			}
		}
	}
	t.Error("the Tankha 20.3 to 46.4 range is in no figure")
}

func TestAxisTicksHaveNoFloatNoise(t *testing.T) {
	for _, x := range allFigures(t) {
		for _, f := range x.figs {
			svg, err := charts.SVG(f, 1200, 800, charts.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, tok := range strings.Fields(svgText(t, svg)) {
				if _, err := strconv.ParseFloat(tok, 64); err == nil && (strings.Contains(tok, "0000000") || strings.Contains(tok, "9999999")) {
					t.Errorf("%s: axis text %q", f.ID, tok)
				}
			}
		}
	}
}

// Every tick label reads exactly its tick's value, on every axis of the bundle and on
// axes of every range a larger (synthetic) database can give.
func TestTickLabelsEqualTheirValues(t *testing.T) {
	check := func(where string, a charts.Axis) {
		for _, tk := range a.Ticks() {
			v, err := strconv.ParseFloat(tk.Label, 64)
			if err != nil || math.Abs(v-tk.Value) > 1e-9*math.Max(1, math.Abs(tk.Value)) {
				t.Errorf("%s: tick %v labelled %q", where, tk.Value, tk.Label)
			}
		}
	}
	for _, x := range allFigures(t) {
		for _, f := range x.figs {
			check(f.ID, f.Axis)
		}
	}
	for _, lo := range []float64{0, -0.5, -3, -17, -250} {
		for hi := 0.05; hi < 5000; hi *= 1.37 {
			check(fmt.Sprintf("linear %g to %g", lo, hi), charts.Axis{Min: lo, Max: hi})
		}
	}
	for _, lo := range []float64{0.01, 0.1, 0.3} {
		check(fmt.Sprintf("log %g to 20", lo), charts.Axis{Min: lo, Max: 20, Log: true})
	}
}

// Every estimate of the bundle is walked: a forest axis never mixes estimates whose
// favourable side differs, never carries one whose direction the source does not state
// (or a range drawn as if it were an interval), and says at each end which arm that side
// favours, the arm the data says.
func TestForestSidesSayWhichArmTheyFavour(t *testing.T) {
	onForest := map[string]bool{}
	for key, x := range allFigures(t) {
		for _, f := range x.figs {
			if f.Kind != "forest" {
				continue
			}
			if f.Axis.FavoursBelow == "" || f.Axis.FavoursAbove == "" {
				t.Errorf("%s: %q does not say which side favours which arm", key, f.Title)
			}
			var better domain.Better
			for _, r := range studyRows(f) {
				st, o := outcomeOf(x.ev, r)
				onForest[st.ID+"/"+o.ID] = true
				if !o.Signed() || o.Value == nil {
					t.Errorf("%s: %s/%s is on a signed axis without a stated direction and a point value", f.ID, st.ID, o.ID)
				}
				if better == "" {
					better = o.Better
				} else if o.Better != better {
					t.Errorf("%s mixes %s-is-better and %s-is-better estimates", f.ID, better, o.Better)
				}
				// the side below no effect favours the first-named arm when lower is better
				// (the drug, for a contrast printed comparator first and drawn turned round)
				below, above := st.ArmByID(o.Arm), st.ArmByID(o.Versus)
				if r.Turned {
					below, above = above, below
				}
				if o.Better == domain.HigherBetter {
					below, above = above, below
				}
				names := func(a *domain.Arm, said string) bool {
					either := said == "ketamine or esketamine" && a.Molecule == domain.KetamineNotStated
					return said == a.Label || said == string(a.Molecule) || said == "the "+string(a.Role) || either
				}
				if !names(below, f.Axis.FavoursBelow) || !names(above, f.Axis.FavoursAbove) {
					t.Errorf("%s: row %s/%s favours %s below and %s above, the axis says %q and %q", f.ID, st.ID, o.ID, below.Label, above.Label, f.Axis.FavoursBelow, f.Axis.FavoursAbove)
				}
			}
			svg, err := charts.SVG(f, 1200, 800, charts.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if text := svgText(t, svg); !strings.Contains(text, "favours "+f.Axis.FavoursBelow) || !strings.Contains(text, "favours "+f.Axis.FavoursAbove) {
				t.Errorf("%s: the drawn chart lacks its favours labels", f.ID)
			}
		}
		// every contrast not on a forest is one that must not be: unstated, a range, or an NNT/NNH
		for _, st := range x.ev.Studies {
			for _, o := range st.Outcomes {
				drawable := o.Signed() && o.Value != nil && o.Kind != domain.NNT && o.Kind != domain.NNH
				if drawable != onForest[st.ID+"/"+o.ID] && o.IsContrast() && len(x.figs) > 0 {
					t.Errorf("%s/%s: drawable %v, on a forest %v", st.ID, o.ID, drawable, onForest[st.ID+"/"+o.ID])
				}
			}
		}
	}
	// the known cases of Dataset 2
	for _, id := range []string{"podcast/delirium-diff", "yale-cohort/madrs-diff", "fitzgerald-2021/fatigue-d7", "fitzgerald-2021/mfis-d28", "wilkinson-2018/si-d-range"} {
		if onForest[id] {
			t.Errorf("%s is drawn on a signed axis", id)
		}
	}
}

// studyRows are a figure's rows of reported numbers: not the diamonds of pooled estimates.
// turn is an estimate's bound drawn the other way round: its reciprocal for a ratio, else
// its negative.
func turn(o domain.Outcome, n *domain.Num) *domain.Num {
	x := -n.Float()
	if domain.IsRatio(o.Kind) {
		x = 1 / n.Float()
	}
	return domain.N(strconv.FormatFloat(x, 'g', -1, 64))
}

func studyRows(f charts.Figure) []charts.Row {
	var out []charts.Row
	for _, r := range f.Rows() {
		if r.Shape != charts.Diamond {
			out = append(out, r)
		}
	}
	return out
}

// Every pooled estimate is drawn as a diamond under its own studies, on their axis, at
// the pooled value with its CI and prediction interval, and says it was computed.
func TestPooledEstimatesAreDiamondsUnderTheirStudies(t *testing.T) {
	diamonds := 0
	for _, x := range allFigures(t) {
		pools, _ := synthesis.Find(x.ev)
		for _, p := range pools {
			found := false
			for _, f := range x.figs {
				for _, r := range f.Rows() {
					if r.Shape != charts.Diamond || r.OutcomeID != p.ID {
						continue
					}
					found = true
					diamonds++
					if r.Value != p.Back(p.Result.Random.Mu) || r.Low != p.Back(p.Result.Random.Low) || r.PIHigh != p.Back(p.Result.PIHigh) ||
						!strings.Contains(r.ValueText, "computed") {
						t.Errorf("%s: diamond %+v", p.ID, r)
					}
					ids := map[string]bool{}
					for _, sr := range studyRows(f) {
						ids[sr.StudyID] = true
					}
					for _, in := range p.Inputs {
						if !ids[in.Study.ID] {
							t.Errorf("%s: %s is pooled but not drawn above the diamond in %s", p.ID, in.Study.ID, f.ID)
						}
					}
				}
			}
			if !found {
				t.Errorf("pool %s (%s) is drawn nowhere", p.ID, p.What())
			}
		}
	}
	if diamonds == 0 {
		t.Error("the bundle draws no pooled estimate")
	}
}

// A raster chart draws "?" for a character its font lacks (emoji, Arabic, Hebrew, CJK),
// never an empty box, and its caption says so; every chart of the bundle draws whole; an
// SVG keeps the text as written, for the viewer's fonts to draw.
func TestCharactersOutsideTheFontShowAsQuestionMarksWithANote(t *testing.T) {
	for _, x := range allFigures(t) {
		for _, f := range x.figs {
			if got := charts.Drawable(f); strings.Contains(got.Caption, charts.MissingGlyphsNote) {
				t.Errorf("%s: the bundle's own text has characters the chart font lacks: %q", f.ID, got.Caption)
			}
		}
	}
	f := allFigures(t)["trd"].figs[0]
	f.Groups[0].Rows[0].Label = "Local audit 🧠 مراجعة שלום 審査 Ωμέγα Жук"
	got := charts.Drawable(f)
	if want := "Local audit ? ?????? ???? ?? Ωμέγα Жук"; got.Groups[0].Rows[0].Label != want {
		t.Errorf("drawn label %q, want %q", got.Groups[0].Rows[0].Label, want)
	}
	if !strings.HasSuffix(got.Caption, charts.MissingGlyphsNote) {
		t.Errorf("caption does not say why: %q", got.Caption)
	}
	if _, err := charts.PNG(f, 1200, 800, charts.Options{}); err != nil {
		t.Fatal(err)
	}
	svg, err := charts.SVG(f, 1200, 800, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if text := svgText(t, svg); !strings.Contains(text, "مراجعة") || strings.Contains(text, charts.MissingGlyphsNote) {
		t.Error("the SVG does not keep the text as written")
	}
}

// A chart drawn on a canvas taller than it needs (a 1920x1080 export or slide of a
// two-row chart) fills it: its type and rows grow, so what is drawn reaches the bottom
// sixth of the image instead of leaving the lower half blank (what room is left is split
// above and below).
func TestAChartFillsItsCanvas(t *testing.T) {
	f := allFigures(t)["trd"].figs[0]
	if n := len(f.Rows()); n > 3 {
		t.Fatalf("the test wants a small chart; this one has %d rows", n)
	}
	img, err := charts.Image(f, 1920, 1080, charts.Options{})
	if err != nil {
		t.Fatal(err)
	}
	lowest := 0
	for y := 0; y < 1080; y++ {
		for x := 0; x < 1920; x += 2 {
			if r, g, b, _ := img.At(x, y).RGBA(); r < 0xf000 || g < 0xf000 || b < 0xf000 {
				lowest = y
				break
			}
		}
	}
	if lowest < 1080*5/6 {
		t.Errorf("the chart ends at row %d of 1080", lowest)
	}
}

// A figure cut into parts for slides keeps every row once, in order, no part over the
// limit, each part on the whole figure's axis.
func TestPartsKeepEveryRowOnTheSameAxis(t *testing.T) {
	for key, x := range allFigures(t) {
		for _, f := range x.figs {
			parts := f.Parts(5)
			var rows []charts.Row
			for _, p := range parts {
				if n := len(p.Rows()); n == 0 || n > 5 {
					t.Errorf("%s/%s: a part of %d rows", key, f.ID, n)
				}
				if p.Axis != f.Axis || p.ID != f.ID {
					t.Errorf("%s/%s: a part changed the axis or the id", key, f.ID)
				}
				rows = append(rows, p.Rows()...)
			}
			if !slices.EqualFunc(rows, f.Rows(), func(a, b charts.Row) bool { return a.OutcomeID == b.OutcomeID && a.Label == b.Label }) {
				t.Errorf("%s/%s: the parts do not hold every row once, in order", key, f.ID)
			}
			if len(parts) == 1 && parts[0].Title != f.Title {
				t.Errorf("%s/%s: a figure that fits was renamed %q", key, f.ID, parts[0].Title)
			}
		}
	}
}
