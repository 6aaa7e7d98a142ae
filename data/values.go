package data

import (
	"database/sql"
	"fmt"
	"strings"

	"ketamine-explorer/domain"
)

// rule is one condition every row of a table meets, checked on a file the app did not
// build: its schema may lack the NOT NULL and CHECK clauses of schema.sql, and what the
// clauses would have refused must not reach a card, a chart or an export.
type rule struct {
	column  string
	broken  string // SQL that is true of a row breaking the rule
	problem string
}

func required(cols ...string) []rule {
	var out []rule
	for _, c := range cols {
		out = append(out, rule{c, c + " IS NULL OR typeof(" + c + ") != 'text'", "is missing or not text"})
	}
	return out
}

func whole(col string, min bool) rule {
	r := rule{col, col + " IS NOT NULL AND typeof(" + col + ") != 'integer'", "is not a whole number"}
	if min {
		r.broken += " OR " + col + " < 0"
		r.problem = "is not a whole number of 0 or more"
	}
	return r
}

func flag(col string) rule {
	return rule{col, "typeof(" + col + ") != 'integer' OR " + col + " NOT IN (0, 1)", "is not 0 or 1"}
}

// number: a number kept as the source printed it (see domain.ParseNum)
func number(col string) rule {
	return rule{col, col + " IS NOT NULL AND (typeof(" + col + ") NOT IN ('text', 'integer', 'real') OR " +
		"(typeof(" + col + ") = 'text' AND (" + col + " = '' OR " + col + " GLOB '*[^0-9eE.+-]*')))", "is not a number"}
}

func oneOf(col string, values ...string) rule {
	return rule{col, col + " IS NOT NULL AND " + col + " NOT IN ('" + strings.Join(values, "', '") + "')",
		"is not one of " + strings.Join(values, ", ")}
}

func ordered(low, high, what string) rule {
	return rule{low, low + " IS NOT NULL AND " + high + " IS NOT NULL AND CAST(" + low + " AS REAL) > CAST(" + high + " AS REAL)",
		"is above " + high + ": " + what}
}

// rules are schema.sql's constraints and the ranges the app relies on, table by table.
var rules = map[string][]rule{
	"indications": append(required("key", "name", "headline"), whole("sort_order", false)),
	"studies": append(required("id", "indication", "label", "design", "summary"),
		whole("year", false), whole("n", true), whole("sort_order", false),
		oneOf("extraction", "abstract", "full text", "secondary page", "secondary")),
	"sources": required("study_id", "id", "kind", "location"),
	"arms": append(required("study_id", "id", "label", "molecule", "source_id", "locator"),
		whole("n", true), oneOf("role", "intervention", "comparator")),
	"outcomes": append(required("study_id", "id", "measure", "kind", "source_id", "locator"),
		number("value"), number("range_low"), number("range_high"), number("ci_low"), number("ci_high"),
		number("se"), number("time_order"), whole("events", true),
		flag("is_key"), flag("is_safety"), flag("is_primary"), flag("is_published_pool"),
		oneOf("better", "lower", "higher"), oneOf("direction", "stated", "not stated"),
		ordered("ci_low", "ci_high", "a confidence interval runs from low to high"),
		ordered("range_low", "range_high", "a range runs from low to high"),
		ordered("ci_low", "value", "an estimate lies inside its confidence interval"),
		ordered("value", "ci_high", "an estimate lies inside its confidence interval")),
	"findings": append(required("study_id", "topic", "text", "source_id", "locator"), number("time_from"), number("time_to")),
	"unknowns": required("study_id", "what"),
	"discrepancies": append(required("study_id", "topic", "secondary_source", "secondary_claim", "primary_claim"),
		number("secondary_value"), number("primary_value"), flag("in_source")),
}

// tableOrder is the order the tables are checked and reported in.
var tableOrder = []string{"indications", "studies", "sources", "arms", "outcomes", "findings", "unknowns", "discrepancies"}

// checkValues reads each table once and refuses the file at the first row that breaks a
// rule, naming the table, the row (and its study) and the column.
func checkValues(db *sql.DB, name string) error {
	for _, table := range tableOrder {
		var cases strings.Builder
		for i, r := range rules[table] {
			fmt.Fprintf(&cases, " WHEN %s THEN %d", r.broken, i)
		}
		// the row is named by its study and its own key (these tables have no rowid)
		study, key := "study_id", "id"
		switch table {
		case "indications":
			study, key = "key", "key"
		case "studies":
			study = "id"
		case "findings", "unknowns", "discrepancies":
			key = "seq"
		}
		var owner, row sql.NullString
		var broken int
		err := db.QueryRow(`SELECT CAST(`+study+` AS TEXT), CAST(`+key+` AS TEXT), bad FROM (SELECT `+study+`, `+key+
			`, CASE`+cases.String()+` END AS bad FROM `+table+`) WHERE bad IS NOT NULL LIMIT 1`).Scan(&owner, &row, &broken)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return domain.Errorf(domain.EDAMAGED, "%s: %s (checking %s: %v)", name, domain.EDAMAGED.Phrase(), table, err)
		}
		r := rules[table][broken]
		return domain.Errorf(domain.EBADVALUE, "%s: %s (table %s, row %s %q of %q, column %s %s)",
			name, domain.EBADVALUE.Phrase(), table, key, row.String, owner.String, r.column, r.problem)
	}
	return nil
}
