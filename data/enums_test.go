package data

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ketamine-explorer/domain"
)

// The allowed values of a column are defined once, in the domain: the schema's CHECK
// lists, the migration's and the open-time rules (values.go) say the same, in the same
// order, so a value added to the domain cannot be refused by a database or let through by
// the open check.
func TestAllowedValuesAreTheDomains(t *testing.T) {
	want := map[string][]string{
		"extraction": domain.Extractions,
		"role":       strs(domain.Roles),
		"better":     strs(domain.Betters),
		"direction":  strs(domain.Directions),
		"kind":       strs(domain.ChangeKinds), // the change log's; an outcome's kind has no CHECK
	}
	check := regexp.MustCompile(`CHECK \((\w+) IN \(([^)]*)\)\)`)
	for _, file := range []string{"schema.sql", "migrate-1-to-2.sql"} {
		sql, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		found := check.FindAllStringSubmatch(string(sql), -1)
		if len(found) == 0 {
			t.Fatalf("%s has no CHECK (column IN (...)) list", file)
		}
		for _, m := range found {
			var got []string
			for _, v := range strings.Split(m[2], ",") {
				got = append(got, strings.Trim(strings.TrimSpace(v), "'"))
			}
			if w, ok := want[m[1]]; !ok {
				t.Errorf("%s: column %s has a CHECK list the domain does not define", file, m[1])
			} else if !slices.Equal(got, w) {
				t.Errorf("%s: %s IN %v, the domain allows %v", file, m[1], got, w)
			}
		}
	}
	for _, tb := range tables {
		for _, r := range tb.rules {
			if w, ok := want[r.column]; ok && strings.Contains(r.broken, " NOT IN (") && r.problem != "is not one of "+strings.Join(w, ", ") {
				t.Errorf("values.go: %s.%s %s, the domain allows %v", tb.name, r.column, r.problem, w)
			}
		}
	}
}

func strs[T ~string](values []T) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = string(v)
	}
	return out
}
