package domain

import (
	"errors"
	"fmt"
)

// Code says what kind of failure an Error is, so the CLI can choose its exit code and the
// window its sentence without a list of sentinel errors.
type Code string

// Codes of failures the app tells apart.
const (
	EINVALID  Code = "invalid"   // the request is wrong: a bad flag, an unknown command
	ENOTFOUND Code = "not found" // no such indication, study or import
	EREADONLY Code = "read-only" // the user database's folder cannot be written
	EINTERNAL Code = "internal"  // anything else: a failed write, a query error
	EBUSY     Code = "busy"      // another program holds the database (an import running)

	// Why an evidence database cannot be opened.
	EMISSING    Code = "missing"
	EUNREADABLE Code = "unreadable"
	ENOTSQLITE  Code = "not sqlite"
	EDAMAGED    Code = "damaged"
	EFOREIGN    Code = "foreign"
	ENEWER      Code = "newer"
	EOLDER      Code = "older"
	EBADVALUE   Code = "bad value"
	ESLOW       Code = "too slow"
)

// phrases are how each code reads inside a sentence.
var phrases = map[Code]string{
	ENOTFOUND:   "not found",
	EBUSY:       "in use by another program (an import may be running): try again in a moment",
	EREADONLY:   "the folder cannot be written to, so nothing can be imported there",
	EMISSING:    "no such file",
	EUNREADABLE: "the file cannot be read",
	ENOTSQLITE:  "not an SQLite database",
	EDAMAGED:    "the database file is damaged",
	EFOREIGN:    "not a Ketamine Evidence Explorer database",
	ENEWER:      "made by a newer version of the app: update Ketamine Evidence Explorer to open it",
	EOLDER:      "made by an older version of the app and no longer supported",
	EBADVALUE:   "it holds a value the app cannot show truthfully",
	ESLOW:       "a read of it did not finish within a minute and was stopped: the file is built so that reading it takes far longer than any evidence file",
}

// Phrase is the code in words, for messages: "the database file is damaged".
func (c Code) Phrase() string { return phrases[c] }

// OpenFailure says whether the code is a reason an evidence database cannot be opened.
func (c Code) OpenFailure() bool {
	switch c {
	case EMISSING, EUNREADABLE, ENOTSQLITE, EDAMAGED, EFOREIGN, ENEWER, EOLDER, EBADVALUE, ESLOW:
		return true
	}
	return false
}

// Error is a failure with a code and a sentence a user can read.
type Error struct {
	Code Code
	err  error // the message, wrapping any cause
}

func (e *Error) Error() string { return e.err.Error() }
func (e *Error) Unwrap() error { return e.err }

// Errorf makes an Error of code with a message formatted as fmt.Errorf does (%w wraps).
func Errorf(code Code, format string, a ...any) error {
	return &Error{Code: code, err: fmt.Errorf(format, a...)}
}

// ErrorCode is the code of the first Error in err's chain: "" for nil, EINTERNAL for an
// error that has none.
func ErrorCode(err error) Code {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}
