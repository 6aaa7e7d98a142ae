// Package charts turns evidence into figures (comparison bars, ranges, forest plots and
// time courses) and draws them as PNG or SVG with go-chart's renderers. It knows the
// evidence domain but nothing of SQL or of the UI toolkit.
package charts

import (
	"fmt"
	"slices"

	"ketamine-explorer/domain"
)

// Shape is how one row's number is drawn.
type Shape int

const (
	// Bar runs from zero to the value: one arm's proportion, score or change.
	Bar Shape = iota
	// Span is a reported range ("20.3% to 46.4%"), or a time interval on a time course.
	Span
	// Estimate is a point with its 95% CI (when reported): an effect estimate.
	Estimate
	// Point is a single value on a time course.
	Point
	// Diamond is a pooled estimate this app computed: a diamond across its 95% CI, with
	// its prediction interval as a thin line (PILow to PIHigh).
	Diamond
)

// Series names the colour of a row: the molecule or role, from a colour-blind-safe palette.
type Series string

const (
	Racemic    = Series(domain.Racemic)
	Esketamine = Series(domain.Esketamine)
	Arketamine = Series(domain.Arketamine)
	Ketamine   = Series(domain.KetamineNotStated)
	Comparator = Series(domain.ComparatorDrug)
	Contrast   = Series("contrast")
)

// Row is one drawn number with its label and the outcome it comes from.
type Row struct {
	Label     string  `json:"label"`
	Shape     Shape   `json:"shape"`
	Series    Series  `json:"series"`
	Value     float64 `json:"value"`
	HasValue  bool    `json:"has_value"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	HasCI     bool    `json:"has_ci"`
	PILow     float64 `json:"pi_low,omitempty"`
	PIHigh    float64 `json:"pi_high,omitempty"`
	ValueText string  `json:"value_text"`
	StudyID   string  `json:"study_id"`
	// Measure is what the row measures and when ("Response, week 6"): rows of two
	// figures are compared on one axis only when it, and the unit, are the same.
	Measure string `json:"measure,omitempty"`
	// OutcomeID is the outcome the number is, or, for a Diamond (StudyID ""), its pool's ID.
	OutcomeID string `json:"outcome_id,omitempty"`
	// Turned marks a contrast drawn the other way round from how its source prints it
	// (comparator against drug), its value and CI turned with it and its text saying so.
	Turned bool `json:"turned,omitempty"`
}

// Group is a set of rows under one heading (a study and measure).
type Group struct {
	Title string `json:"title"`
	Rows  []Row  `json:"rows"`
}

// Axis is the figure's one numeric axis.
type Axis struct {
	Label string  `json:"label"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Log   bool    `json:"log"`
	// NoEffect, when set, is drawn as a line (0 for differences, 1 for ratios).
	NoEffect *float64 `json:"no_effect,omitempty"`
	// FavoursBelow and FavoursAbove name the arm that values below and above no effect
	// favour, printed under each end of a forest plot's axis.
	FavoursBelow string `json:"favours_below,omitempty"`
	FavoursAbove string `json:"favours_above,omitempty"`
}

// Figure is one chart, ready to draw at any size.
type Figure struct {
	ID       string  `json:"id"`
	Kind     string  `json:"kind"`
	Title    string  `json:"title"`
	Subtitle string  `json:"subtitle"`
	Axis     Axis    `json:"axis"`
	Groups   []Group `json:"groups"`
	// Caption names the sources and the dataset version; it is drawn into the figure.
	Caption string `json:"caption"`
}

// Rows returns every row of the figure in drawing order.
func (f Figure) Rows() []Row {
	var out []Row
	for _, g := range f.Groups {
		out = append(out, g.Rows...)
	}
	return out
}

// StudyIDs returns the studies the figure draws, each once, in drawing order.
func (f Figure) StudyIDs() []string {
	var out []string
	for _, r := range f.Rows() {
		if !slices.Contains(out, r.StudyID) {
			out = append(out, r.StudyID)
		}
	}
	return out
}

// Parts cuts the figure into parts of at most maxRows rows, for slides, where type must stay
// large enough for a room: whole groups where they fit, a longer group cut between rows with
// its heading repeated. Every part keeps the figure's axis, so parts compare; a figure that
// fits is its one part, and the titles of more say which part each is.
func (f Figure) Parts(maxRows int) []Figure {
	var parts []Figure
	var groups []Group
	n := 0
	flush := func() {
		if len(groups) > 0 {
			p := f
			p.Groups, groups, n = groups, nil, 0
			parts = append(parts, p)
		}
	}
	for _, g := range f.Groups {
		rows := g.Rows
		for len(rows) > 0 {
			if n > 0 && n+len(rows) > maxRows {
				flush() // the group starts the next part rather than being cut
			}
			take := min(len(rows), maxRows-n)
			title := g.Title
			if len(rows) < len(g.Rows) {
				title += " (continued)"
			}
			groups = append(groups, Group{Title: title, Rows: rows[:take]})
			n += take
			rows = rows[take:]
			if n == maxRows {
				flush()
			}
		}
	}
	flush()
	if len(parts) > 1 {
		for i := range parts {
			parts[i].Title += fmt.Sprintf(" (%d of %d)", i+1, len(parts))
		}
	}
	return parts
}
