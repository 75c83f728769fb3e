package board

import "charm.land/lipgloss/v2"

type styles struct {
	title, header, muted, selected, notice, err lipgloss.Style
	status                                      map[string]lipgloss.Style
}

// newStyles returns colored styles, or only bold and reverse when plain (NO_COLOR).
func newStyles(plain bool) styles {
	base := lipgloss.NewStyle()
	if plain {
		return styles{title: base.Bold(true), header: base.Bold(true), muted: base, selected: base.Reverse(true),
			notice: base.Bold(true), err: base.Bold(true), status: map[string]lipgloss.Style{}}
	}
	fg := func(c string) lipgloss.Style { return base.Foreground(lipgloss.Color(c)) }
	return styles{
		title:    base.Bold(true).Foreground(lipgloss.Color("#FFFFFF")).Background(lipgloss.Color("#7D56F4")),
		header:   base.Bold(true),
		muted:    fg("#8A8A8A"),
		selected: base.Reverse(true),
		notice:   fg("#FFAF00").Bold(true),
		err:      fg("#FF5F87").Bold(true),
		status: map[string]lipgloss.Style{
			"passed":           fg("#5FD75F"),
			"solved-with-help": fg("#D7D75F"),
			"failed":           fg("#FF5F5F").Bold(true),
			"error":            fg("#D787FF"),
			"pending":          fg("#5FAFFF"),
		},
	}
}

// glyphs mark each status, so the board reads without colors.
var glyphs = map[string]string{
	"":                 "·",
	"pending":          "…",
	"failed":           "✗",
	"error":            "?",
	"passed":           "✓",
	"solved-with-help": "✓+",
}
