package ui

import (
	"runtime"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// defaultSize is the window's size when none is asked for, on a screen that holds it.
var defaultSize = fyne.NewSize(1400, 900)

// screenSize is the primary screen's size in Fyne's units (zero when it cannot be told).
// Fyne 2.7 says nothing of screens; GLFW, which it has set up by the time a window exists,
// does. It must run on the UI goroutine, after the first NewWindow.
func screenSize() fyne.Size {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return fyne.Size{}
	}
	// a video mode is in screen coordinates: pixels on Windows and X11, where Fyne's units
	// are pixels over the content scale, but points already on macOS
	sx, sy := m.GetContentScale()
	if runtime.GOOS == "darwin" {
		sx, sy = 1, 1
	}
	return fyne.NewSize(float32(mode.Width)/max(sx, 1), float32(mode.Height)/max(sy, 1))
}

// fitScreen cuts the default size to the screen, less room for a taskbar and the window's
// title bar, so the window opens whole on a 1366x768 laptop or a 1024x768 projector.
func fitScreen(screen fyne.Size) fyne.Size {
	if screen.IsZero() {
		return defaultSize
	}
	w, h := screen.Width-40, screen.Height-110
	return fyne.NewSize(max(min(defaultSize.Width, w), 640), max(min(defaultSize.Height, h), 480))
}
