package reader

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/tui/common"
)

// View draws the screen: title bar, text (with the table of contents beside it when
// the window is wide enough), status bar.
func (m Model) View() string {
	w := m.c.Width
	header := m.c.Styles.Title.Width(w).MaxWidth(w).Render(
		ansi.Truncate(m.c.Tr.T("reader.title", map[string]any{"Number": m.chapter.Number, "Title": m.chapter.Title}), w-2, "…"))
	return header + "\n" + m.body() + "\n" + m.status()
}

func (m Model) body() string {
	w, h := m.c.Width, m.bodyHeight()
	if m.mode == modeHelp {
		m.help.ShowAll = true
		box := m.c.Styles.Overlay.Render(
			m.c.Styles.Title.Render(m.c.Tr.T("reader.help.title")) + "\n\n" + m.help.View(m.keys))
		return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, box)
	}
	if !m.showTOC() && m.mode == modeTOC {
		return m.toc(w, h)
	}
	text := m.text()
	if !m.showTOC() {
		return text
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, m.toc(TOCWidth-2, h), " ", m.separator(h), text)
}

func (m Model) text() string {
	if m.doc == nil {
		return lipgloss.Place(m.textWidth(), m.bodyHeight(), lipgloss.Center, lipgloss.Center,
			m.c.Styles.Muted.Render(m.c.Tr.T("reader.loading")))
	}
	return m.vp.View()
}

func (m Model) separator(h int) string {
	return m.c.Styles.Muted.Render(strings.TrimSuffix(strings.Repeat("│\n", h), "\n"))
}

// toc draws the table of contents in a w x h box.
func (m Model) toc(w, h int) string {
	st := m.c.Styles
	cur := m.current()
	lines := []string{st.TOCCurrent.Render(ansi.Truncate(m.c.Tr.T("reader.toc.title"), w, "…")), ""}
	room := h - len(lines)
	focus := cur
	if m.mode == modeTOC {
		focus = m.tocCursor
	}
	// Each entry wraps under itself rather than being cut; the list scrolls so the focused
	// entry (all its rows) shows.
	var rows []string
	first, last := 0, 0
	for i, s := range m.all {
		mark := "  "
		switch {
		case i == cur:
			mark = "▸ "
		case !m.read[s.ID].IsZero():
			mark = "✓ "
		}
		indent := ""
		if s.Level > 2 {
			indent = "  "
		}
		pfx := ansi.StringWidth(mark + indent)
		text := wrapWords(s.Label(), max(8, w-pfx))
		if i == focus {
			first = len(rows)
		}
		for j, t := range text {
			label := mark + indent + t
			if j > 0 {
				label = strings.Repeat(" ", pfx) + t
			}
			label = ansi.Truncate(label, w, "…")
			label += strings.Repeat(" ", max(0, w-ansi.StringWidth(label)))
			switch {
			case m.mode == modeTOC && i == m.tocCursor:
				label = st.TOCCursor.Render(label)
			case i == cur:
				label = st.TOCCurrent.Render(label)
			default:
				label = st.TOC.Render(label)
			}
			rows = append(rows, label)
		}
		if i == focus {
			last = len(rows) - 1
		}
	}
	lines = append(lines, common.Window(rows, first, last, room)...)
	return lipgloss.NewStyle().Width(w).Height(h).MaxHeight(h).Render(strings.Join(lines, "\n"))
}

// status draws the bottom line: the input when one is open, else the section, the
// search or a notice, and the scroll percentage.
func (m Model) status() string {
	st := m.c.Styles
	w := m.c.Width
	if m.mode == modeSearch || m.mode == modeGoTo {
		return st.Status.Width(w).MaxWidth(w).Render(m.input.View())
	}
	left := ""
	if i := m.current(); i >= 0 && i < len(m.all) {
		left = m.all[i].Top().Label()
		if s := m.all[i]; s.Parent != nil {
			left = s.Label()
		}
	}
	middle := ""
	switch {
	case m.notice.ID != "":
		style := st.Notice
		if m.isError {
			style = st.Error
		}
		middle = style.Render(m.c.Tr.Msg(m.notice))
	case m.search.active():
		middle = m.c.Tr.T("reader.search.status", map[string]any{
			"Query": m.search.query, "Index": m.search.cur + 1, "Count": len(m.search.matches)})
	}
	right := m.c.Tr.T("reader.status.help", map[string]any{"Key": m.keys.Global.Help.Help().Key})
	if m.doc != nil {
		pct := m.c.Tr.T("reader.status.percent", map[string]any{"Percent": m.c.Tr.Percent(m.vp.ScrollPercent(), 1)})
		right = pct + " · " + right
	}
	right = st.StatusKey.Render(right)
	room := w - ansi.StringWidth(right) - 2
	leftPart := " " + left
	if middle != "" {
		leftPart += " │ " + middle
	}
	leftPart = ansi.Truncate(leftPart, room, "…")
	gap := strings.Repeat(" ", max(1, w-ansi.StringWidth(leftPart)-ansi.StringWidth(right)-1))
	return st.Status.Width(w).MaxWidth(w).Render(leftPart + gap + right + " ")
}

// wrapWords wraps text at spaces only (a title's « kube-controller-manager » stays whole)
// into lines of at most width cells; a longer word gets a line of its own.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	return append(lines, line)
}
