package data

import (
	"fmt"
	"strings"
)

// Hit is one study that a search matched.
type Hit struct {
	StudyID    string `json:"study_id"`
	Indication string `json:"indication"`
	Label      string `json:"label"`
	Title      string `json:"title,omitempty"`
}

// Search finds studies whose label, title, authors, population or summary, or one of whose
// outcome measures or notes, contain text (case-insensitive for ASCII), at most limit of
// them in display order. The text is matched literally: no character in it is special.
func (s *Store) Search(text string, limit int) ([]Hit, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	rows, err := s.db.Query(`
		SELECT s.id, s.indication, s.label, s.title FROM studies s
		JOIN indications i ON i.key = s.indication
		WHERE instr(lower(s.label || ' ' || ifnull(s.title, '') || ' ' || ifnull(s.authors, '') || ' ' ||
		                  ifnull(s.population, '') || ' ' || s.summary), lower(?1)) > 0
		   OR EXISTS (SELECT 1 FROM outcomes o WHERE o.study_id = s.id
		              AND instr(lower(o.measure || ' ' || ifnull(o.note, '')), lower(?1)) > 0)
		ORDER BY i.sort_order, s.sort_order LIMIT ?2`, text, limit)
	if err != nil {
		return nil, fmt.Errorf("searching for %q: %w", text, err)
	}
	defer rows.Close()
	var out []Hit
	for rows.Next() {
		var h Hit
		var title ns
		if err := rows.Scan(&h.StudyID, &h.Indication, &h.Label, &title); err != nil {
			return nil, fmt.Errorf("searching for %q: %w", text, err)
		}
		h.Title = title.String
		out = append(out, h)
	}
	return out, rows.Err()
}
