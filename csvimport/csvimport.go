// Package csvimport reads studies from the CSV template users fill in, checking every row
// before anything is kept. It knows the evidence model but nothing of SQLite or the UI.
package csvimport

import (
	"golang.org/x/text/unicode/norm"

	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"ketamine-explorer/domain"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Columns of the template, in order. A file may order them differently; the header names them.
var Columns = []string{
	"record", "study_id", "indication", "label", "title", "authors", "journal", "year", "doi", "pmid",
	"design", "n", "population", "extraction", "summary", "source",
	"arm_id", "arm_label", "molecule", "role", "route", "dose", "schedule",
	"outcome_id", "measure", "timepoint", "arm", "versus", "kind", "value", "unit", "ci_low", "ci_high", "p",
	"better", "direction", "locator", "note",
}

// Record types: the first column says what a row describes.
const (
	RecordStudy   = "study"
	RecordArm     = "arm"
	RecordOutcome = "outcome"
)

// SourceID is the id the one source of an imported study gets; every arm and outcome of
// the study refers to it with its own locator.
const SourceID = "source"

// Problem classes, the first words of every Problem's reason.
const (
	BadCSV            = "malformed CSV"
	MissingColumn     = "missing column"
	MissingValue      = "missing value"
	MissingSource     = "missing source"
	NotANumber        = "not a number"
	CIReversed        = "CI low above high"
	UnknownIndication = "unknown indication"
	DuplicateStudy    = "duplicate study"
	UnknownReference  = "unknown reference"
	NotAllowed        = "value not allowed"
	BadText           = "unreadable text"
)

// maxField bounds one cell (in characters), so a runaway file cannot make a card the
// size of a book.
const maxField = 10000

// MaxRows bounds a file: far more than any hand-filled template, and a file past it is
// refused before it is read whole, so a runaway export cannot exhaust memory.
const MaxRows = 50000

// MaxBytes bounds a file's size the same way (64 MB: 50,000 rows of a filled template
// take about 20).
const MaxBytes = 64 << 20

// Problem is one thing wrong in a file, placed by row (the line in the file, 1 is the
// header) and column so a user can find it in a spreadsheet.
type Problem struct {
	File   string
	Row    int
	Column string
	Class  string
	Detail string
}

func (p Problem) Error() string {
	where := fmt.Sprintf("%s: row %d", p.File, p.Row)
	if p.Column != "" {
		where += ", column " + p.Column
	}
	if p.Detail == "" {
		return where + ": " + p.Class
	}
	return where + ": " + p.Class + ": " + p.Detail
}

// Problems is every problem found in one file; nothing of the file is imported.
type Problems []Problem

func (ps Problems) Error() string {
	if len(ps) == 1 {
		return ps[0].Error()
	}
	return fmt.Sprintf("%s: %d problems, the first: %s", ps[0].File, len(ps), ps[0].Error())
}

// Known is what the file is checked against: the indications the app has and the study
// ids already taken (by the bundled evidence or an earlier import).
type Known struct {
	Indications []string
	// Taken says where a study id is already used, ignoring case and Unicode forms (see
	// IDKey; "" if it is free).
	Taken func(id string) string
}

// Read checks every row of a template file and returns its studies, or every problem
// found (as Problems) and no studies.
func Read(r io.Reader, file string, known Known) ([]domain.Study, error) {
	p := parser{file: file, known: known, byID: map[string]*domain.Study{}, byKey: map[string]string{}, studyRow: map[string]int{}}
	p.read(r)
	if len(p.problems) == 0 {
		// the rules every stored study meets, in case a row check above misses one
		for _, st := range p.studies {
			for _, msg := range st.Problems() {
				p.problems = append(p.problems, Problem{File: file, Row: p.studyRow[st.ID], Class: NotAllowed, Detail: msg})
			}
		}
	}
	if len(p.problems) > 0 {
		return nil, p.problems
	}
	if len(p.studies) == 0 {
		return nil, Problems{{File: file, Row: 1, Class: MissingValue, Detail: "the file has no study rows"}}
	}
	out := make([]domain.Study, len(p.studies))
	for i, st := range p.studies {
		out[i] = *st
	}
	return out, nil
}

type parser struct {
	file     string
	known    Known
	problems Problems
	studies  []*domain.Study
	byID     map[string]*domain.Study
	byKey    map[string]string // each study's id by its IDKey
	studyRow map[string]int    // the row each study is defined on
	index    map[string]int    // column name → field index
	row      int
	fields   []string
}

// IDKey is what makes two study ids the same id: "TRANSFORM-2", "transform-2" and
// "ＴＲＡＮＳＦＯＲＭ-2" name one study, which must not be imported beside itself (it was
// pooled as a fourth trial).
func IDKey(id string) string { return strings.ToLower(norm.NFKC.String(id)) }

func (p *parser) problem(column, class, format string, a ...any) {
	p.problems = append(p.problems, Problem{File: p.file, Row: p.row, Column: column, Class: class, Detail: fmt.Sprintf(format, a...)})
}

func (p *parser) read(r io.Reader) {
	// a file past MaxBytes is refused having read only MaxBytes of it
	b, err := io.ReadAll(io.LimitReader(r, MaxBytes+1))
	if err != nil {
		p.row = 1
		p.problem("", BadCSV, "the file cannot be read: %v", err)
		return
	}
	if len(b) > MaxBytes {
		p.row = 1
		p.problem("", BadCSV, "the file is larger than %d MB: split it into smaller files", MaxBytes>>20)
		return
	}
	// a spreadsheet file itself (an .xlsx or .ods is a zip, an old .xls a compound file)
	// reads as noise: say what to do once
	if bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
		p.row = 1
		p.problem("", BadText, "the file is a spreadsheet (.xlsx, .ods or .xls), not CSV: in the spreadsheet, save it as \"CSV UTF-8 (comma delimited)\" and import that file")
		return
	}
	// lines ended by a carriage return alone (old Mac spreadsheets) are lines all the same
	if bytes.IndexByte(b, '\n') < 0 {
		b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	}
	br := bufio.NewReader(bytes.NewReader(b))
	// a spreadsheet saved as UTF-16 or with semicolons reads as noise: say what to do once
	if head, _ := br.Peek(64); bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) || bytes.IndexByte(head, 0) >= 0 {
		p.row = 1
		p.problem("", BadText, "the file is UTF-16 text: save it as \"CSV UTF-8\" and import it again")
		return
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	p.row = 1
	if err == nil && len(header) == 1 && strings.Count(header[0], ";") >= 2 {
		p.problem("", BadCSV, "the columns are separated by semicolons: save the file as CSV with commas (in a spreadsheet: \"CSV UTF-8 (comma delimited)\") and import it again")
		return
	}
	if err != nil {
		if errors.Is(err, io.EOF) {
			p.problem("", MissingValue, "the file is empty")
		} else {
			p.csvError(err)
		}
		return
	}
	if !p.readHeader(header) {
		return
	}
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			p.csvError(err)
			return // the reader cannot resynchronise after a broken quote
		}
		p.row, _ = cr.FieldPos(0)
		if p.row > MaxRows+1 {
			p.problem("", BadCSV, "the file has more than %d rows: split it into smaller files", MaxRows)
			return
		}
		if blank(fields) {
			continue
		}
		if len(fields) != len(header) {
			p.problem("", BadCSV, "the row has %d fields, the header has %d", len(fields), len(header))
			continue
		}
		p.fields = fields
		p.readRow()
	}
}

