package board

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/workshop"
)

// View renders the board in the alternate screen.
func (m Model) View() tea.View {
	v := tea.NewView(m.Render())
	v.AltScreen = true
	return v
}

const (
	handW  = 2
	stuckW = 11
)

func (m Model) nameW() int { return max(10, min(20, m.width/6)) }

func (m Model) cellW() int {
	w := 4
	if m.snap != nil {
		for _, c := range m.snap.Columns {
			w = max(w, ansi.StringWidth(c.Label)+1)
		}
	}
	return w
}

// gridRows is the number of student rows that fit: the title, the column header, the
// scroll line, the focus line and the help take five lines.
func (m Model) gridRows() int { return max(1, m.height-5) }

func (m Model) visibleColumns() int {
	return max(1, (m.width-handW-m.nameW()-stuckW)/m.cellW())
}

// Render renders the board as exactly the window's height of lines, none wider than it.
func (m Model) Render() string {
	lines := []string{m.title()}
	var body []string
	switch {
	case m.snap == nil:
		body = []string{m.cfg.Tr.T("board.loading")}
	case m.mode == modeHelp:
		body = m.helpPanel()
	case m.mode == modeStudent:
		body = m.studentPanel()
	case m.mode == modeColumn:
		body = m.columnPanel()
	default:
		body = m.grid()
	}
	h := m.height - 3
	for len(body) < h {
		body = append(body, "")
	}
	lines = append(lines, body[:h]...)
	lines = append(lines, m.focusLine(), m.helpLine())
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

func (m Model) title() string {
	tr := m.cfg.Tr
	event, n := "", 0
	if m.snap != nil {
		event, n = m.snap.Event, len(m.snap.Students)
	}
	s := " " + tr.T("board.title", map[string]any{"Event": event}) + " · " + tr.N("board.students", n)
	if m.snap != nil && m.state.Countdown.After(m.snap.Now) {
		s += " · " + tr.T("board.countdown", map[string]any{"Left": duration(tr.Lang() == "fr", m.state.Countdown.Sub(m.snap.Now))})
	}
	if m.cfg.Join != "" {
		s += " · " + tr.T("board.join", map[string]any{"Line": m.cfg.Join})
	}
	return m.styles.title.Render(pad(s, m.width))
}

func (m Model) grid() []string {
	tr, cw, nw := m.cfg.Tr, m.cellW(), m.nameW()
	cols := m.snap.Columns
	end := min(len(cols), m.left+m.visibleColumns())
	var hdr strings.Builder
	hdr.WriteString(pad("", handW) + pad(tr.T("board.col.name"), nw) + pad(tr.T("board.col.stuck"), stuckW))
	for _, c := range cols[m.left:end] {
		hdr.WriteString(pad(c.Label, cw))
	}
	out := []string{m.styles.header.Render(hdr.String())}
	if len(m.order) == 0 {
		return append(out, m.styles.muted.Render(tr.T("board.empty")))
	}
	now := m.snap.Now
	last := min(len(m.order), m.top+m.gridRows())
	for r := m.top; r < last; r++ {
		st := &m.snap.Students[m.order[r]]
		var b strings.Builder
		hand := ""
		if st.Hand && !st.HandAcked {
			hand = "✋"
		} else if st.Hand {
			hand = "○"
		}
		b.WriteString(pad(hand, handW))
		name := pad(truncate(st.Name, nw-1), nw)
		if r == m.row {
			name = m.styles.selected.Render(name)
		}
		b.WriteString(name)
		b.WriteString(pad(m.stuckText(st, now), stuckW))
		for ci := m.left; ci < end; ci++ {
			text, status := cellText(cols[ci], st.Cells[cols[ci].ID])
			cell := m.styles.status[status].Render(text)
			if r == m.row && ci == m.col {
				cell = m.styles.selected.Render(text)
			}
			b.WriteString(cell + strings.Repeat(" ", max(0, cw-ansi.StringWidth(text))))
		}
		out = append(out, b.String())
	}
	if more := len(m.order) - last; more > 0 || m.top > 0 || end < len(cols) || m.left > 0 {
		out = append(out, m.styles.muted.Render(tr.T("board.scroll", map[string]any{
			"First": m.top + 1, "Last": last, "Total": len(m.order), "ColFirst": m.left + 1, "ColLast": end, "Cols": len(cols)})))
	}
	return out
}

// stuckText is « silencieux », the time stuck on the current step, or nothing.
func (m Model) stuckText(st *workshop.Student, now time.Time) string {
	tr := m.cfg.Tr
	switch {
	case st.Imported && st.LastSeen.IsZero():
		return tr.T("board.imported")
	case st.Silent(now):
		return tr.T("board.silent")
	case !st.StuckSince.IsZero():
		return duration(tr.Lang() == "fr", now.Sub(st.StuckSince))
	}
	return ""
}

// cellText is a cell's text (its glyph, then the hints used) and its status.
func cellText(c workshop.Column, cell workshop.Cell) (string, string) {
	if c.Quiz != "" {
		if cell.Max == 0 {
			return "·", ""
		}
		pct := int(cell.Score/cell.Max*100 + 0.5)
		status := "failed"
		if pct >= 70 {
			status = "passed"
		}
		return fmt.Sprint(pct), status
	}
	g := glyphs[cell.Status]
	if g == "" {
		g = "·"
	}
	if cell.Hints > 0 {
		g += fmt.Sprint(min(cell.Hints, 9))
	}
	return g, cell.Status
}

// duration is a short « bloqué depuis » value: 45 s, 12 min, 1 h 05.
func duration(fr bool, d time.Duration) string {
	d = max(0, d)
	nb := "\u00a0"
	if !fr {
		nb = " "
	}
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d%ss", int(d.Seconds()), nb)
	case d < time.Hour:
		return fmt.Sprintf("%d%smin", int(d.Minutes()), nb)
	}
	return fmt.Sprintf("%d%sh%s%02d", int(d.Hours()), nb, nb, int(d.Minutes())%60)
}

