package domain

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// Num is a reported number kept exactly as written in the source ("52.0" stays "52.0"),
// so the app never rounds or reformats what a paper printed.
type Num struct {
	v float64
	s string
}

// plainDecimal is how papers print numbers, in JSON's grammar so MarshalJSON can write
// the digits as they are: ParseFloat alone would also take "NaN", "Inf", hex and "1_000",
// and a leading zero ("007") is neither how a paper prints nor a JSON number.
var plainDecimal = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$`)

// ParseNum reads a decimal number as written.
func ParseNum(s string) (Num, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !plainDecimal.MatchString(s) {
		return Num{}, fmt.Errorf("%q is not a number", s)
	}
	return Num{v: v, s: s}, nil
}

// N is ParseNum for values known to be valid, such as test literals.
func N(s string) *Num {
	n, err := ParseNum(s)
	if err != nil {
		panic(err)
	}
	return &n
}

// Float is the number's value.
func (n Num) Float() float64 { return n.v }

// Decimals is how many digits the source printed after the point.
func (n Num) Decimals() int {
	mantissa, _, _ := strings.Cut(strings.ToLower(n.s), "e")
	if _, frac, ok := strings.Cut(mantissa, "."); ok {
		return len(frac)
	}
	return 0
}

// String is the number as the source printed it.
func (n Num) String() string { return n.s }

// MarshalJSON writes the number as a JSON number with the source's digits.
func (n Num) MarshalJSON() ([]byte, error) { return []byte(n.s), nil }

// UnmarshalJSON accepts a JSON number only; a quoted number is a mistake in the data.
func (n *Num) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] == '"' {
		return fmt.Errorf("%s is not a number", b)
	}
	p, err := ParseNum(string(b))
	if err != nil {
		return err
	}
	*n = p
	return nil
}
