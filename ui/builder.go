package ui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// builder builds pages a piece at a time on the UI goroutine: each turn runs pieces for at
// most turnBudget and then lets the window handle input and draw a frame, so no page, however
// long, holds the window still. The page on screen is built first.
type builder struct {
	queue   []step
	posted  bool // a turn is waiting for the UI goroutine
	running bool
	// post hands a turn to the UI goroutine to run after the events and frames already
	// waiting; nil runs every piece at once (tests, which read a page right after asking).
	post func(func())
	// turnTaken, when set, is told how long each turn held the UI goroutine (the benchmarks'
	// stall probe).
	turnTaken func(time.Duration)
}

type step struct {
	page string // the indication whose page it builds
	fn   func()
}

// turnBudget leaves room in a 60 Hz frame for Fyne's own layout and drawing.
const turnBudget = 4 * time.Millisecond

// add queues pieces of a page.
func (b *builder) add(page string, fns ...func()) {
	for _, fn := range fns {
		b.queue = append(b.queue, step{page, fn})
	}
	b.schedule()
}

// first moves a page's pieces ahead of the others', keeping their order: it is the one
// on screen.
func (b *builder) first(page string) {
	var mine, rest []step
	for _, s := range b.queue {
		if s.page == page {
			mine = append(mine, s)
		} else {
			rest = append(rest, s)
		}
	}
	b.queue = append(mine, rest...)
}

// drop forgets the pieces of these owners not run yet: what they build is gone (pages a
// new filter, database or import replaced; a slide left for the next).
func (b *builder) drop(owners ...string) {
	b.queue = slices.DeleteFunc(b.queue, func(s step) bool { return slices.Contains(owners, s.page) })
}

// pending says whether a page still has pieces to build.
func (b *builder) pending(page string) bool {
	for _, s := range b.queue {
		if s.page == page {
			return true
		}
	}
	return false
}

// runWhile runs pieces now, in one go, while more says so.
func (b *builder) runWhile(more func() bool) {
	for len(b.queue) > 0 && more() {
		b.pop()
	}
}

func (b *builder) schedule() {
	switch {
	case b.running || len(b.queue) == 0:
	case b.post == nil:
		b.running = true
		for len(b.queue) > 0 {
			b.pop()
		}
		b.running = false
	case !b.posted:
		b.posted = true
		b.post(b.turn)
	}
}

func (b *builder) pop() {
	s := b.queue[0]
	b.queue = b.queue[1:]
	s.fn()
}

// turn runs pieces until the budget is spent, then hands the rest to a later turn.
func (b *builder) turn() {
	b.posted, b.running = false, true
	start := time.Now()
	for len(b.queue) > 0 && time.Since(start) < turnBudget {
		b.pop()
	}
	b.running = false
	if b.turnTaken != nil {
		b.turnTaken(time.Since(start))
	}
	b.schedule()
}

// grow adds a piece to a container on screen. Container.Add lays out only that container;
// the refresh has the next frame lay out its parents for their new size (a scroll's
// content, a grid's rows), which a piece added after the page was shown needs. It is the
// container that is refreshed: Fyne finds the canvas of an object it has drawn, so a
// refresh of the new piece alone is lost and nothing is drawn again until something else
// changes (a full-screen slide stayed blank).
func grow(c *fyne.Container, o fyne.CanvasObject) {
	c.Add(o)
	canvas.Refresh(c)
}
