package data

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"ketamine-explorer/atomicfile"
	"ketamine-explorer/domain"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// Dataset is the evidence as kept in the repository: one JSON file per study.
type Dataset struct {
	Version     string
	Title       string
	Changes     []domain.Change
	Indications []domain.Indication
	Studies     []domain.Study
}

// LoadDir reads dataset.json, indications.json and every other *.json (one study each)
// from dir, and checks them; every problem found is reported with its file.
func LoadDir(dir fs.FS) (Dataset, error) {
	var ds Dataset
	var meta struct {
		Version, Title string
		Changes        []domain.Change
	}
	if err := readJSON(dir, "dataset.json", &meta); err != nil {
		return ds, err
	}
	ds.Version, ds.Title, ds.Changes = meta.Version, meta.Title, meta.Changes
	if err := readJSON(dir, "indications.json", &ds.Indications); err != nil {
		return ds, err
	}
	names, err := fs.Glob(dir, "*.json")
	if err != nil {
		return ds, err
	}
	sort.Strings(names)
	var problems []string
	for _, name := range names {
		if name == "dataset.json" || name == "indications.json" {
			continue
		}
		var st domain.Study
		if err := readJSON(dir, name, &st); err != nil {
			problems = append(problems, err.Error())
			continue
		}
		for _, p := range st.Problems() {
			problems = append(problems, name+": "+p)
		}
		ds.Studies = append(ds.Studies, st)
	}
	problems = append(problems, ds.problems()...)
	ds.markNew()
	if len(problems) > 0 {
		return ds, fmt.Errorf("the evidence files have %d problem(s):\n  %s", len(problems), strings.Join(problems, "\n  "))
	}
	ds.sortStudies()
	return ds, nil
}

