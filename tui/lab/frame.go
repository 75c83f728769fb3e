package lab

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// frameCache keeps the parts of the screen around the shell, drawn once per state of
// the screen (its version): while only the shell's output changes, a frame is these
// lines and the pane's, joined (no glamour, no lipgloss layout per frame).
type frameCache struct {
	version int
	valid   bool
	// head are the lines above the pane's rows (narrow: title, steps, body, rule) or,
	// wide, the left part of every main row with the border's left side; foot are the
	// lines after.
	head, foot []string
	// wide only: rowLeft[i] starts main row i+1 (left column, space, border); top and
	// bottom are the main rows around the pane.
	rowLeft     []string
	right       string // the border's right side
	top, bottom string
}

// touch marks the screen as changed outside the pane: the next View draws it all.
func (m *Model) touch() { m.version++ }

// View draws the screen: exactly its size.
func (m Model) View() string {
	f := m.frame
	if m.aside != nil || !f.valid || f.version != m.version {
		m.drawAround(f)
		// An aside (the map) changes without the screen's version: never keep it.
		f.version, f.valid = m.version, m.aside == nil
	}
	pane := strings.Split(m.term.View(), "\n")
	var b strings.Builder
	b.Grow(m.w * m.h * 2)
	n := 0
	line := func(s string) {
		if n >= m.h {
			return
		}
		if n > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s)
		n++
	}
	for _, l := range f.head {
		line(l)
	}
	if m.layout.wide {
		line(f.top)
		for i, l := range f.rowLeft {
			p := ""
			if i < len(pane) {
				p = pane[i]
			}
			line(l + p + f.right)
		}
		line(f.bottom)
	} else {
		for _, p := range pane {
			line(p)
		}
	}
	for _, l := range f.foot {
		line(l)
	}
	blank := strings.Repeat(" ", m.w)
	for n < m.h {
		line(blank)
	}
	return b.String()
}

// drawAround draws everything but the pane's rows into f.
func (m Model) drawAround(f *frameCache) {
	l := m.layout
	s := m.c.Styles
	f.head, f.foot, f.rowLeft = f.head[:0], f.foot[:0], f.rowLeft[:0]
	f.head = append(f.head, fit(m.title(), m.w))
	footer := strings.Split(m.footer(), "\n")
	for _, fl := range footer {
		f.foot = append(f.foot, fit(fl, m.w))
	}
	body := m.body.View()
	if m.aside != nil {
		body = m.aside(l.leftW-1, l.bodyH)
	}
	if !l.wide {
		f.head = append(f.head, fit(m.stepList(), m.w))
		f.head = append(f.head, block(body, l.leftW, l.bodyH, m.w)...)
		f.head = append(f.head, fit(titleRule(m.shellTitle(), m.w, s.Muted.Render), m.w))
		return
	}
	left := block(m.stepList()+"\n"+s.Muted.Render(strings.Repeat("─", l.leftW-1))+"\n"+body, l.leftW, l.listH+1+l.bodyH, l.leftW)
	border := lipgloss.NewStyle()
	if s.Title.GetBackground() != nil {
		fg := s.Muted.GetForeground()
		if m.focus == focusShell {
			fg = s.Selected.GetForeground()
		}
		border = border.Foreground(fg)
	}
	inner := l.shellW
	f.top = left[0] + " " + topBorder(border, inner, m.shellTitle())
	f.bottom = left[len(left)-1] + " " + border.Render("╰"+strings.Repeat("─", inner)+"╯")
	bar := border.Render("│")
	for i := 1; i < len(left)-1; i++ {
		f.rowLeft = append(f.rowLeft, left[i]+" "+bar)
	}
	f.right = bar
}

// topBorder is the frame's top line with title after its corner, inner cells wide
// between the corners.
func topBorder(border lipgloss.Style, inner int, title string) string {
	tw := ansi.StringWidth(title)
	if tw+4 > inner+2 {
		return border.Render("╭" + strings.Repeat("─", inner) + "╮")
	}
	end := ""
	if rest := inner + 2 - 4 - tw; rest > 0 { // the cells after the title, corner included
		end = border.Render(strings.Repeat("─", rest-1) + "╮")
	}
	return border.Render("╭─") + " " + title + " " + end
}

// block cuts s into exactly h lines, each fitted to w cells (then padded to pad).
func block(s string, w, h, pad int) []string {
	lines := strings.Split(s, "\n")
	out := make([]string, h)
	for i := range out {
		l := ""
		if i < len(lines) {
			l = lines[i]
		}
		out[i] = fit(fit(l, w), pad)
	}
	return out
}

// fit truncates or pads a styled line to exactly w cells.
func fit(s string, w int) string {
	sw := ansi.StringWidth(s)
	if sw > w {
		return ansi.Truncate(s, w, "")
	}
	return s + strings.Repeat(" ", w-sw)
}
