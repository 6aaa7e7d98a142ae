package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"ketamine-explorer/domain"
)

// searchIndex is the full-text index an evidence database carries: each study's
// domain.Study.SearchText, cut into trigrams so that any text of three or more
// characters is found by the index instead of by reading every study. Rows are written in
// display order, so the index's own order (rowid) is the order results are shown in and
// a search can stop at its limit without sorting every match.
const searchIndex = `CREATE VIRTUAL TABLE search USING fts5(study_id UNINDEXED, indication UNINDEXED, text, tokenize = 'trigram')`

// writeSearchIndex indexes every study of db as the store reads it back, so the index
// holds exactly the texts the search reads.
func writeSearchIndex(db *sql.DB) error {
	if _, err := db.Exec(searchIndex); err != nil {
		return fmt.Errorf("creating the search index (is SQLite built with FTS5, -tags sqlite_fts5?): %w", err)
	}
	s := &Store{db: db}
	inds, err := s.Indications()
	if err != nil {
		return err
	}
	for _, ind := range inds {
		// read first, then write: the builder's one connection cannot do both at once
		ev, err := s.Evidence(ind.Key)
		if err != nil {
			return err
		}
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		for i := range ev.Studies {
			if _, err := tx.Exec(`INSERT INTO search(study_id, indication, text) VALUES (?, ?, ?)`, ev.Studies[i].ID, ind.Key, ev.Studies[i].SearchText()); err != nil {
				tx.Rollback()
				return fmt.Errorf("indexing study %q: %w", ev.Studies[i].ID, err)
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// SearchIDs lists, in display order, the studies of one indication whose indexed text
// contains q (in the sense of domain.SearchKey), skipping the first offset and at most
// limit of them (limit < 0: all): every study that domain.Study.Mentions finds and
// perhaps a few more, which the caller turns down by reading them. indexed is false when
// the database has no usable index (an older file, or SQLite without FTS5): then the
// caller reads every study instead, and meets any error there.
func (s *Store) SearchIDs(q, indication string, offset, limit int) (ids []string, indexed bool) {
	q = domain.SearchKey(q)
	match := `search MATCH ?`
	arg := `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
	if utf8.RuneCountInString(q) < 3 {
		// trigrams cannot find a shorter text; the index's copy of the text still can
		match, arg = `instr(text, ?) > 0`, q
	}
	ctx, done := s.limited(context.Background(), nil)
	defer done()
	rows, err := s.db.QueryContext(ctx, `SELECT study_id FROM search WHERE `+match+` AND indication = ?
		ORDER BY rowid LIMIT ? OFFSET ?`, arg, indication, limit, offset)
	if err != nil {
		return nil, false
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, false
		}
		ids = append(ids, id)
	}
	return ids, rows.Err() == nil
}
