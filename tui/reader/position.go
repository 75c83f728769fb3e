package reader

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// lineOf returns the document line of p in the current document, kept inside p's
// section when the width shortened it.
func (m Model) lineOf(p position) int {
	if m.doc == nil {
		return 0
	}
	if p.section == "" {
		return p.offset
	}
	for i, a := range m.doc.Anchors {
		if a.ID == p.section {
			return min(a.Line+p.offset, m.doc.End(i))
		}
	}
	return 0
}

// positionAt returns the position of document line y.
func (m Model) positionAt(y int) position {
	i := m.doc.At(y)
	if i < 0 {
		return position{offset: y}
	}
	a := m.doc.Anchors[i]
	return position{section: a.ID, offset: y - a.Line}
}

// current returns the index in all of the current section (-1 above the first one): the
// section at the top of the view, the last one on screen once the view reaches the end,
// or the section the student jumped to even when the end of the chapter keeps it lower.
func (m Model) current() int { return m.cur }

// moveTo scrolls to document line y and records the new position.
func (m *Model) moveTo(y int) tea.Cmd {
	m.vp.SetYOffset(y)
	return m.scrolled()
}

// scrolled records the position after the viewport moved, and saves the sections that
// became read.
func (m *Model) scrolled() tea.Cmd {
	if m.doc == nil {
		return nil
	}
	m.moved = true
	y := m.vp.YOffset()
	m.pos = m.positionAt(y)
	m.cur = m.doc.At(y)
	if m.vp.AtBottom() && y > 0 {
		m.cur = m.doc.At(y + m.vp.Height() - 1)
	}
	if m.markRead() {
		return m.SaveCmd()
	}
	return nil
}

// jump shows section index i (in all) at the top of the view.
func (m *Model) jump(i int) tea.Cmd {
	if i < 0 || i >= len(m.all) {
		return nil
	}
	m.moved = true
	target := position{section: m.all[i].ID}
	m.pos, m.cur = target, i
	if m.doc == nil {
		return nil
	}
	cmd := m.moveTo(m.lineOf(target))
	m.pos, m.cur = target, i
	return cmd
}

// markRead marks as read every section whose last line is on screen, and reports
// whether one was new.
func (m *Model) markRead() bool {
	if m.doc == nil {
		return false
	}
	top := m.vp.YOffset()
	bottom := top + m.vp.Height() - 1
	added := false
	now := time.Now()
	for i, a := range m.doc.Anchors {
		end := m.doc.End(i)
		if end < top || end > bottom {
			continue
		}
		if _, ok := m.read[a.ID]; ok {
			continue
		}
		m.read[a.ID] = now
		m.unsaved[a.ID] = now
		added = true
	}
	return added
}
