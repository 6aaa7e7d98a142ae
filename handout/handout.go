// Package handout writes the evidence as a printable PDF: per indication its summary
// cards (each line with a numbered reference), every chart with its caption, and the
// numbered references with DOIs and PMIDs; the dataset version and date on every page.
// It knows the evidence and the figures, not the UI.
package handout

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"io"
	"ketamine-explorer/domain"
	"ketamine-explorer/synthesis"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2/roboto"

	"ketamine-explorer/charts"
)

// Options describe the handout.
type Options struct {
	Dataset string // the dataset and its origin (domain.Provenance.Label), on every page
	// Warning, when the evidence is not an official release, heads the first page and is
	// on every page in red
	Warning string
	Date    time.Time // the date printed on the handout (and stored as its creation date)
	App     string    // the app's version
	// Filters describe any filter the studies were chosen by (e.g. "Molecule: esketamine"),
	// printed on the first page so a reader knows what was left out.
	Filters []string
	// Charts are charts drawn already, as PNG at ChartWidth pixels wide and as tall as they
	// need (by figure ID): an export draws each chart once for its files and the handout.
	Charts map[string][]byte
}

// Section is one part of the handout that starts on a new page.
type Section struct {
	Title string
	Page  int // its first page
	// Continued marks the page a section ran on to: it repeats the title, "(continued)"
	Continued bool
}

// cardGroups put the cards on pages: the key numbers on one, the rest on two more.
var cardGroups = []struct {
	title string
	cards []domain.CardKey
}{
	{"summary, key numbers and pooled estimates", []domain.CardKey{domain.CardHeadline, domain.CardNumbers, domain.CardPooled}},
	{"designs, interventions, how it is given, timing and safety", []domain.CardKey{domain.CardDesigns, domain.CardInterventions, domain.CardPractice, domain.CardOnset, domain.CardDuration, domain.CardSafety}},
	{"certainty, unknowns and disagreements", []domain.CardKey{domain.CardCertainty, domain.CardUnknown, domain.CardDiscrepancies}},
}

// page geometry, in mm (A4 portrait)
const (
	margin = 15.0
	bodyW  = 210 - 2*margin
	bodyPt = 9.5
	lineMM = 4.6
	// ChartWidth is a chart's width in pixels, 270 dpi over the 180 mm body: an export's
	// full-HD chart, so one drawing serves both
	ChartWidth = 1920
)

type writer struct {
	pdf      *fpdf.Fpdf
	opt      Options
	refs     []*domain.Study
	refNo    map[string]int
	sections []Section
	newPage  bool // section is adding the page (not a section running over)
	// chartOnPage says the page holds a chart: the next may share it if it fits
	chartOnPage bool
	missing     int     // characters the font has no glyph for, shown as "?"
	bottom      float64 // the page's foot, below which nothing but the footer goes (mm)
}

// Write writes a handout of the given indications (one, or all of them, in order) to w.
// progress, if not nil, is told the share done; cancelling ctx stops the work.
func Write(ctx context.Context, w io.Writer, evs []domain.IndicationEvidence, opt Options, progress func(float64)) ([]Section, error) {
	hw := &writer{pdf: fpdf.New("P", "mm", "A4", ""), opt: opt, refNo: map[string]int{}}
	p := hw.pdf
	p.SetCompression(true)
	p.SetCreationDate(opt.Date)
	p.SetModificationDate(opt.Date)
	p.AddUTF8FontFromBytes("roboto", "", roboto.Roboto)
	p.SetMargins(margin, margin, margin)
	footLines := 2.0
	if opt.Warning != "" {
		footLines++
	}
	hw.bottom = margin + 2 + 4*footLines
	p.SetAutoPageBreak(true, hw.bottom)
	p.AliasNbPages("{nb}")
	// a section that runs over its page goes on under its title, marked continued
	p.SetHeaderFunc(func() {
		if hw.newPage || len(hw.sections) == 0 {
			return
		}
		title := ""
		for _, sec := range hw.sections {
			if !sec.Continued {
				title = sec.Title
			}
		}
		hw.sections = append(hw.sections, Section{Title: title + " (continued)", Page: p.PageNo(), Continued: true})
		p.SetFont("roboto", "", 11.5)
		p.SetTextColor(0x33, 0x33, 0x33)
		p.MultiCell(bodyW, 6, hw.drawable(title+" (continued)"), "", "L", false)
		p.Ln(1)
	})
	title := "Ketamine and esketamine: the evidence"
	if len(evs) == 1 {
		title += ": " + evs[0].Indication.Name
	}
	p.SetTitle(title, true)
	p.SetCreator("Ketamine Evidence Explorer "+opt.App, true)
	p.SetFooterFunc(func() {
		p.SetY(-margin - 4*(footLines-1))
		if opt.Warning != "" {
			p.SetFont("roboto", "", 8)
			p.SetTextColor(0xb0, 0x00, 0x20)
			p.CellFormat(bodyW, 4, hw.drawable(opt.Warning), "", 1, "C", false, 0, "")
		}
		p.SetFont("roboto", "", 8)
		p.SetTextColor(0x33, 0x33, 0x33)
		p.CellFormat(bodyW, 4, hw.drawable("Dataset "+opt.Dataset+" · "+opt.Date.Format("2 January 2006")), "", 1, "C", false, 0, "")
		p.CellFormat(bodyW, 4, fmt.Sprintf("Ketamine Evidence Explorer · for reading the literature, not clinical guidance · page %d of {nb}", p.PageNo()), "", 0, "C", false, 0, "")
	})

	var figs [][]charts.Figure
	total := 0
	for _, ev := range evs {
		f := charts.For(ev, opt.Dataset)
		figs = append(figs, f)
		total += len(f)
	}
	done := 0
	if len(evs) > 1 {
		hw.cover(title, evs)
	}
	for i, ev := range evs {
		for _, g := range cardGroups {
			hw.cardPage(ev, g.title, g.cards)
		}
		for _, f := range figs[i] {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := hw.chartPage(ev, f); err != nil {
				return nil, err
			}
			done++
			if progress != nil {
				progress(float64(done) / float64(total+1))
			}
		}
	}
	hw.references()
	if hw.missing > 0 {
		p.Ln(2)
		hw.body(missingNote)
	}
	if err := p.Error(); err != nil {
		return nil, fmt.Errorf("making the handout: %w", err)
	}
	if err := p.Output(w); err != nil {
		return nil, fmt.Errorf("writing the handout: %w", err)
	}
	if progress != nil {
		progress(1)
	}
	return hw.sections, nil
}

