// Package firstframe runs code once a piece of content has been painted for the first
// time: the window shows its frame before the heavier page is built, and benchmarks time
// a program's start to its first frame (the app and the bare Fyne window it is compared
// with use the same probe).
package firstframe

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// After wraps content with a one-pixel raster that is drawn only when the content is
// painted; the first time, fn runs on the UI goroutine after that frame.
func After(content fyne.CanvasObject, fn func()) fyne.CanvasObject {
	var once sync.Once
	probe := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() { go fyne.Do(fn) })
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	})
	return container.NewStack(content, container.NewWithoutLayout(probe))
}
