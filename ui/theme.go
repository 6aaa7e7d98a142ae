package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"ketamine-explorer/slides"
)

// appTheme is Fyne's theme with the colours that fall short of WCAG AA contrast (4.5:1
// for text) replaced: the default light warning orange is 2.2:1 on white, its blue 4.5:1.
type appTheme struct{ fyne.Theme }

func newAppTheme() fyne.Theme { return appTheme{theme.DefaultTheme()} }

var (
	lightPrimary     = color.NRGBA{0x1f, 0x5f, 0xcc, 0xff}
	darkPrimary      = color.NRGBA{0x6c, 0xa6, 0xff, 0xff}
	projectorPrimary = color.NRGBA{0x00, 0x3f, 0x9e, 0xff}
)

// Focus is a tint laid over a focused widget's background: strong enough to stand out
// 3:1 from the unfocused background, light enough for its text to keep 4.5:1.
func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

func (t appTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	light := v == theme.VariantLight
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if light {
			return lightPrimary
		}
		return darkPrimary
	case theme.ColorNameFocus:
		if light {
			return withAlpha(lightPrimary, 0xb3)
		}
		return withAlpha(darkPrimary, 0x99)
	case theme.ColorNameForeground:
		// Fyne's greys are too faint on the focus tint
		if light {
			return color.NRGBA{0x1a, 0x1a, 0x1a, 0xff}
		}
		return color.White
	case theme.ColorNameForegroundOnPrimary:
		if light {
			return color.White
		}
		return color.Black // white on a blue light enough for a dark background is too faint
	case theme.ColorNameWarning:
		if light {
			return color.NRGBA{0x9a, 0x52, 0x00, 0xff}
		}
	case theme.ColorNameError:
		if light {
			return color.NRGBA{0xc6, 0x28, 0x28, 0xff}
		}
	case theme.ColorNamePlaceHolder:
		if light {
			return color.NRGBA{0x66, 0x66, 0x66, 0xff}
		}
	}
	return t.Theme.Color(n, v)
}

// projectorTheme is for a room: black on white (projectors wash dark backgrounds out), no
// grey text, and type sized from the screen: body text 26 px at zoom 1, over 1/45 of
// 1080 lines. zoom is changed with + and - while presenting.
type projectorTheme struct {
	zoom float32
}

func (t *projectorTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground,
		theme.ColorNameInputBackground, theme.ColorNameHeaderBackground:
		return color.White
	case theme.ColorNameForeground, theme.ColorNamePlaceHolder, theme.ColorNameDisabled:
		return color.Black
	case theme.ColorNameSeparator, theme.ColorNameInputBorder:
		return color.NRGBA{0x33, 0x33, 0x33, 0xff}
	case theme.ColorNameButton:
		return color.NRGBA{0xe8, 0xe8, 0xe8, 0xff}
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return projectorPrimary
	case theme.ColorNameFocus:
		return withAlpha(projectorPrimary, 0x99)
	case theme.ColorNameWarning:
		return color.NRGBA{0x8a, 0x3b, 0x00, 0xff}
	case theme.ColorNameError:
		return color.NRGBA{0xa8, 0x00, 0x00, 0xff}
	case theme.ColorNameForegroundOnPrimary:
		return color.White
	}
	return newAppTheme().Color(n, theme.VariantLight)
}

func (t *projectorTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }
func (t *projectorTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

// Smaller text sizes a slide falls back to when its lines would not fit at the body size
// (see presenter.fitText): never below three quarters of it.
const (
	sizeNameSlideSmaller  fyne.ThemeSizeName = "slideSmaller"
	sizeNameSlideSmallest fyne.ThemeSizeName = "slideSmallest"
)

func (t *projectorTheme) Size(n fyne.ThemeSizeName) float32 {
	base := map[fyne.ThemeSizeName]float32{
		sizeNameSlideSmaller:             slides.SmallerSize,
		sizeNameSlideSmallest:            slides.SmallestSize,
		theme.SizeNameText:               slides.BodySize,
		theme.SizeNameCaptionText:        slides.CaptionSize,
		theme.SizeNameSubHeadingText:     slides.ChartTitleSize, // and an overview's larger lines
		theme.SizeNameHeadingText:        slides.TitleSize,
		theme.SizeNamePadding:            6,
		theme.SizeNameInnerPadding:       10,
		theme.SizeNameInlineIcon:         30,
		theme.SizeNameSeparatorThickness: 2,
	}[n]
	if base == 0 {
		return theme.DefaultTheme().Size(n) * t.zoom
	}
	return base * t.zoom
}
