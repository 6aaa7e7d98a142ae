// Command floorpage is the second startup floor for `make bench` (the project's copy of
// shared/bench/floor-page): a Fyne window that draws about the same first screen as the app's first page (menu, toolbar,
// five selects, a search entry, a title, a headline paragraph, three tabs and two columns of
// wrapped card lines with info buttons) from constant text, then quits after its first painted
// frame: the toolkit's own cost of that screen, against which the app's first page is held.
package main

import (
	"fmt"
	"image"
	"os"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func wrapped(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func heading(s string, size float32) *canvas.Text {
	t := canvas.NewText(s, theme.Color(theme.ColorNameForeground))
	t.TextSize = size
	t.TextStyle = fyne.TextStyle{Bold: true}
	return t
}

func column(title string, n int) fyne.CanvasObject {
	items := []fyne.CanvasObject{heading(title, 26)}
	for i := 0; i < n; i++ {
		line := fmt.Sprintf("Study %d (Author %d): Response (scale drop of 50%% or more) (arm %d; higher is better): %d.%d%% of patients, p=0.0%d", i+1, 2000+i, i, 40+i, i, i+1)
		items = append(items, container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon("", theme.InfoIcon(), nil), wrapped(line)))
	}
	return container.NewVBox(items...)
}

func main() {
	a := app.New()
	w := a.NewWindow("floor-page")
	var once sync.Once
	probe := canvas.NewRaster(func(int, int) image.Image {
		if os.Getenv("FLOOR_STAY") == "" {
			once.Do(func() { go fyne.Do(a.Quit) })
		}
		return image.NewRGBA(image.Rect(0, 0, 1, 1))
	})
	w.SetMainMenu(fyne.NewMainMenu(fyne.NewMenu("File"), fyne.NewMenu("View"), fyne.NewMenu("Help")))
	nav := widget.NewList(func() int { return 4 },
		func() fyne.CanvasObject {
			return container.NewVBox(widget.NewLabel("indication name"), widget.NewLabel("n studies"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText([]string{"Treatment-resistant depression", "Chronic pain", "Suicidal ideation in major depressive disorder", "Cognition and neurological disorders"}[i])
			c.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%d studies · Ctrl+%d", 6+i, i+1))
		})
	left := container.NewBorder(heading("Indications", 20), widget.NewLabel("Dataset 2026.11-2"), nil, nil, nav)
	tools := container.NewHBox()
	for _, s := range []string{"Present", "Hide header", "Compare", "Export", "Import CSV"} {
		b := widget.NewButtonWithIcon(s, theme.MediaPlayIcon(), nil)
		b.Importance = widget.LowImportance
		tools.Add(b)
	}
	selects := container.NewGridWithColumns(5)
	for _, s := range []string{"Molecule", "Route", "Design", "Comparator", "Minimum N"} {
		sel := widget.NewSelect([]string{"a", "b"}, nil)
		sel.PlaceHolder = s
		selects.Add(sel)
	}
	search := widget.NewEntry()
	search.SetPlaceHolder("Search titles, populations, measures, notes... (Enter)")
	headline := wrapped(strings.Repeat("IV racemic ketamine was non-inferior to ECT for response in patients referred for ECT but inferior for remission in hospitalised patients; ", 4))
	cards := container.NewGridWithColumns(2, column("Key numbers", 8), column("Pooled estimates", 8))
	tabs := container.NewAppTabs(
		container.NewTabItemWithIcon("Summary cards", theme.DocumentIcon(), container.NewVScroll(cards)),
		container.NewTabItemWithIcon("Outcome charts (11)", theme.GridIcon(), widget.NewLabel("charts")),
		container.NewTabItemWithIcon("Studies (12)", theme.ListIcon(), widget.NewLabel("studies")))
	top := container.NewVBox(tools, selects, search, heading("Treatment-resistant depression", 28),
		widget.NewLabel("12 studies · dataset 2026.11-2 · the info button beside an item opens its source"),
		heading("Headline", 26), headline)
	main := container.NewBorder(top, nil, nil, nil, tabs)
	split := container.NewHSplit(left, main)
	split.Offset = 0.2
	w.SetContent(container.NewStack(split, container.NewWithoutLayout(probe)))
	w.Resize(fyne.NewSize(1400, 900))
	w.ShowAndRun()
}