// focusLine says what the selected cell is: the student, the column, the status and its
// reason; or the last notice or error.
func (m Model) focusLine() string {
	tr := m.cfg.Tr
	switch {
	case m.err != nil:
		return m.styles.err.Render(tr.T("board.error", map[string]any{"Err": m.err.Error()}))
	case m.mode == modeBanner:
		return m.styles.notice.Render(tr.T("board.banner.prompt") + " " + string(m.input) + "▏")
	case m.mode == modeConfirmRemove:
		return m.styles.notice.Render(tr.T("board.confirm.remove", map[string]any{"Name": m.selected().Name}))
	case m.notice != "":
		return m.styles.notice.Render(m.notice)
	}
	s, c := m.selected(), m.column()
	if s == nil || c == nil {
		return ""
	}
	cell := s.Cells[c.ID]
	text := s.Name + " · " + c.ID + " : " + m.statusName(c, cell)
	if cell.Reason != "" {
		text += " — «\u00a0" + cell.Reason + "\u00a0»"
	}
	return text
}

func (m Model) statusName(c *workshop.Column, cell workshop.Cell) string {
	tr := m.cfg.Tr
	if c.Quiz != "" {
		if cell.Max == 0 {
			return tr.T("board.status.none")
		}
		return tr.T("board.status.quiz", map[string]any{"Score": cell.Score, "Max": cell.Max})
	}
	s := tr.T(statusKeys[cell.Status])
	if cell.Hints > 0 {
		s += ", " + tr.N("board.hints", cell.Hints)
	}
	if cell.Solution {
		s += ", " + tr.T("board.solution")
	}
	return s
}

func (m Model) helpLine() string {
	h := help.New()
	h.Styles = help.Styles{}
	h.SetWidth(m.width)
	return m.styles.muted.Render(h.ShortHelpView(m.keys.ShortHelp()))
}

func pad(s string, w int) string {
	if n := ansi.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return ansi.Truncate(s, w, "")
}

func truncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

// statusKeys are the catalog ids of the step statuses.
var statusKeys = map[string]string{
	"":                 "board.status.none",
	"pending":          "board.status.pending",
	"failed":           "board.status.failed",
	"error":            "board.status.error",
	"passed":           "board.status.passed",
	"solved-with-help": "board.status.solved-with-help",
}
