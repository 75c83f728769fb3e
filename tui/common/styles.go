package common

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"kubetutor/tui/render"
)

// Styles are the interface's lipgloss styles, for a dark or light background.
type Styles struct {
	Title       lipgloss.Style
	Status      lipgloss.Style
	StatusKey   lipgloss.Style
	Muted       lipgloss.Style
	Notice      lipgloss.Style
	Error       lipgloss.Style
	Selected    lipgloss.Style
	TOC         lipgloss.Style
	TOCCurrent  lipgloss.Style
	TOCCursor   lipgloss.Style
	Match       lipgloss.Style
	MatchActive lipgloss.Style
	Overlay     lipgloss.Style
	Bar         lipgloss.Style
	BarEmpty    lipgloss.Style
}

// NewStyles returns the styles that suit a glamour style: colors for dark and light,
// none but bold and reverse for notty (tests and plain terminals).
func NewStyles(style render.Style) Styles {
	if style == render.NoTTY {
		plain := lipgloss.NewStyle()
		return Styles{
			Title: plain.Bold(true), Status: plain, StatusKey: plain.Bold(true), Muted: plain,
			Notice: plain.Bold(true), Error: plain.Bold(true), Selected: plain.Reverse(true),
			TOC: plain, TOCCurrent: plain.Bold(true), TOCCursor: plain.Reverse(true),
			Match: plain.Underline(true), MatchActive: plain.Reverse(true),
			Overlay: plain.Border(lipgloss.NormalBorder()).Padding(0, 1), Bar: plain, BarEmpty: plain,
		}
	}
	dark := style != render.Light
	pick := func(d, l string) color.Color {
		if dark {
			return lipgloss.Color(d)
		}
		return lipgloss.Color(l)
	}
	accent := pick("#7D56F4", "#5A3FC0")
	muted := pick("#8A8A8A", "#6C6C6C")
	base := lipgloss.NewStyle()
	return Styles{
		Title:       base.Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(accent).Padding(0, 1),
		Status:      base.Foreground(pick("#C8C8C8", "#3A3A3A")).Background(pick("#303030", "#E4E4E4")),
		StatusKey:   base.Bold(true).Foreground(pick("#FFFFFF", "#000000")).Background(pick("#303030", "#E4E4E4")),
		Muted:       base.Foreground(muted),
		Notice:      base.Bold(true).Foreground(pick("#FFAF00", "#AF5F00")),
		Error:       base.Bold(true).Foreground(pick("#FF5F87", "#D70000")),
		Selected:    base.Bold(true).Foreground(accent),
		TOC:         base.Foreground(pick("#BCBCBC", "#444444")),
		TOCCurrent:  base.Bold(true).Foreground(accent),
		TOCCursor:   base.Reverse(true),
		Match:       base.Foreground(lipgloss.Color("#000000")).Background(pick("#AF87FF", "#D7AFFF")),
		MatchActive: base.Foreground(lipgloss.Color("#000000")).Background(pick("#FFD700", "#FFAF00")).Bold(true),
		Overlay:     base.Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		Bar:         base.Foreground(accent),
		BarEmpty:    base.Foreground(muted),
	}
}
