package ui

import (
	"fyne.io/fyne/v2/theme"

	"ketamine-explorer/talkfile"
)

// SlideFonts are the window's type faces, which exported slides are drawn in so they look
// like the presenter's.
func SlideFonts() talkfile.Fonts {
	return talkfile.Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content()}
}
