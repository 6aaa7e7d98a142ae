package csvimport

import (
	"fmt"
	"io"
	"slices"

	"ketamine-explorer/data"
)

// Import checks a template file against the evidence and the user's earlier imports and,
// only if every row is valid, adds its studies to the user database in one transaction.
func Import(user *data.UserStore, evidence *data.Store, file string, r io.Reader) (data.Import, error) {
	inds, err := evidence.Indications()
	if err != nil {
		return data.Import{}, err
	}
	bundled, err := evidence.StudyIDs()
	if err != nil {
		return data.Import{}, err
	}
	imported, err := user.StudyIDs()
	if err != nil {
		return data.Import{}, err
	}
	known := Known{Taken: func(id string) string {
		switch {
		case bundled[id]:
			return "the evidence database (" + evidence.Name() + ")"
		case imported[id]:
			return "your earlier imports"
		}
		return ""
	}}
	for _, ind := range inds {
		known.Indications = append(known.Indications, ind.Key)
	}
	studies, err := Read(r, file, known)
	if err != nil {
		return data.Import{}, err
	}
	var used []data.Indication
	for _, ind := range inds {
		if slices.ContainsFunc(studies, func(st data.Study) bool { return st.Indication == ind.Key }) {
			used = append(used, ind)
		}
	}
	imp, err := user.Add(file, studies, used)
	if err != nil {
		return imp, fmt.Errorf("nothing was imported: %w", err)
	}
	return imp, nil
}
