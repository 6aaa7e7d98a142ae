package domain_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"ketamine-explorer/domain"
)

func TestValueInPartsKeepsTheDigits(t *testing.T) {
	o := domain.Outcome{Kind: domain.MeanDifference, Value: domain.N("2.15"), Unit: "MADRS points",
		CILow: domain.N("-0.06"), CIHigh: domain.N("4.37"), P: ".06"}
	v := domain.ValueOf(o)
	if v.Kind != "MD" || v.Number != "2.15 MADRS points" || !slices.Equal(v.Details, []string{"95% CI -0.06 to 4.37"}) || v.P != "p=.06" {
		t.Errorf("parts: %+v", v)
	}
	if v.Estimate() != "MD 2.15 MADRS points (95% CI -0.06 to 4.37)" || v.String() != v.Estimate()+", p=.06" {
		t.Errorf("estimate %q, whole %q", v.Estimate(), v.String())
	}
	if got := domain.FormatValue(domain.Outcome{Kind: domain.Proportion}); got != domain.Unknown {
		t.Errorf("a missing value reads %q", got)
	}
}

// Every number the app accepts goes out in JSON with the source's digits, and what JSON
// cannot hold as a number is refused when read (fuzzing found "00" in a database once
// made show --format json fail after the database had been accepted).
func TestNumbersAcceptedAreJSONNumbersWithTheirDigits(t *testing.T) {
	for _, s := range []string{"0", "-0.5", "52.0", "0.06", "1e308", "2.5E-3", "-12"} {
		n, err := domain.ParseNum(s)
		if err != nil {
			t.Fatalf("%q refused: %v", s, err)
		}
		b, err := json.Marshal(struct{ V domain.Num }{n})
		if err != nil || string(b) != `{"V":`+s+`}` {
			t.Errorf("%q went out as %s (%v)", s, b, err)
		}
	}
	for _, s := range []string{"00", "007", "-01.5", "+1", ".5", "5.", "1e", "NaN", "Inf", "0x10", "1_000", " 1", ""} {
		if n, err := domain.ParseNum(s); err == nil {
			t.Errorf("%q accepted as %v", s, n)
		}
	}
}

func TestIdentifiersCarryTheirPrefixOnceAndALink(t *testing.T) {
	st := domain.Study{DOI: "10.1/x", PMID: "123", PMC: "PMC9", NCT: "01690988", OtherID: "ISRCTN1"}
	want := []domain.Identifier{{"DOI 10.1/x", "https://doi.org/10.1/x"}, {"PMID 123", "https://pubmed.ncbi.nlm.nih.gov/123/"},
		{"PMC9", "https://www.ncbi.nlm.nih.gov/pmc/articles/PMC9/"}, {"NCT01690988", "https://clinicaltrials.gov/study/NCT01690988"}, {"ISRCTN1", ""}}
	if got := st.IdentifierLinks(); !slices.Equal(got, want) {
		t.Errorf("identifiers:\n%v\nwant\n%v", got, want)
	}
}

func TestDisagreementGivesBothValues(t *testing.T) {
	d := domain.Discrepancy{Topic: "response", SecondarySource: "seed summary", SecondaryClaim: "60% responded",
		SecondaryValue: domain.N("60"), PrimaryClaim: "55.4% responded", PrimaryValue: domain.N("55.4")}
	if got := d.Sentence(); got != "seed summary says 60% responded (60); the primary source says 55.4% responded (55.4)" {
		t.Errorf("sentence %q", got)
	}
}

func TestUserAddedNameAndMentions(t *testing.T) {
	st := domain.Study{Label: "Audit", UserAdded: true, Arms: []domain.Arm{{Label: "IN esketamine", Route: domain.Intranasal}}}
	if st.Name() != "Audit [user-added]" {
		t.Errorf("name %q", st.Name())
	}
	for q, want := range map[string]bool{"in ESKETAMINE": true, "intranasal": true, "midazolam": false} {
		if st.Mentions(q) != want {
			t.Errorf("Mentions(%q) = %v", q, !want)
		}
	}
}

func TestErrorCodesSurviveWrapping(t *testing.T) {
	err := fmt.Errorf("opening: %w", domain.Errorf(domain.EDAMAGED, "x.sqlite: %s", domain.EDAMAGED.Phrase()))
	if domain.ErrorCode(err) != domain.EDAMAGED || !domain.ErrorCode(err).OpenFailure() || err.Error() != "opening: x.sqlite: the database file is damaged" {
		t.Errorf("wrapped: %v (%s)", err, domain.ErrorCode(err))
	}
	if domain.ErrorCode(nil) != "" || domain.ErrorCode(errors.New("plain")) != domain.EINTERNAL {
		t.Error("codes of nil and plain errors")
	}
}

// Clip counts characters, not bytes, cuts at a space near the end, and marks the cut.
func TestClipCountsCharacters(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"short", "short"},
		{strings.Repeat("ß", 10), strings.Repeat("ß", 10)},
		{strings.Repeat("ß", 11), strings.Repeat("ß", 9) + "…"},
		{"ketamine esketamine", "ketamine…"},
		{"🧠🧠🧠🧠🧠🧠🧠🧠🧠🧠🧠🧠", "🧠🧠🧠🧠🧠🧠🧠🧠🧠…"},
	} {
		if got := domain.Clip(c.in, 10); got != c.want {
			t.Errorf("Clip(%q, 10) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A search finds its text where a word starts, in any case: "ECT" finds ECT and not
// "effect", "ketam" finds ketamine, and text that starts with a sign is found anywhere.
func TestSearchMatchesAtWordStarts(t *testing.T) {
	st := domain.Study{Label: "Ketamine vs ECT", Summary: "A large effect (p<0.05) in über-resistant depression."}
	for q, want := range map[string]bool{"ECT": true, "ect": true, "ketam": true, "effect": true, "ffect": false, "tamine": false,
		"(p<0.05": true, "über": true, "resistant": true, "sistant": false, "": true} {
		if got := st.Mentions(q); got != want {
			t.Errorf("Mentions(%q) = %v", q, got)
		}
	}
}
