package lab

import (
	"charm.land/lipgloss/v2"
)

// wideWidth is the width from which the shell sits beside the instructions rather than
// below them.
const wideWidth = 110

// layout is where each part of the screen goes, in cells.
type layout struct {
	wide bool
	// leftW is the instructions' width; listH the step list's height (wide only).
	leftW, listH int
	// bodyH is the height of the scrolling instructions.
	bodyH int
	// The shell's inner rectangle (inside its frame).
	shellX, shellY, shellW, shellH int
	footerH                        int
}

func (l layout) inShell(x, y int) bool {
	return x >= l.shellX && x < l.shellX+l.shellW && y >= l.shellY && y < l.shellY+l.shellH
}

// SetSize lays the screen out for a w×h window.
func (m *Model) SetSize(w, h int) {
	m.w, m.h = w, h
	m.help.SetWidth(w - 2)
	footer := m.footer()
	l := layout{wide: w >= wideWidth, footerH: lipgloss.Height(footer)}
	avail := h - 1 - l.footerH // title line and footer
	if l.wide {
		l.leftW = max(40, w*2/5)
		l.listH = min(len(m.steps), max(3, avail/3)) // a long list scrolls (stepList)
		l.bodyH = max(1, avail-l.listH-1)
		l.shellX, l.shellY = l.leftW+2, 2
		l.shellW, l.shellH = w-l.leftW-3, max(1, avail-2)
	} else {
		l.leftW = w
		l.listH = 1
		shell := max(6, (avail-2)/2)
		l.bodyH = max(1, avail-l.listH-1-shell)
		l.shellX, l.shellY = 0, 1+l.listH+l.bodyH+1
		l.shellW, l.shellH = w, shell
	}
	m.layout = l
	m.term.SetSize(l.shellW, l.shellH)
	m.body.SetWidth(l.leftW - 1)
	m.body.SetHeight(l.bodyH)
	m.refresh()
	m.touch()
}