// sharedGap is the space (mm) between two charts on one page, with a rule between them.
const sharedGap = 12

func (hw *writer) section(title string) {
	p := hw.pdf
	hw.newPage = true
	p.AddPage()
	hw.newPage = false
	hw.chartOnPage = false
	if p.PageNo() == 1 && hw.opt.Warning != "" {
		// above everything else on the first page, where a reader looks first
		p.SetFont("roboto", "", bodyPt)
		p.SetTextColor(0xb0, 0x00, 0x20)
		p.MultiCell(bodyW, lineMM, hw.drawable(hw.opt.Warning+": its numbers may differ from the published evidence."), "", "L", false)
		p.Ln(1)
	}
	hw.sectionTitle(title)
}

// sectionTitle starts a section where the page is: listed, bookmarked and headed.
func (hw *writer) sectionTitle(title string) {
	p := hw.pdf
	hw.sections = append(hw.sections, Section{Title: title, Page: p.PageNo()})
	p.Bookmark(title, 0, -1)
	p.SetFont("roboto", "", 15)
	p.SetTextColor(0, 0, 0)
	p.MultiCell(bodyW, 7, hw.drawable(title), "", "L", false)
	p.Ln(2)
}

func (hw *writer) heading(text string) {
	p := hw.pdf
	p.Ln(1.5)
	p.SetFont("roboto", "", 11.5)
	p.SetTextColor(0x00, 0x3f, 0x9e)
	p.MultiCell(bodyW, 5.5, hw.drawable(text), "", "L", false)
	p.SetTextColor(0, 0, 0)
}

func (hw *writer) body(text string) {
	p := hw.pdf
	p.SetFont("roboto", "", bodyPt)
	p.SetTextColor(0, 0, 0)
	text = hw.drawable(text)
	// an item is never cut by a page break: one that does not fit starts the next page
	_, pageH := p.GetPageSize()
	if lines := len(p.SplitText(text, bodyW)); lines > 1 && p.GetY()+float64(lines)*lineMM > pageH-hw.bottom {
		p.AddPage()
	}
	p.MultiCell(bodyW, lineMM, text, "", "L", false)
	p.Ln(0.8)
}

// glyphs is the handout font's character map.
var glyphs = sync.OnceValue(func() *truetype.Font {
	f, err := truetype.Parse(roboto.Roboto)
	if err != nil {
		panic("handout: the bundled font does not parse: " + err.Error())
	}
	return f
})

// drawable is text with each character the handout's font cannot draw (emoji, and scripts
// such as Arabic, Hebrew or CJK) shown as "?", so such a character never stops the PDF;
// the handout then says so (see missingNote), and the window and CSV keep the text whole.
func (hw *writer) drawable(text string) string {
	f := glyphs()
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || f.Index(r) != 0 {
			return r
		}
		hw.missing++
		return '?'
	}, text)
}

// missingNote says why some characters read "?".
const missingNote = "Characters that this handout's font cannot draw (such as emoji, or Arabic, Hebrew or CJK script) are shown as ?; the app's window and its CSV export show them as written."

// ref numbers a study in the order it is first cited.
func (hw *writer) ref(st *domain.Study) int {
	if n, ok := hw.refNo[st.ID]; ok {
		return n
	}
	hw.refs = append(hw.refs, st)
	hw.refNo[st.ID] = len(hw.refs)
	return len(hw.refs)
}

