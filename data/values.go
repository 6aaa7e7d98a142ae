package data

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"ketamine-explorer/domain"

	"github.com/mattn/go-sqlite3"
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

// ordinal: a whole number every row has (an order or a sequence number)
func ordinal(col string) rule {
	return rule{col, col + " IS NULL OR typeof(" + col + ") != 'integer'", "is missing or not a whole number"}
}

func flag(col string) rule {
	return rule{col, "typeof(" + col + ") != 'integer' OR " + col + " NOT IN (0, 1)", "is not 0 or 1"}
}

// number: a number kept as the source printed it, as domain.ParseNum reads it
func number(col string) rule {
	return rule{col, col + " IS NOT NULL AND NOT is_number(" + col + ")", "is not a number"}
}

// driverName is SQLite with the function the value checks call: the evidence and user
// databases are opened with it.
const driverName = "sqlite3_checked"

var checkedDriver = &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
	return c.RegisterFunc("is_number", isNumber, true)
}}

func init() { sql.Register(driverName, checkedDriver) }

// isNumber says whether a value is a number the app can read: an integer, a real, or text
// that domain.ParseNum accepts (which "+", "1e" and "NaN" are not).
func isNumber(v any) bool {
	switch x := v.(type) {
	case int64:
		return true
	case float64: // SQLite keeps an overflowing real (1e999) as infinity
		return !math.IsInf(x, 0) && !math.IsNaN(x)
	case string:
		_, err := domain.ParseNum(x)
		return err == nil
	case []byte:
		_, err := domain.ParseNum(string(x))
		return err == nil
	}
	return false
}

// oneOf is a column that holds one of the domain's allowed values (the one definition of
// them; schema.sql's CHECK lists are held equal to it by a test).
func oneOf[T ~string](col string, allowed []T) rule {
	values := make([]string, len(allowed))
	for i, v := range allowed {
		values[i] = strings.ReplaceAll(string(v), "'", "''")
	}
	return rule{col, col + " IS NOT NULL AND " + col + " NOT IN ('" + strings.Join(values, "', '") + "')",
		"is not one of " + domain.Join(allowed)}
}

func ordered(low, high, what string) rule {
	return rule{low, low + " IS NOT NULL AND " + high + " IS NOT NULL AND CAST(" + low + " AS REAL) > CAST(" + high + " AS REAL)",
		"is above " + high + ": " + what}
}

// table is one table's rules, with the columns that name a row in a message: its study
// and its own key (these tables have no rowid).
type table struct {
	name, study, key string
	rules            []rule
}

// tables are schema.sql's constraints and the ranges the app relies on, in the order
// they are checked and reported.
var tables = []table{
	{"meta", "key", "key", required("key", "value")},
	{"indications", "key", "key", append(required("key", "name", "headline"), ordinal("sort_order"))},
	{"studies", "id", "id", append(required("id", "indication", "label", "design", "summary", "extraction"),
		whole("year", false), whole("n", true), ordinal("sort_order"),
		oneOf("extraction", domain.Extractions))},
	{"sources", "study_id", "id", required("study_id", "id", "kind", "location")},
	{"arms", "study_id", "id", append(required("study_id", "id", "label", "molecule", "role", "source_id", "locator"),
		ordinal("seq"), whole("n", true), oneOf("role", domain.Roles))},
	{"outcomes", "study_id", "id", append(required("study_id", "id", "measure", "kind", "source_id", "locator"),
		ordinal("seq"), number("value"), number("range_low"), number("range_high"), number("ci_low"), number("ci_high"),
		number("se"), number("time_order"), whole("events", true),
		flag("is_key"), flag("is_safety"), flag("is_primary"), flag("is_published_pool"),
		oneOf("better", domain.Betters), oneOf("direction", domain.Directions),
		rule{"arm_id", "versus_id IS NOT NULL AND arm_id IS NULL", "is missing though versus_id is set: a contrast names both its arms"},
		ordered("ci_low", "ci_high", "a confidence interval runs from low to high"),
		ordered("range_low", "range_high", "a range runs from low to high"),
		ordered("ci_low", "value", "an estimate lies inside its confidence interval"),
		ordered("value", "ci_high", "an estimate lies inside its confidence interval"))},
	{"findings", "study_id", "seq", append(required("study_id", "topic", "text", "source_id", "locator"), ordinal("seq"), number("time_from"), number("time_to"))},
	{"unknowns", "study_id", "seq", append(required("study_id", "what"), ordinal("seq"))},
	{"discrepancies", "study_id", "seq", append(required("study_id", "topic", "secondary_source", "secondary_claim", "primary_claim"),
		ordinal("seq"), number("secondary_value"), number("primary_value"), flag("in_source"))},
	{"changes", "version", "seq", append(required("version", "date", "kind", "study_id", "what"), ordinal("seq"),
		oneOf("kind", domain.ChangeKinds))},
}

// checkValues reads each table once and refuses the file at the first row that breaks a
// rule, naming the table, the row (and its study) and the column.
func checkValues(ctx context.Context, db *sql.DB, name string) error {
	for _, t := range tables {
		var cases strings.Builder
		for i, r := range t.rules {
			fmt.Fprintf(&cases, " WHEN %s THEN %d", r.broken, i)
		}
		var owner, row sql.NullString
		var broken int
		err := db.QueryRowContext(ctx, `SELECT CAST(`+t.study+` AS TEXT), CAST(`+t.key+` AS TEXT), bad FROM (SELECT `+t.study+`, `+t.key+
			`, CASE`+cases.String()+` END AS bad FROM `+t.name+`) WHERE bad IS NOT NULL LIMIT 1`).Scan(&owner, &row, &broken)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return checkError(ctx, name, fmt.Errorf("checking %s: %w", t.name, err))
		}
		r := t.rules[broken]
		return domain.Errorf(domain.EBADVALUE, "%s: %s (table %s, row %s %q of %q, column %s %s)",
			name, domain.EBADVALUE.Phrase(), t.name, t.key, row.String, owner.String, r.column, r.problem)
	}
	return uniqueKeys(ctx, db, name)
}

// uniqueKeys refuses a file in which two rows of a table share the key a reference
// follows (a table rebuilt without its PRIMARY KEY can hold them): a number would be
// read from either.
func uniqueKeys(ctx context.Context, db *sql.DB, name string) error {
	for _, t := range tables {
		var owner, row sql.NullString
		err := db.QueryRowContext(ctx, `SELECT CAST(`+t.study+` AS TEXT), CAST(`+t.key+` AS TEXT) FROM `+t.name+
			` GROUP BY `+t.study+`, `+t.key+` HAVING count(*) > 1 LIMIT 1`).Scan(&owner, &row)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return checkError(ctx, name, fmt.Errorf("checking %s: %w", t.name, err))
		}
		return domain.Errorf(domain.EBADVALUE, "%s: %s (table %s, two rows with %s %q of %q: each must be unique)",
			name, domain.EBADVALUE.Phrase(), t.name, t.key, row.String, owner.String)
	}
	return nil
}
