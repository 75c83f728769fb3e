package term

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
)

// doubleClick is how close two presses of the left button at one cell must be to
// select the word there (a third one as close: the line).
const doubleClick = 400 * time.Millisecond

// cellPos is a cell of the whole output: line counts every line the main screen ever
// had, the scrollback's first (see session.viewTop), so that a selection stays on its
// text while output scrolls it.
type cellPos struct{ line, col int }

func (p cellPos) before(q cellPos) bool {
	return p.line < q.line || (p.line == q.line && p.col < q.col)
}

// selection is text selected with the mouse, from anchor to end (both included, in
// either order), drawn reversed.
type selection struct {
	on       bool
	dragging bool // the button is still held
	moved    bool // the drag left its first cell
	alt      bool // made on the alternate screen (dropped when it changes)
	anchor   cellPos
	end      cellPos
}

// bounds returns the selection's first and last cells.
func (sel selection) bounds() (from, to cellPos) {
	if sel.end.before(sel.anchor) {
		return sel.end, sel.anchor
	}
	return sel.anchor, sel.end
}

// columns returns the columns of line selected in a row of w cells, or ok false.
func (sel selection) columns(line, w int) (c0, c1 int, ok bool) {
	from, to := sel.bounds()
	if !sel.on || line < from.line || line > to.line {
		return 0, 0, false
	}
	c0, c1 = 0, w-1
	if line == from.line {
		c0 = from.col
	}
	if line == to.line {
		c1 = min(to.col, w-1)
	}
	return c0, c1, c0 <= c1
}

// SelectionCopiedMsg says the text selected with the mouse in pane Pane went to the
// terminal's clipboard (OSC 52).
type SelectionCopiedMsg struct {
	Pane int
	Text string
}

// HasSelection reports whether text is selected (and drawn reversed).
func (m Model) HasSelection() bool { return m.sel.on }

// ClearSelection drops the selection (a click elsewhere).
func (m *Model) ClearSelection() { m.sel = selection{} }

// selectMouse selects with the left button: a press starts a selection (a second one
// at the same cell selects the word, a third the line), the drag extends it (past the pane's top or
// bottom, each motion scrolls the view a line), the release copies it; a click that
// does not drag, or another button, clears it.
func (m Model) selectMouse(ev mouseEvent) (Model, tea.Cmd) {
	if ev.button != tea.MouseLeft {
		switch {
		case ev.kind != mousePress:
		case ev.button == tea.MouseMiddle && m.primary != "" && m.state == running:
			// The last selection, pasted as X terminals paste theirs (the terminal
			// around cannot: the screen has its mouse).
			m.offset = 0
			m.sess.paste(m.primary)
		default:
			m.sel = selection{}
		}
		return m, nil
	}
	if ev.kind == mouseMotion && m.sel.dragging && ev.beyond != 0 {
		m.scroll(-ev.beyond / abs(ev.beyond)) // a drag past the top or the bottom scrolls a line
	}
	pos := cellPos{line: m.sess.viewTop(m.offset) + ev.y, col: ev.x}
	switch ev.kind {
	case mousePress:
		now := m.now()
		if pos == m.lastClick && now.Sub(m.lastClickAt) < doubleClick {
			m.clicks = m.clicks%3 + 1
		} else {
			m.clicks = 1
		}
		m.lastClick, m.lastClickAt = pos, now
		if m.clicks > 1 {
			from, to, ok := m.sess.wordAt(pos)
			if m.clicks == 3 { // the whole line
				from, to, ok = cellPos{pos.line, 0}, cellPos{pos.line, m.w - 1}, true
			}
			if !ok {
				m.sel = selection{}
				return m, nil
			}
			m.sel = selection{on: true, moved: true, alt: m.sess.isAlt(), anchor: from, end: to}
			return m.copySelection()
		}
		m.sel = selection{on: true, dragging: true, alt: m.sess.isAlt(), anchor: pos, end: pos}
	case mouseMotion:
		if m.sel.dragging {
			m.sel.end = pos
			m.sel.moved = m.sel.moved || pos != m.sel.anchor
		}
	case mouseRelease:
		if !m.sel.dragging {
			return m, nil
		}
		m.sel.end, m.sel.dragging = pos, false
		m.sel.moved = m.sel.moved || pos != m.sel.anchor
		if !m.sel.moved {
			m.sel = selection{} // a click clears
			return m, nil
		}
		return m.copySelection()
	}
	return m, nil
}

// copySelection puts the selected text in the terminal's clipboard and says so; the
// middle button pastes it.
func (m Model) copySelection() (Model, tea.Cmd) {
	text := m.sess.selectionText(m.sel)
	if text == "" {
		return m, nil
	}
	m.primary = text
	id := m.id
	return m, tea.Batch(tea.SetClipboard(text), func() tea.Msg { return SelectionCopiedMsg{Pane: id, Text: text} })
}

func abs(n int) int { return max(n, -n) }

func (m Model) now() time.Time {
	if m.clock != nil {
		return m.clock()
	}
	return time.Now()
}