func (hw *writer) cover(title string, evs []domain.IndicationEvidence) {
	hw.section(title)
	hw.body(fmt.Sprintf("Dataset %s, %s. Every number below names its study; the numbered references at the end give each study's citation, DOI and PMID, and the app shows where in each paper every value was read.",
		hw.opt.Dataset, hw.opt.Date.Format("2 January 2006")))
	hw.heading("Indications")
	for _, ev := range evs {
		hw.body(fmt.Sprintf("%s: %s", ev.Indication.Name, domain.Plural(len(ev.Studies), "study", "studies")))
	}
	hw.body("Records were extracted from abstracts, journal pages and secondary pages, as each record states; check the full text before acting on any number.")
}

func (hw *writer) cardPage(ev domain.IndicationEvidence, title string, keys []domain.CardKey) {
	hw.section(ev.Indication.Name + ": " + title)
	cards := synthesis.Cards(ev)
	for _, key := range keys {
		for _, c := range cards {
			if c.Key != key {
				continue
			}
			if key == domain.CardHeadline {
				if len(hw.opt.Filters) > 0 {
					hw.heading("Filtered")
					hw.body(fmt.Sprintf("Only the %s these filters are shown: %s.", domain.Plural(len(ev.Studies), "study that matches", "studies that match"), strings.Join(hw.opt.Filters, "; ")))
				}
				hw.body(c.Items[0].Text)
				if gap := ev.Indication.EvidenceGap; gap != "" {
					hw.heading("Evidence gap")
					hw.body(gap)
				}
				continue
			}
			hw.heading(c.Title)
			for _, it := range c.Items {
				line := it.Line()
				st := ev.StudyByID(it.StudyID)
				if st != nil {
					line += fmt.Sprintf(" [%d]", hw.ref(st))
				}
				if it.Disputed && c.Key != domain.CardDiscrepancies && st != nil {
					for _, d := range st.DiscrepanciesFor(it.Outcome) {
						line += " " + d.Mark() + " " + d.Sentence() + "."
					}
				}
				hw.body("• " + line)
			}
		}
	}
}

// ChartPNG draws a chart as the handout shows it: ChartWidth pixels wide, as tall as it
// needs, its type scaled from the figure's design width.
func ChartPNG(f charts.Figure) ([]byte, error) {
	const scale = ChartWidth / charts.DesignWidth
	return charts.PNG(f, ChartWidth, charts.PreferredHeight(f, charts.DesignWidth)*scale, charts.Options{Scale: scale})
}

// chartPage puts a chart with the line of its studies under the chart before it when both
// fit whole on one page (two small charts to a page, not one and a blank half), else on a
// page of its own.
func (hw *writer) chartPage(ev domain.IndicationEvidence, f charts.Figure) error {
	img, ok := hw.opt.Charts[f.ID]
	if !ok {
		var err error
		if img, err = ChartPNG(f); err != nil {
			return fmt.Errorf("drawing %s: %w", f.ID, err)
		}
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return fmt.Errorf("drawing %s: %w", f.ID, err)
	}
	h := cfg.Height
	p := hw.pdf
	w, hmm := bodyW, bodyW*float64(h)/float64(cfg.Width)
	_, pageH := p.GetPageSize()
	title := ev.Indication.Name + ": " + f.Title
	if hw.chartOnPage && pageH-p.GetY()-margin-30-sharedGap >= hmm {
		p.Ln(sharedGap / 2)
		p.Line(margin, p.GetY(), margin+bodyW, p.GetY())
		p.Ln(sharedGap / 2)
		hw.sectionTitle(title)
	} else {
		hw.section(title)
	}
	hw.chartOnPage = true
	p.RegisterImageOptionsReader(f.ID, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
	if room := pageH - p.GetY() - margin - 30; hmm > room { // leave room for the references line
		w, hmm = w*room/hmm, room
	}
	p.ImageOptions(f.ID, margin, p.GetY(), w, hmm, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	var nums []string
	for _, id := range f.StudyIDs() {
		if st := ev.StudyByID(id); st != nil {
			nums = append(nums, fmt.Sprintf("%s [%d]", st.Name(), hw.ref(st)))
		}
	}
	p.Ln(2)
	hw.body("Studies in this chart: " + strings.Join(nums, "; ") + ".")
	return nil
}

func (hw *writer) references() {
	hw.section("References")
	for i, st := range hw.refs {
		line := fmt.Sprintf("[%d] %s. %s", i+1, st.Name(), st.PlainCitation())
		if st.UserAdded {
			line += " (added by the user; not part of the bundled evidence)"
		}
		hw.body(line)
		if st.DOI != "" {
			hw.pdf.SetFont("roboto", "", bodyPt)
			hw.pdf.SetTextColor(0x00, 0x3f, 0x9e)
			hw.pdf.WriteLinkString(lineMM, hw.drawable("      "+domain.DOIURL(st.DOI)), domain.DOIURL(st.DOI))
			hw.pdf.Ln(lineMM + 0.8)
		}
	}
}