func (p *parser) csvError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		p.row = pe.Line
		p.problem("", BadCSV, "%v", pe.Err)
		return
	}
	p.problem("", BadCSV, "%v", err)
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func (p *parser) readHeader(header []string) bool {
	p.index = map[string]int{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))) // Excel's byte-order mark
		if !slices.Contains(Columns, name) {
			p.problem(strconv.Quote(h), NotAllowed, "%q is not a template column (the template's columns: %s)", h, strings.Join(Columns, ", "))
			continue
		}
		if _, dup := p.index[name]; dup {
			p.problem(name, NotAllowed, "the column appears twice")
		}
		p.index[name] = i
	}
	for _, c := range Columns {
		if _, ok := p.index[c]; !ok {
			p.problem(c, MissingColumn, "the header has no %q column (run `ketamine-explorer template` for a correct header)", c)
		}
	}
	return len(p.problems) == 0
}

// raw returns a cell, trimmed, unchecked: for telling empty from filled.
func (p *parser) raw(column string) string { return strings.TrimSpace(p.fields[p.index[column]]) }

// get returns a cell, trimmed, after checking it is text a card can show.
func (p *parser) get(column string) string {
	v := p.raw(column)
	switch {
	case !utf8.ValidString(v):
		p.problem(column, BadText, "the text is not UTF-8 (save the file as CSV UTF-8)")
		return ""
	case utf8.RuneCountInString(v) > maxField:
		p.problem(column, BadText, "the text is longer than %d characters", maxField)
		return ""
	}
	for _, r := range v {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			p.problem(column, BadText, "the text holds a control character (U+%04X)", r)
			return ""
		}
	}
	return v
}

