package archmap

import (
	"image/color"

	"charm.land/lipgloss/v2"

	"kubetutor/internal/mapstate"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// Theme holds the map's styles, derived from the interface's theme.
type Theme struct {
	Frame, Box, Dashed, Title, Muted, Arrow, Flash, Selected, Link lipgloss.Style
	health                                                         map[mapstate.Health]lipgloss.Style
}

// NewTheme returns the map's styles for a glamour style: colors for dark and light,
// attributes only for notty. Every state has its own glyph and word, so the map reads the
// same in monochrome (NO_COLOR).
func NewTheme(style render.Style, st common.Styles) Theme {
	plain := lipgloss.NewStyle()
	if style == render.NoTTY {
		return Theme{
			Frame: plain, Box: plain, Dashed: plain.Faint(true), Title: plain.Bold(true), Muted: plain.Faint(true),
			Arrow: plain, Flash: plain.Bold(true), Selected: plain.Reverse(true), Link: plain.Underline(true),
			health: map[mapstate.Health]lipgloss.Style{
				mapstate.Up: plain, mapstate.Starting: plain.Bold(true), mapstate.Down: plain.Bold(true),
				mapstate.Unknown: plain.Faint(true), mapstate.Absent: plain.Faint(true),
			},
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
	return Theme{
		Frame:    plain.Foreground(accent),
		Box:      plain.Foreground(pick("#BCBCBC", "#444444")),
		Dashed:   st.Muted,
		Title:    plain.Bold(true).Foreground(accent),
		Muted:    st.Muted,
		Arrow:    plain.Foreground(pick("#8A8A8A", "#6C6C6C")),
		Flash:    plain.Bold(true).Foreground(pick("#FFD700", "#AF5F00")),
		Selected: st.TOCCursor.Bold(true),
		Link:     plain.Underline(true).Foreground(accent),
		health: map[mapstate.Health]lipgloss.Style{
			mapstate.Up:       plain.Foreground(pick("#5FD75F", "#008700")),
			mapstate.Starting: st.Notice,
			mapstate.Down:     st.Error,
			mapstate.Unknown:  st.Muted,
			mapstate.Absent:   st.Muted,
		},
	}
}

// Health is the style of a health.
func (t Theme) Health(h mapstate.Health) lipgloss.Style { return t.health[h] }

// glyphs mark each health so that it reads without color.
var glyphs = map[mapstate.Health]string{
	mapstate.Up: "●", mapstate.Starting: "◐", mapstate.Down: "✗", mapstate.Unknown: "?", mapstate.Absent: "○",
}

// staticGlyph marks a box of the map drawn from the chapter (no cluster).
const staticGlyph = "§"

// podGlyph is a pod's cell: running, starting, failed, terminating, or unknown (on a node
// that is not up: its status is stale).
func podGlyph(p mapstate.PodInfo, nodeUp bool, h mapstate.Health) string {
	switch {
	case !nodeUp:
		return "▫"
	case p.Terminating:
		return "▪"
	case h == mapstate.Up:
		return "■"
	case h == mapstate.Down:
		return "✗"
	}
	return "□"
}
