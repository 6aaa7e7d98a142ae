// Command floor is the startup floor for `make bench`: a bare Fyne hello window, built with
// the same toolchain and flags as the app, quitting after its first frame like the app
// does with --exit-after-first-frame.
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"ketamine-explorer/ui/firstframe"
)

func main() {
	a := app.New()
	w := a.NewWindow("Hello")
	// stopping the driver, as the app's benchmark exits do (see ui.Run): closing the window
	// first can meet fyne-io/fyne#5981
	w.SetContent(firstframe.After(widget.NewLabel("Hello, Fyne"), a.Driver().Quit))
	w.Resize(fyne.NewSize(1400, 900))
	w.ShowAndRun()
}