func (p *parser) required(column string) string {
	v := p.get(column)
	if v == "" {
		p.problem(column, MissingValue, "%s is required", column)
	}
	return v
}

// oneOf reads a column whose value must be one of allowed.
func oneOf[T ~string](p *parser, column string, allowed []T) T {
	v := T(p.required(column))
	if v != "" && !slices.Contains(allowed, v) {
		p.problem(column, NotAllowed, "%q is not one of: %s", v, strings.ReplaceAll(domain.Join(allowed), ", ", "; "))
	}
	return v
}

func (p *parser) count(column string) *int {
	v := p.get(column)
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		p.problem(column, NotANumber, "%q is not a whole number of zero or more", v)
		return nil
	}
	return &n
}

func (p *parser) number(column string) *domain.Num {
	v := p.get(column)
	if v == "" {
		return nil
	}
	n, err := domain.ParseNum(v)
	if err != nil {
		p.problem(column, NotANumber, "%q is not a number as a paper prints it (digits, one point, no thousands separators, no leading zero)", v)
		return nil
	}
	return &n
}

// locator is where in the source a value was read; without it the value has no source.
func (p *parser) locator() string {
	v := p.get("locator")
	if v == "" {
		p.problem("locator", MissingSource, "say where in the source the value is (e.g. \"Table 2\", \"abstract, results\")")
	}
	return v
}

// study finds the study a row belongs to; studies are defined before their rows.
func (p *parser) study() *domain.Study {
	id := p.required("study_id")
	if id == "" {
		return nil
	}
	st := p.byID[id]
	if st == nil {
		p.problem("study_id", UnknownReference, "no study row with id %q above this row", id)
	}
	return st
}

func (p *parser) readRow() {
	switch rec := strings.ToLower(p.get("record")); rec {
	case RecordStudy:
		p.readStudy()
	case RecordArm:
		p.readArm()
	case RecordOutcome:
		p.readOutcome()
	default:
		p.problem("record", NotAllowed, "%q is not one of: study; arm; outcome", rec)
	}
}

