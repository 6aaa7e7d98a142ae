package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	lum := func(c color.Color) float64 {
		r, g, b, _ := c.RGBA()
		f := func(v uint32) float64 {
			x := float64(v) / 0xffff
			if x <= 0.03928 {
				return x / 12.92
			}
			return math.Pow((x+0.055)/1.055, 2.4)
		}
		return 0.2126*f(r) + 0.7152*f(g) + 0.0722*f(b)
	}
	l1, l2 := lum(a), lum(b)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// over composites a translucent colour over an opaque one, as Fyne paints focus.
func over(top, under color.Color) color.Color {
	t := color.NRGBAModel.Convert(top).(color.NRGBA)
	u := color.NRGBAModel.Convert(under).(color.NRGBA)
	a := float64(t.A) / 255
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*a + float64(y)*(1-a))) }
	return color.NRGBA{mix(t.R, u.R), mix(t.G, u.G), mix(t.B, u.B), 0xff}
}

// Every text colour the app uses passes WCAG AA (4.5:1) on the background it is drawn on,
// in the light and dark themes and the projector theme; chart marks are outlined in the
// text colour, which passes the 3:1 asked of graphics.
func TestThemesPassWCAGAA(t *testing.T) {
	themes := map[string]struct {
		th fyne.Theme
		v  fyne.ThemeVariant
	}{
		"light":     {newAppTheme(), theme.VariantLight},
		"dark":      {newAppTheme(), theme.VariantDark},
		"projector": {&projectorTheme{zoom: 1}, theme.VariantLight},
	}
	text := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNamePrimary, theme.ColorNameHyperlink,
		theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePlaceHolder}
	for name, c := range themes {
		col := func(n fyne.ThemeColorName) color.Color { return c.th.Color(n, c.v) }
		bg := col(theme.ColorNameBackground)
		for _, n := range text {
			if r := contrast(col(n), bg); r < 4.5 {
				t.Errorf("%s theme: %s on the background is %.2f:1", name, n, r)
			}
		}
		pairs := [][2]fyne.ThemeColorName{
			{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary}, // important buttons
			{theme.ColorNameForeground, theme.ColorNameButton},
			{theme.ColorNameForeground, theme.ColorNameInputBackground},
			{theme.ColorNameForeground, theme.ColorNameOverlayBackground}, // dialogs
			{theme.ColorNameForeground, theme.ColorNameMenuBackground},
		}
		for _, p := range pairs {
			if r := contrast(col(p[0]), col(p[1])); r < 4.5 {
				t.Errorf("%s theme: %s on %s is %.2f:1", name, p[0], p[1], r)
			}
		}
		// focus is a tint over the background of a focused button, entry or list row
		for _, under := range []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameButton} {
			focused := over(col(theme.ColorNameFocus), col(under))
			if r := contrast(focused, col(under)); r < 3 {
				t.Errorf("%s theme: focus on %s stands out %.2f:1, under 3:1", name, under, r)
			}
			if r := contrast(col(theme.ColorNameForeground), focused); r < 4.5 {
				t.Errorf("%s theme: text on a focused %s is %.2f:1", name, under, r)
			}
		}
	}
}
