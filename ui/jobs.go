package ui

import (
	"sync"

	"fyne.io/fyne/v2"
)

// jobs runs work off the UI goroutine and then its result on it, and knows when none is in
// flight: what a test waits for (an event, not a clock). A result that starts another job
// does so before its own ends, so a chain (open a file, then read its page) counts as one.
type jobs struct {
	wg sync.WaitGroup
}

// run runs work on another goroutine, then done on the UI goroutine (nil: nothing).
func (j *jobs) run(work, done func()) {
	j.wg.Add(1)
	go func() {
		defer j.wg.Done()
		work()
		if done != nil {
			fyne.DoAndWait(done)
		}
	}()
}

// idle returns a channel closed once no job is in flight.
func (j *jobs) idle() <-chan struct{} {
	ch := make(chan struct{})
	go func() {
		j.wg.Wait()
		close(ch)
	}()
	return ch
}