// viewTop returns the line (in cellPos's numbering) of the pane's top row when the view
// is scrolled offset lines back.
func (s *session) viewTop(offset int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	return s.viewTopLocked(offset)
}

func (s *session) viewTopLocked(offset int) int {
	if s.emu.IsAltScreen() {
		return s.hist.total
	}
	return s.hist.total - min(max(offset, 0), s.hist.Len())
}

// lineCells returns the cells of a line (in cellPos's numbering), w of them, or nil when
// the line is gone (dropped from the scrollback, or below the screen), and whether the
// line continues on the next (a soft wrap). Called with mu.
func (s *session) lineCells(line, w int) (cells []uv.Cell, wrapped bool) {
	base := s.hist.total - s.hist.Len()
	cells = make([]uv.Cell, w)
	for i := range cells {
		cells[i] = uv.EmptyCell
	}
	switch {
	case line < base:
		return nil, false
	case line < s.hist.total && !s.emu.IsAltScreen():
		r := s.hist.rows[(s.hist.start+line-base)%len(s.hist.rows)]
		wrapped = r.wrapped
		if r.line != nil {
			copy(cells, r.line)
		} else {
			for i := 0; i < len(r.text) && i < w; i++ { // the fast path's rows are ASCII
				cells[i] = uv.Cell{Content: r.text[i : i+1], Width: 1}
			}
		}
	case line-s.hist.total < s.emu.Height():
		y := line - s.hist.total
		for x := range min(w, s.emu.Width()) {
			if c := s.emu.CellAt(x, y); c != nil {
				cells[x] = *c
				unmark(&cells[x])
			}
		}
		wrapped = s.screenWrapped(y)
	default:
		return nil, false
	}
	return cells, wrapped
}

// selectionText returns the text selected: each line's cells from the first selected
// column to the last, wide characters once, trailing blanks dropped but where a
// wrapped row goes on (wrap.go): the next row follows it without a line break (a long
// command line copies as one line), where the process printed one it stays.
func (s *session) selectionText(sel selection) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	if !sel.on || sel.alt != s.emu.IsAltScreen() {
		return ""
	}
	w := s.emu.Width()
	from, to := sel.bounds()
	var b strings.Builder
	for line := from.line; line <= to.line; line++ {
		cells, wrapped := s.lineCells(line, w)
		c0, c1, ok := sel.columns(line, w)
		if cells == nil || !ok {
			continue
		}
		for c0 > 0 && cells[c0].IsZero() { // the right half of a wide character
			c0--
		}
		var l strings.Builder
		for _, c := range cells[c0 : c1+1] {
			if !c.IsZero() {
				l.WriteString(c.Content)
			}
		}
		joined := line < to.line && c1 == w-1 && wrapped
		if joined {
			b.WriteString(l.String())
		} else {
			b.WriteString(strings.TrimRight(l.String(), " "))
		}
		if line < to.line && !joined {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// wordAt returns the word under pos: the run of cells around it that are neither blank
// nor punctuation that ends a word in a shell line.
func (s *session) wordAt(pos cellPos) (from, to cellPos, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	w := s.emu.Width()
	cells, _ := s.lineCells(pos.line, w)
	if cells == nil || pos.col < 0 || pos.col >= w {
		return from, to, false
	}
	in := func(x int) bool {
		c := cells[x]
		if c.IsZero() { // the right half of a wide character belongs with its left one
			return x > 0 && cells[x-1].Width > 1 && !strings.ContainsAny(cells[x-1].Content, wordStops)
		}
		return c.Content != "" && !strings.ContainsAny(c.Content, wordStops)
	}
	if !in(pos.col) {
		return from, to, false
	}
	c0, c1 := pos.col, pos.col
	for c0 > 0 && in(c0-1) {
		c0--
	}
	for c1 < w-1 && in(c1+1) {
		c1++
	}
	return cellPos{pos.line, c0}, cellPos{pos.line, c1}, true
}

// wordStops end a word for a double click: blanks, quotes, brackets and shell operators
// (a path, a resource name kind/name or a flag --x=y stays one word).
const wordStops = " \t\"'`()[]{}<>,;|&$"

// paintSelection draws the selected cells of the snapshot's rows reversed. Called
// with mu, offset as the snapshot clamped it.
func (s *session) paintSelection(sn *snapshot, offset int, sel selection) {
	if !sel.on || sel.alt != sn.alt {
		return
	}
	top, w := s.viewTopLocked(offset), s.emu.Width()
	for y := range sn.lines {
		c0, c1, ok := sel.columns(top+y, w)
		if !ok {
			continue
		}
		cells, _ := s.lineCells(top+y, w)
		if cells == nil {
			continue
		}
		for x := max(c0, 0); x <= c1; x++ {
			if !cells[x].IsZero() { // a wide character's right half stays a placeholder
				cells[x].Style.Attrs ^= uv.AttrReverse
			}
		}
		n := 0
		for _, c := range cells {
			if !c.IsZero() {
				n += c.Width
			}
		}
		sn.lines[y], sn.widths[y] = uv.Line(cells).Render(), n
	}
}
