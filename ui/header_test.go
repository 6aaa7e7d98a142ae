package ui

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// On a 1366x768 laptop, Ctrl+H collapses the header (toolbar, filters, search, headline)
// so the charts start in the top quarter of the window instead of near the middle; the
// title and counts stay, with a button that brings the rest back, and the choice holds
// for every indication and the next start.
func TestHeaderCollapsesForALaptopScreen(t *testing.T) {
	ex, w := explorerOn(t, bundledService(t), fyne.NewSize(1366, 768))
	ex.Select(0)
	ex.ShowView(1)
	tabsAt := func() float32 {
		w.Canvas().(test.WindowlessCanvas).Capture()
		return fyne.CurrentApp().Driver().AbsolutePositionForObject(ex.pages.built["trd"].tabs).Y
	}
	if y := tabsAt(); y < 768*0.35 {
		t.Fatalf("the full header ends at %v of 768: the test does not test the collapse", y)
	}
	press := w.Canvas().(interface{ TypedShortcut(fyne.Shortcut) }).TypedShortcut
	press(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	if y := tabsAt(); y > 768*0.25 {
		t.Errorf("the collapsed header still ends at %v of 768", y)
	}
	page := texts(ex.shown())
	if !strings.Contains(page, "Treatment-resistant depression") || ex.pages.built["trd"].tabs.Items[2].Text != fmt.Sprintf("Studies (%d)", ex.indications[0].StudyCount) || buttonNamed(ex.shown(), "Show header (Ctrl+H)") == nil {
		t.Errorf("the collapsed header lacks the title, the count or the button to bring it back:\n%s", page)
	}
	if strings.Contains(page, "Headline") || ex.top.Visible() {
		t.Error("the headline, toolbar or filters still show")
	}
	// another indication is collapsed too, and the choice is remembered
	ex.Select(3)
	if strings.Contains(texts(ex.shown()), "Headline") || !ex.settings.Compact {
		t.Error("the next indication shows its full header, or the choice is not kept")
	}
	test.Tap(buttonNamed(ex.shown(), "Show header (Ctrl+H)"))
	if !ex.top.Visible() || !strings.Contains(texts(ex.shown()), "Headline") {
		t.Error("Show header did not bring the header back")
	}
}
