package archmap

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// border is the set of runes a box is drawn with.
type border struct{ tl, tr, bl, br, h, v string }

var (
	rounded = border{"╭", "╮", "╰", "╯", "─", "│"}
	square  = border{"┌", "┐", "└", "┘", "─", "│"}
	dashed  = border{"┌", "┐", "└", "┘", "┄", "┆"}
)

// box draws a w-wide box with title in its top border and lines inside (cut or padded to
// fit); the border takes style bs.
func box(b border, bs lipgloss.Style, title string, lines []string, w int) string {
	inner := max(w-2, 1)
	var sb strings.Builder
	top := b.h
	if title != "" {
		top += " " + ansi.Truncate(title, max(inner-3, 1), "…") + " "
	}
	if fill := inner - ansi.StringWidth(top); fill > 0 {
		top += strings.Repeat(b.h, fill)
	}
	// The title keeps its own style: only the runes of the border are styled.
	sb.WriteString(bs.Render(b.tl) + styleBorderRuns(top, b.h, bs) + bs.Render(b.tr) + "\n")
	for _, l := range lines {
		sb.WriteString(bs.Render(b.v) + fit(l, inner) + bs.Render(b.v) + "\n")
	}
	sb.WriteString(bs.Render(b.bl + strings.Repeat(b.h, inner) + b.br))
	return sb.String()
}

// styleBorderRuns styles the leading and trailing runs of h in s (the title between
// them is left as it is).
func styleBorderRuns(s, h string, bs lipgloss.Style) string {
	lead := 0
	for strings.HasPrefix(s[lead:], h) {
		lead += len(h)
	}
	trail := len(s)
	for trail > lead && strings.HasSuffix(s[:trail], h) {
		trail -= len(h)
	}
	out := ""
	if lead > 0 {
		out += bs.Render(s[:lead])
	}
	out += s[lead:trail]
	if trail < len(s) {
		out += bs.Render(s[trail:])
	}
	return out
}

// fit cuts or pads s to exactly w cells.
func fit(s string, w int) string {
	if ansi.StringWidth(s) > w {
		s = ansi.Truncate(s, w, "…")
	}
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}
