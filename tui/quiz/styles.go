package quiz

import "charm.land/lipgloss/v2"

// styles are the quiz screen's lipgloss styles.
type styles struct {
	title, muted, cursor, good, bad, label, notice lipgloss.Style
}

func newStyles(plain bool) styles {
	s := lipgloss.NewStyle()
	if plain {
		return styles{title: s.Bold(true), muted: s, cursor: s.Reverse(true), good: s.Bold(true),
			bad: s.Bold(true), label: s.Bold(true), notice: s}
	}
	return styles{
		title:  s.Bold(true).Foreground(lipgloss.Color("12")),
		muted:  s.Foreground(lipgloss.Color("8")),
		cursor: s.Reverse(true),
		good:   s.Bold(true).Foreground(lipgloss.Color("10")),
		bad:    s.Bold(true).Foreground(lipgloss.Color("9")),
		label:  s.Bold(true),
		notice: s.Foreground(lipgloss.Color("11")),
	}
}