func readJSON(dir fs.FS, name string, v any) error {
	b, err := fs.ReadFile(dir, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// markNew marks the studies the current version added, as the database reports them.
func (ds *Dataset) markNew() {
	for i := range ds.Studies {
		for _, c := range ds.Changes {
			if c.Version == ds.Version && c.Kind == domain.Added && c.StudyID == ds.Studies[i].ID {
				ds.Studies[i].New = true
			}
		}
	}
}

// sortStudies orders studies by indication, then randomized evidence first, then label.
func (ds *Dataset) sortStudies() {
	order := map[string]int{}
	for _, ind := range ds.Indications {
		order[ind.Key] = ind.Order
	}
	slices.SortStableFunc(ds.Studies, func(a, b domain.Study) int {
		if d := order[a.Indication] - order[b.Indication]; d != 0 {
			return d
		}
		if d := slices.Index(domain.Designs, a.Design) - slices.Index(domain.Designs, b.Design); d != 0 {
			return d
		}
		return strings.Compare(a.Label, b.Label)
	})
	for i := range ds.Indications {
		ds.Indications[i].StudyCount = 0
		for _, st := range ds.Studies {
			if st.Indication == ds.Indications[i].Key || slices.Contains(st.Also, ds.Indications[i].Key) {
				ds.Indications[i].StudyCount++
			}
		}
	}
}

func (ds *Dataset) problems() []string {
	var out []string
	if ds.Version == "" {
		out = append(out, "dataset.json: version is empty")
	}
	inds := map[string]bool{}
	for _, ind := range ds.Indications {
		if ind.Key == "" || ind.Name == "" || ind.Headline == "" {
			out = append(out, fmt.Sprintf("indications.json: %q needs key, name and headline", ind.Key))
		}
		inds[ind.Key] = true
	}
	ids := map[string]bool{}
	for _, st := range ds.Studies {
		if ids[st.ID] {
			out = append(out, fmt.Sprintf("study id %q is used twice", st.ID))
		}
		ids[st.ID] = true
		for _, ind := range append([]string{st.Indication}, st.Also...) {
			if !inds[ind] {
				out = append(out, fmt.Sprintf("study %q: unknown indication %q", st.ID, ind))
			}
		}
		if slices.Contains(st.Also, st.Indication) {
			out = append(out, fmt.Sprintf("study %q: also_indications repeats its indication %q", st.ID, st.Indication))
		}
	}
	for i, c := range ds.Changes {
		switch {
		case c.Version == "" || c.Date == "" || c.What == "":
			out = append(out, fmt.Sprintf("dataset.json: change %d needs version, date and what", i+1))
		case c.Kind != domain.Added && c.Kind != domain.Corrected:
			out = append(out, fmt.Sprintf("dataset.json: change %d: kind %q is not added or corrected", i+1, c.Kind))
		case !ids[c.StudyID]:
			out = append(out, fmt.Sprintf("dataset.json: change %d: no study %q", i+1, c.StudyID))
		}
	}
	return out
}

// Build writes the dataset to a new SQLite file at out. The same dataset always gives the
// same bytes, so the bundled file can be checked against the evidence files.
func Build(ds Dataset, out string) error {
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return atomicfile.Make(out, func(tmp string) error {
		db, err := sql.Open("sqlite3", tmp+"?_journal_mode=OFF&_synchronous=OFF")
		if err != nil {
			return err
		}
		db.SetMaxOpenConns(1)
		err = write(db, ds)
		if err == nil {
			err = writeSearchIndex(db)
		}
		if err != nil {
			db.Close()
			return fmt.Errorf("building %s: %w", out, err)
		}
		if _, err := db.Exec("VACUUM"); err != nil {
			db.Close()
			return err
		}
		return db.Close()
	})
}

func write(db *sql.DB, ds Dataset) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range schemaStatements() {
		if _, err := tx.Exec(s); err != nil {
			return err
		}
	}
	if _, err := tx.Exec(`INSERT INTO meta(key, value) VALUES ('dataset_version', ?), ('dataset_title', ?)`, ds.Version, ds.Title); err != nil {
		return err
	}
	for _, ind := range ds.Indications {
		if err := insertIndication(tx, "INSERT", ind); err != nil {
			return err
		}
	}
	for i, c := range ds.Changes {
		if _, err := tx.Exec(`INSERT INTO changes VALUES (?,?,?,?,?,?,?,?,?)`, c.Version, i, c.Date, c.Kind, c.StudyID, c.What,
			null(c.Old), null(c.New), null(c.Reason)); err != nil {
			return err
		}
	}
	for i, st := range ds.Studies {
		if err := insertStudy(tx, st, i); err != nil {
			return fmt.Errorf("study %q: %w", st.ID, err)
		}
	}
	var bad int
	if err := tx.QueryRow("SELECT count(*) FROM pragma_foreign_key_check").Scan(&bad); err != nil {
		return err
	}
	if bad > 0 {
		return errors.New("foreign key check failed")
	}
	return tx.Commit()
}

// insertIndication writes one indication; verb is "INSERT" or "INSERT OR IGNORE".
func insertIndication(tx *sql.Tx, verb string, ind domain.Indication) error {
	_, err := tx.Exec(verb+` INTO indications VALUES (?, ?, ?, ?, ?, ?)`, ind.Key, ind.Name, ind.Order, ind.Headline, null(ind.EvidenceGap), null(ind.SeedParagraphs))
	return err
}

// insertStudy writes one study and everything extracted from it.
func insertStudy(tx *sql.Tx, st domain.Study, order int) (err error) {
	exec := func(query string, args ...any) {
		if err != nil {
			return
		}
		_, err = tx.Exec(query, args...)
	}
	exec(`INSERT INTO studies VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		st.ID, st.Indication, st.Label, null(st.Title), null(st.Authors), null(st.Journal), st.Year,
		null(st.Published), null(st.Volume), null(st.DOI), null(st.PMID), null(st.PMC), null(st.NCT),
		null(st.OtherID), st.Design, null(st.DesignDetail), st.N, null(st.NNote), null(st.Population),
		null(st.Setting), null(st.Period), st.Extraction, null(st.Certainty), st.Summary, order, null(st.Scope))
	for _, ind := range st.Also {
		exec(`INSERT INTO study_indications VALUES (?, ?)`, st.ID, ind)
	}
	for _, src := range st.Sources {
		exec(`INSERT INTO sources VALUES (?, ?, ?, ?, ?)`, st.ID, src.ID, src.Kind, src.Where, null(src.Version))
	}
	for j, a := range st.Arms {
		exec(`INSERT INTO arms VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)`, st.ID, a.ID, j, a.Label, a.Molecule, a.Role,
			null(string(a.Route)), null(a.Dose), null(a.Schedule), a.N, null(a.NNote), a.Source, a.Locator)
	}
	for j, o := range st.Outcomes {
		exec(`INSERT INTO outcomes VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			st.ID, o.ID, j, o.Measure, null(o.Timepoint), numArg(o.TimeOrder), null(o.Arm), null(o.Versus), o.Kind,
			numArg(o.Value), null(o.ValueText), numArg(o.RangeLow), numArg(o.RangeHigh), null(o.Unit), numArg(o.CILow), numArg(o.CIHigh), numArg(o.SE),
			null(o.P), o.Events, null(o.Certainty), o.Key, o.Safety, o.Source, o.Locator, null(o.Note),
			null(string(o.Better)), null(string(o.Direction)), o.Primary, o.Published)
	}
	for j, f := range st.Findings {
		exec(`INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?,?)`, st.ID, j, f.Topic, f.Text, null(f.Arm),
			numArg(f.TimeFrom), numArg(f.TimeTo), null(f.TimeUnit), f.Source, f.Locator)
	}
	for j, u := range st.Unknowns {
		exec(`INSERT INTO unknowns VALUES (?, ?, ?)`, st.ID, j, u)
	}
	for j, d := range st.Discrepancies {
		exec(`INSERT INTO discrepancies VALUES (?,?,?,?,?,?,?,?,?,?)`, st.ID, j, d.Topic, d.SecondarySource,
			d.SecondaryClaim, numArg(d.SecondaryValue), d.PrimaryClaim, numArg(d.PrimaryValue), null(d.Outcome), d.InSource)
	}
	return err
}

// null stores an empty string as NULL: unknown, not blank.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}
