package term

import (
	"strings"

	uv "github.com/charmbracelet/ultraviolet"
)

// Soft wraps. x/vt v0.1.0 does not record that a row continues on the next one (a
// terminal's « wrapped » line flag), which the selection needs to copy a long line as
// one line and keep the line breaks the process printed. The pane records it in the
// row's last cell (the wide character's cell when the last column is its right half):
// wrapMark is appended to the cell's hyperlink parameters, so the mark moves with the
// cell wherever the emulator moves it (scrolls, inserted and deleted lines, the
// scrollback) and goes away when the cell is printed over or erased. No OSC 8
// parameter can hold a NUL (the parser drops it), so the mark is never a program's.
// It is taken off the cells before they are drawn (rowCache, paintSelection) and
// before they go to the history (a flag of the row there).
//
// The emulator's wraps are seen through its cursor callback: a character printed
// while the cursor waits in the last column moves the cursor down a row (an index:
// a move straight down, or at the bottom of the region the scroll's trip to the
// region's top and back) and then to the column after the character, 1 or 2, on
// that row. The wraps the feeder does itself (the fast path's rows, the fixes of
// fixes.go) mark their rows directly.
const wrapMark = "\x00wrap"

// minWrapWidth is the narrowest screen whose wraps are recorded.
const minWrapWidth = 4

// wrapWatch follows the cursor callbacks for the pattern of a wrap.
type wrapWatch struct {
	step int // 0: nothing; 1: an index from the last column; 2: a scroll's trip up
	row  int // step 1: the row that wrapped; step 2: the row the trip left
}

// cursorMoved is the emulator's cursor callback (inside its Write, under mu).
func (s *session) cursorMoved(old, cur uv.Position) {
	last := s.emu.Width() - 1
	ww := &s.wraps
	switch {
	case ww.step == 1 && old.X == last && cur.Y == old.Y && cur.X >= 1 && cur.X <= 2 && cur.X < last:
		s.markWrapped(ww.row)
		ww.step = 0
	case old.X == last && cur.X == last && cur.Y == old.Y+1:
		*ww = wrapWatch{step: 1, row: old.Y}
	case old.X == last && cur.X == last && cur.Y < old.Y:
		*ww = wrapWatch{step: 2, row: old.Y}
	case ww.step == 2 && old.X == last && cur.X == last && cur.Y == ww.row:
		*ww = wrapWatch{step: 1, row: cur.Y - 1} // the scroll moved the wrapped row up
	default:
		ww.step = 0
	}
}

// markWrapped records that screen row y continues on the next row. Narrower than
// minWrapWidth, the callback cannot tell a wrap (the cursor ends in the last column),
// and no row is marked.
func (s *session) markWrapped(y int) {
	if s.emu.Width() < minWrapWidth {
		return
	}
	if c := wrapCell(s.emu.CellAt, s.emu.Width(), y); c != nil && !strings.HasSuffix(c.Link.Params, wrapMark) {
		c.Link.Params += wrapMark
	}
}

// wrapCell returns the cell of row y that holds the mark: the last one, or the wide
// character whose right half the last one is.
func wrapCell(at func(x, y int) *uv.Cell, w, y int) *uv.Cell {
	c := at(w-1, y)
	if c != nil && c.IsZero() && w >= 2 {
		if wide := at(w-2, y); wide != nil && wide.Width > 1 {
			return wide
		}
	}
	return c
}

// screenWrapped reports whether screen row y continues on the next row.
func (s *session) screenWrapped(y int) bool {
	c := wrapCell(s.emu.CellAt, s.emu.Width(), y)
	return c != nil && strings.HasSuffix(c.Link.Params, wrapMark)
}

// unmark takes the mark off a cell copied out of the emulator.
func unmark(c *uv.Cell) {
	if c.Link.Params != "" {
		c.Link.Params = strings.TrimSuffix(c.Link.Params, wrapMark)
	}
}

// unmarkLine takes the mark off a line the emulator pushed into its scrollback (its
// own cells) and reports whether it had it.
func unmarkLine(l uv.Line) bool {
	c := wrapCell(func(x, _ int) *uv.Cell { return l.At(x) }, len(l), 0)
	if c == nil || !strings.HasSuffix(c.Link.Params, wrapMark) {
		return false
	}
	unmark(c)
	return true
}
