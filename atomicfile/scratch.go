package atomicfile

import (
	"os"
)

// NewScratch makes a temporary file for the process's own use, in the system's temporary
// folder, that the system removes when it is closed or the process ends in any way: it
// leaves nothing behind. Unlike the files this package puts in place, it has no name to
// clean up: on Windows it is opened to be deleted on close, elsewhere its name is removed
// at once.
func NewScratch() (*os.File, error) { return scratch() }
