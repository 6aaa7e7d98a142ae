package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

	"ketamine-explorer/domain"
)

// Indications lists every indication in display order, with its study count.
func (s *Store) Indications() (_ []domain.Indication, err error) {
	ctx, done := s.limited(context.Background(), &err)
	defer done()
	rows, err := s.db.QueryContext(ctx, `
		SELECT i.key, i.name, i.sort_order, i.headline, i.evidence_gap, i.seed_paragraphs,
		       (SELECT count(*) FROM studies s WHERE s.indication = i.key) +
		       (SELECT count(*) FROM study_indications x WHERE x.indication = i.key)
		FROM indications i ORDER BY i.sort_order, i.key`)
	if err != nil {
		return nil, fmt.Errorf("listing indications: %w", err)
	}
	defer rows.Close()
	var out []domain.Indication
	for rows.Next() {
		var ind domain.Indication
		var gap, seed sql.NullString
		if err := rows.Scan(&ind.Key, &ind.Name, &ind.Order, &ind.Headline, &gap, &seed, &ind.StudyCount); err != nil {
			return nil, fmt.Errorf("listing indications: %w", err)
		}
		ind.EvidenceGap, ind.SeedParagraphs = gap.String, seed.String
		out = append(out, ind)
	}
	return out, rows.Err()
}

// Evidence loads one indication with all of its studies.
func (s *Store) Evidence(key string) (domain.IndicationEvidence, error) {
	return s.EvidenceFirst(key, -1)
}

// EvidenceFirst loads one indication with its first max studies in display order
// (randomized evidence first; max < 0: all), so a page costs the same however large the
// database grows. Indication.StudyCount still counts them all.
func (s *Store) EvidenceFirst(key string, max int) (domain.IndicationEvidence, error) {
	ind, err := s.Indication(key)
	if err != nil {
		return domain.IndicationEvidence{}, err
	}
	studies, err := s.StudiesAfter(key, "", max)
	return domain.IndicationEvidence{Indication: ind, Studies: studies}, err
}

// Indication reads one indication, with its study count.
func (s *Store) Indication(key string) (domain.Indication, error) {
	inds, err := s.Indications()
	if err != nil {
		return domain.Indication{}, err
	}
	for _, ind := range inds {
		if ind.Key == key {
			return ind, nil
		}
	}
	return domain.Indication{}, domain.Errorf(domain.ENOTFOUND, "%q: %s", key, "no such indication")
}

// StudiesAfter loads at most max (< 0: all) of the indication's studies that come after
// the study with id after in display order ("": from the first). Each page seeks from the
// last one's place rather than counting past the pages before (OFFSET), so reading an
// indication a page at a time costs the same per page however far in.
func (s *Store) StudiesAfter(key, after string, max int) ([]domain.Study, error) {
	sel := selection{of + " ORDER BY sort_order, id LIMIT ?", []any{key, key, max}}
	if after != "" {
		sel = selection{of + ` AND (sort_order, id) > ((SELECT sort_order FROM studies WHERE id = ?), ?)
			ORDER BY sort_order, id LIMIT ?`, []any{key, key, after, after, max}}
	}
	studies, err := s.load(sel)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", key, err)
	}
	return studies, nil
}

// of selects an indication's studies (its key given twice): its own, and those of another
// that also belong to it.
const of = "(indication = ? OR id IN (SELECT study_id FROM study_indications WHERE indication = ?))"

// Study loads one study by id, reading only its own rows.
func (s *Store) Study(id string) (domain.Study, error) {
	studies, err := s.load(selection{"id = ?", []any{id}})
	if err != nil {
		return domain.Study{}, fmt.Errorf("loading study %q: %w", id, err)
	}
	if len(studies) == 0 {
		return domain.Study{}, domain.Errorf(domain.ENOTFOUND, "%q: %s", id, "no such study")
	}
	return studies[0], nil
}

// StudiesByID loads the studies with the given ids, in the order given; ids not there are left out.
func (s *Store) StudiesByID(ids []string) ([]domain.Study, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	studies, err := s.load(selection{"id IN (SELECT value FROM json_each(?))", []any{string(list)}})
	if err != nil {
		return nil, fmt.Errorf("loading %d studies: %w", len(ids), err)
	}
	at := make(map[string]int, len(ids))
	for i, id := range ids {
		if _, dup := at[id]; !dup {
			at[id] = i
		}
	}
	slices.SortFunc(studies, func(a, b domain.Study) int { return at[a.ID] - at[b.ID] })
	return studies, nil
}

