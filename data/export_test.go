package data

import "time"

// SetStatementLimit lets a test reach the read time limit without waiting a minute.
func SetStatementLimit(d time.Duration) (restore func()) {
	was := statementLimit
	statementLimit = d
	return func() { statementLimit = was }
}
