package common

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"
)

// ShortHelpLines lays the short help of keys out on as many lines of width cells as it
// needs, each binding whole: where help.ShortHelpView would cut the line with « … » (and
// hide the keys past it), the rest goes on the next line. A binding wider than width
// alone is the only thing ever cut.
func ShortHelpLines(h help.Model, keys []key.Binding, width int) []string {
	h.SetWidth(0) // measure each binding uncut
	sep := h.Styles.ShortSeparator.Render(h.ShortSeparator)
	sepW := ansi.StringWidth(sep)
	var lines []string
	var cur strings.Builder
	curW := 0
	for _, b := range keys {
		if !b.Enabled() {
			continue
		}
		item := h.ShortHelpView([]key.Binding{b})
		if item == "" {
			continue
		}
		w := ansi.StringWidth(item)
		if curW > 0 && width > 0 && curW+sepW+w > width {
			lines = append(lines, cur.String())
			cur.Reset()
			curW = 0
		}
		if curW > 0 {
			cur.WriteString(sep)
			curW += sepW
		}
		if width > 0 && w > width {
			item, w = ansi.Truncate(item, width, "…"), width
		}
		cur.WriteString(item)
		curW += w
	}
	if curW > 0 || len(lines) == 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