// ns turns an unknown (NULL) text into "".
type ns = sql.NullString

// selection is the WHERE clause (with its arguments) that picks the studies to load, in
// the order loaded.
type selection struct {
	where string
	args  []any
}

// load reads the selected studies whole: their rows first, then each table once for all
// of them, so the cost does not grow with a query per study.
func (s *Store) load(sel selection) (_ []domain.Study, err error) {
	// one snapshot for every table read: an import committing in between would leave rows
	// of studies the first read did not see ("row of unknown study") or miss some
	ctx, done := s.limited(context.Background(), &err)
	defer done()
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	defer conn.ExecContext(ctx, "ROLLBACK") // read only: nothing to keep
	rows, err := conn.QueryContext(ctx, `
		SELECT id, indication, label, title, authors, journal, year, published, volume, doi, pmid, pmc, nct,
		       other_id, design, design_detail, n, n_note, population, setting, period,
		       extraction, certainty, summary, scope,
		       EXISTS (SELECT 1 FROM changes c JOIN meta m ON m.key = 'dataset_version' AND c.version = m.value
		               WHERE c.kind = 'added' AND c.study_id = studies.id)
		FROM studies WHERE `+sel.where, sel.args...)
	if err != nil {
		return nil, err
	}
	var out []domain.Study
	for rows.Next() {
		var st domain.Study
		var title, authors, journal, published, volume, doi, pmid, pmc, nct, other, detail, nnote, pop, setting, period, certainty, scope ns
		var year, n sql.NullInt64
		if err := rows.Scan(&st.ID, &st.Indication, &st.Label, &title, &authors, &journal, &year, &published, &volume,
			&doi, &pmid, &pmc, &nct, &other, &st.Design, &detail, &n, &nnote, &pop, &setting, &period,
			&st.Extraction, &certainty, &st.Summary, &scope, &st.New); err != nil {
			rows.Close()
			return nil, err
		}
		st.Title, st.Authors, st.Journal, st.Published, st.Volume = title.String, authors.String, journal.String, published.String, volume.String
		st.DOI, st.PMID, st.PMC, st.NCT, st.OtherID = doi.String, pmid.String, pmc.String, nct.String, other.String
		st.DesignDetail, st.NNote, st.Population, st.Setting, st.Period, st.Certainty = detail.String, nnote.String, pop.String, setting.String, period.String, certainty.String
		st.Year, st.N, st.Scope = intPtr(year), intPtr(n), scope.String
		out = append(out, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if err := fill(ctx, conn, sel, out); err != nil {
		return nil, err
	}
	return out, nil
}

// fill loads, in the snapshot conn reads, the sources, arms, outcomes, findings, unknowns and discrepancies of the
// selected studies with one query per table.
func fill(ctx context.Context, conn *sql.Conn, sel selection, studies []domain.Study) error {
	byID := make(map[string]*domain.Study, len(studies))
	for i := range studies {
		st := &studies[i]
		st.Sources, st.Arms, st.Outcomes, st.Findings = []domain.Source{}, []domain.Arm{}, []domain.Outcome{}, []domain.Finding{}
		st.Unknowns, st.Discrepancies = []string{}, []domain.Discrepancy{}
		byID[st.ID] = st
	}
	// each runs fn on every row of one table; fn scans the study id into id first and
	// passes the scan's error to owner, which gives the study the row belongs to
	var id string
	owner := func(err error) (*domain.Study, error) {
		if err != nil {
			return nil, err
		}
		if st := byID[id]; st != nil {
			return st, nil
		}
		return nil, fmt.Errorf("row of unknown study %q", id)
	}
	each := func(table, columns, order string, fn func(r *sql.Rows) error) error {
		rows, err := conn.QueryContext(ctx, `SELECT study_id, `+columns+` FROM `+table+
			` WHERE study_id IN (SELECT id FROM studies WHERE `+sel.where+`)`+
			` ORDER BY study_id, `+order, sel.args...)
		if err != nil {
			return fmt.Errorf("reading %s: %w", table, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := fn(rows); err != nil {
				return fmt.Errorf("reading %s: %w", table, err)
			}
		}
		return rows.Err()
	}
	err := each("sources", "id, kind, location, version", "rowid", func(r *sql.Rows) error {
		var src domain.Source
		var version ns
		st, err := owner(r.Scan(&id, &src.ID, &src.Kind, &src.Where, &version))
		if err != nil {
			return err
		}
		src.Version = version.String
		st.Sources = append(st.Sources, src)
		return nil
	})
	if err == nil {
		err = each("study_indications", "indication", "indication", func(r *sql.Rows) error {
			var ind string
			st, err := owner(r.Scan(&id, &ind))
			if err == nil {
				st.Also = append(st.Also, ind)
			}
			return err
		})
	}
	if err != nil {
		return err
	}
	err = each("arms", "id, label, molecule, role, route, dose, schedule, n, n_note, source_id, locator", "seq", func(r *sql.Rows) error {
		var a domain.Arm
		var route, dose, sched, nnote ns
		var n sql.NullInt64
		st, err := owner(r.Scan(&id, &a.ID, &a.Label, &a.Molecule, &a.Role, &route, &dose, &sched, &n, &nnote, &a.Source, &a.Locator))
		if err != nil {
			return err
		}
		a.Route, a.Dose, a.Schedule, a.NNote, a.N = domain.Route(route.String), dose.String, sched.String, nnote.String, intPtr(n)
		st.Arms = append(st.Arms, a)
		return nil
	})
	if err != nil {
		return err
	}
	err = each("outcomes", `id, measure, timepoint, time_order, arm_id, versus_id, kind, value, value_text,
		range_low, range_high, unit, ci_low, ci_high, se, p, events, certainty, is_key, is_safety,
		source_id, locator, note, better, direction, is_primary, is_published_pool`, "seq", func(r *sql.Rows) error {
		var o domain.Outcome
		var tp, arm, vs, vtext, unit, p, cert, note, better, direction ns
		var events sql.NullInt64
		st, err := owner(r.Scan(&id, &o.ID, &o.Measure, &tp, nullNum{&o.TimeOrder}, &arm, &vs, &o.Kind, nullNum{&o.Value}, &vtext,
			nullNum{&o.RangeLow}, nullNum{&o.RangeHigh}, &unit, nullNum{&o.CILow}, nullNum{&o.CIHigh}, nullNum{&o.SE},
			&p, &events, &cert, &o.Key, &o.Safety, &o.Source, &o.Locator, &note, &better, &direction, &o.Primary, &o.Published))
		if err != nil {
			return err
		}
		o.Better, o.Direction = domain.Better(better.String), domain.Direction(direction.String)
		o.Timepoint, o.Arm, o.Versus, o.ValueText, o.Unit, o.P, o.Certainty, o.Note = tp.String, arm.String, vs.String, vtext.String, unit.String, p.String, cert.String, note.String
		o.Events = intPtr(events)
		st.Outcomes = append(st.Outcomes, o)
		return nil
	})
	if err != nil {
		return err
	}
	err = each("findings", "topic, text, arm_id, time_from, time_to, time_unit, source_id, locator", "seq", func(r *sql.Rows) error {
		var f domain.Finding
		var arm, unit ns
		st, err := owner(r.Scan(&id, &f.Topic, &f.Text, &arm, nullNum{&f.TimeFrom}, nullNum{&f.TimeTo}, &unit, &f.Source, &f.Locator))
		if err != nil {
			return err
		}
		f.Arm, f.TimeUnit = arm.String, unit.String
		st.Findings = append(st.Findings, f)
		return nil
	})
	if err != nil {
		return err
	}
	err = each("unknowns", "what", "seq", func(r *sql.Rows) error {
		var w string
		st, err := owner(r.Scan(&id, &w))
		if err != nil {
			return err
		}
		st.Unknowns = append(st.Unknowns, w)
		return nil
	})
	if err != nil {
		return err
	}
	return each("discrepancies", `topic, secondary_source, secondary_claim, secondary_value, primary_claim,
		primary_value, outcome_id, in_source`, "seq", func(r *sql.Rows) error {
		var d domain.Discrepancy
		var outcome ns
		st, err := owner(r.Scan(&id, &d.Topic, &d.SecondarySource, &d.SecondaryClaim, nullNum{&d.SecondaryValue}, &d.PrimaryClaim,
			nullNum{&d.PrimaryValue}, &outcome, &d.InSource))
		if err != nil {
			return err
		}
		d.Outcome = outcome.String
		st.Discrepancies = append(st.Discrepancies, d)
		return nil
	})
}

func intPtr(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	i := int(v.Int64)
	return &i
}