func (p *parser) readStudy() {
	st := &domain.Study{
		ID: p.required("study_id"), Indication: p.required("indication"), Label: p.required("label"),
		Title: p.get("title"), Authors: p.get("authors"), Journal: p.get("journal"), Year: p.count("year"),
		DOI: p.get("doi"), PMID: p.get("pmid"), Design: oneOf(p, "design", domain.Designs), N: p.count("n"),
		Population: p.get("population"), Extraction: oneOf(p, "extraction", domain.Extractions),
		Summary: p.required("summary"),
		Sources: []domain.Source{}, Arms: []domain.Arm{}, Outcomes: []domain.Outcome{}, Findings: []domain.Finding{},
		Unknowns: []string{}, Discrepancies: []domain.Discrepancy{},
	}
	if st.PMID != "" && strings.Trim(st.PMID, "0123456789") != "" {
		p.problem("pmid", NotANumber, "a PMID is digits only, not %q", st.PMID)
	}
	if where := p.get("source"); where != "" {
		st.Sources = append(st.Sources, domain.Source{ID: SourceID, Kind: st.Extraction, Where: where})
	} else {
		p.problem("source", MissingSource, "say where the numbers were read (citation, DOI, PMID or URL)")
	}
	if st.Indication != "" && !slices.Contains(p.known.Indications, st.Indication) {
		p.problem("indication", UnknownIndication, "%q is not one of: %s", st.Indication, strings.Join(p.known.Indications, "; "))
	}
	if st.ID == "" {
		return
	}
	if other := p.byKey[IDKey(st.ID)]; other != "" {
		p.problem("study_id", DuplicateStudy, "%q is defined twice in this file (as %q too: ids differ by more than case)", st.ID, other)
		return
	}
	p.byKey[IDKey(st.ID)] = st.ID
	if where := p.known.Taken(st.ID); where != "" {
		p.problem("study_id", DuplicateStudy, "%q is already in %s", st.ID, where)
	}
	p.byID[st.ID], p.studyRow[st.ID] = st, p.row
	p.studies = append(p.studies, st)
}

func (p *parser) readArm() {
	st := p.study()
	a := domain.Arm{
		ID: p.required("arm_id"), Label: p.required("arm_label"), Molecule: oneOf(p, "molecule", domain.Molecules),
		Role: oneOf(p, "role", domain.Roles), Route: domain.Route(p.get("route")), Dose: p.get("dose"), Schedule: p.get("schedule"),
		N: p.count("n"), Source: SourceID, Locator: p.locator(),
	}
	if st == nil || a.ID == "" {
		return
	}
	if st.ArmByID(a.ID) != nil {
		p.problem("arm_id", NotAllowed, "study %q already has an arm %q", st.ID, a.ID)
		return
	}
	st.Arms = append(st.Arms, a)
}

func (p *parser) readOutcome() {
	st := p.study()
	o := domain.Outcome{
		ID: p.get("outcome_id"), Measure: p.required("measure"), Timepoint: p.get("timepoint"),
		Arm: p.get("arm"), Versus: p.get("versus"), Kind: oneOf(p, "kind", domain.Kinds),
		Value: p.number("value"), Unit: p.get("unit"), CILow: p.number("ci_low"), CIHigh: p.number("ci_high"),
		P: p.get("p"), Source: SourceID, Locator: p.locator(), Note: p.get("note"), Key: true,
	}
	// a contrast says which way is good and whether the source states its direction
	if o.Versus != "" || p.raw("better") != "" {
		o.Better = oneOf(p, "better", domain.Betters)
	}
	if o.Versus != "" {
		o.Direction = oneOf(p, "direction", domain.Directions)
	}
	if p.raw("value") == "" {
		p.problem("value", MissingValue, "value is required (an outcome without its number is not imported)")
	}
	switch {
	case (p.raw("ci_low") == "") != (p.raw("ci_high") == ""):
		p.problem("ci_high", MissingValue, "a confidence interval needs both ci_low and ci_high")
	case o.CILow != nil && o.CIHigh != nil && o.CILow.Float() > o.CIHigh.Float():
		p.problem("ci_low", CIReversed, "ci_low %s is above ci_high %s", o.CILow, o.CIHigh)
	}
	if st == nil {
		return
	}
	for _, c := range []struct{ column, id string }{{"arm", o.Arm}, {"versus", o.Versus}} {
		if c.id != "" && st.ArmByID(c.id) == nil {
			p.problem(c.column, UnknownReference, "study %q has no arm %q above this row", st.ID, c.id)
		}
	}
	if o.ID == "" {
		o.ID = fmt.Sprintf("row-%d", p.row)
	}
	if st.OutcomeByID(o.ID) != nil {
		p.problem("outcome_id", NotAllowed, "study %q already has an outcome %q", st.ID, o.ID)
		return
	}
	st.Outcomes = append(st.Outcomes, o)
}
