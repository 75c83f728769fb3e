package term

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Sequences x/vt v0.1.0 gets wrong or lacks, written instead as sequences it gets right
// (the tracker spots them, the feeder calls these in their place, the emulator's state
// being up to date then):
//   - In a scroll region that does not start at the top row, its Screen.ScrollUp and
//     ScrollDown move the cursor to row 0, outside the region, before deleting or
//     inserting the line: a line feed (LF, VT, FF, IND, NEL) on the bottom margin, a
//     reverse index (RI) on the top margin, SU and SD scroll nothing. Such a scroll is
//     written as DL or IL on the region's top row, the cursor put back after.
//   - NEL (ESC E, 0x85) and SCORC (CSI u) are missing.
//   - IL and DL in such a region move the cursor down by the top margin, and DL on a
//     region's top row pushes the lines it deletes into the scrollback; in origin mode
//     so do CR, and HPA, HPR, VPA, VPR add the margins to the cursor's absolute place.
//   - REP repeats the last ASCII character printed as itself, not a line-drawing or any
//     other character (charset.go), and as many times as asked.
//   - ED 1 erases the cursor's whole row.
//   - Insert mode (IRM) is missing.
//   - A count of 0 (CSI 0 C) is taken as 0, not 1.
//   - Margins beyond the screen (CSI 1;99 r on 24 rows) are taken as they are, and the
//     next scroll indexes out of its buffer; tmux clamps them to the screen.

// oneIfZero are the finals of the CSI sequences whose count of 0 means 1.
const oneIfZero = "ABCDEFLMPX@STbIZae"

// margins are a screen's scroll margins, bottom and right exclusive.
type margins struct{ top, bottom, left, right int }

func (m margins) full(w, h int) bool {
	return m.top == 0 && m.bottom == h && m.left == 0 && m.right == w
}

// setMargins mirrors DECSTBM (or DECSLRM when horizontal) and clamps margins beyond
// the screen.
func (t *tracker) setMargins(i int, params ansi.Params, horizontal bool) {
	size := t.h
	if horizontal {
		size = t.w
	}
	lo, _, _ := params.Param(0, 1)
	lo = max(lo, 1)
	hi, _, _ := params.Param(1, size)
	if hi < 1 {
		hi = size
	}
	if hi > size {
		hi = size
		final := "r"
		if horizontal {
			final = "s"
		}
		set := []byte("\x1b[" + strconv.Itoa(lo) + ";" + strconv.Itoa(hi) + final)
		if lo >= hi {
			set = nil
		}
		t.instead = func(s *session, _ []byte) { s.write(set) }
	}
	if lo >= hi {
		return
	}
	m := &t.marg[i]
	if horizontal {
		m.left, m.right = lo-1, hi
	} else {
		m.top, m.bottom = lo-1, hi
	}
}

// partial reports whether the current screen's scroll region does not start at its top
// row.
func (t *tracker) partial() bool { return t.marg[t.scr()].top > 0 }

// control asks for the fixes of single control bytes.
func (t *tracker) control(b byte) {
	switch b {
	case ansi.LF, ansi.VT, ansi.FF, ansi.IND:
		if t.partial() {
			t.instead, t.ctl = (*session).index, true
		}
	case ansi.NEL:
		t.instead, t.ctl = (*session).nextLine, true
	case ansi.CR:
		if t.decom && t.partial() {
			t.instead, t.ctl = (*session).carriageReturn, true
		}
	case ansi.RI:
		if t.partial() {
			t.instead, t.ctl = (*session).reverseIndex, true
		}
	}
}

// fixEsc asks for the fixes of ESC sequences and reports whether it took one.
func (t *tracker) fixEsc(inter, final byte) bool {
	if inter != 0 {
		return false
	}
	switch {
	case final == 'D' && t.partial():
		t.instead = (*session).index
	case final == 'E':
		t.instead = (*session).nextLine
	case final == 'M' && t.partial():
		t.instead = (*session).reverseIndex
	default:
		return false
	}
	return true
}

// fixCsi asks for the fixes of CSI sequences (no prefix, no intermediate) and reports
// whether it took one.
func (t *tracker) fixCsi(i int, final byte, params ansi.Params) bool {
	n, _, _ := params.Param(0, 1)
	zero := n == 0 && len(params) == 1 && strings.IndexByte(oneIfZero, final) >= 0
	if zero { // a count of 0 is a count of 1 (ECMA-48); x/vt moves by 0
		n = 1
	}
	m := t.marg[i]
	t.n = n
	switch {
	case final == 'J':
		if n, _, _ := params.Param(0, 0); n != 1 {
			return false
		}
		t.instead = (*session).eraseAbove
	case final == 'S' || final == 'T':
		if m.top == 0 && m.left == 0 && m.right == t.w && !zero {
			return false
		}
		if m.top == 0 && m.left == 0 && m.right == t.w {
			t.instead = rewrite([]byte{0x1b, '[', '1', final})
			return true
		}
		t.instead = (*session).scrollRegion
	case final == 'L' || final == 'M':
		if final == 'L' && m.top == 0 && m.left == 0 && !zero {
			return false
		}
		t.instead = (*session).insertDeleteLines
	case final == 'b':
		t.instead = (*session).repeat
	case final == 'u':
		t.restore(i)
		t.instead = (*session).restoreCursor
	case t.decom && (m.top > 0 || m.left > 0) && strings.IndexByte("`ade", final) >= 0:
		t.instead = (*session).position
	case zero:
		t.instead = rewrite([]byte{0x1b, '[', '1', final})
	default:
		return false
	}
	return true
}

// rewrite returns a fix that writes seq in place of the sequence.
func rewrite(seq []byte) func(*session, []byte) {
	return func(s *session, _ []byte) { s.write(seq) }
}

// carriageReturn is CR in origin mode with a region below the top: x/vt puts the cursor
// on the row its row number names inside the region (its own row plus the top margin).
func (s *session) carriageReturn([]byte) {
	m, c := s.trk.marg[s.trk.scr()], s.emu.CursorPosition()
	s.write(s.cup(m, m.left, c.Y))
}

// insertDeleteLines is IL in a region that does not start at the top-left corner, or
// DL: x/vt moves the cursor down by the top margin after it (it puts it at the left
// margin as if the cursor's row counted from the region's top), and DL on the region's
// top row pushes the deleted lines into the scrollback, which no terminal does.
func (s *session) insertDeleteLines(orig []byte) {
	m, c := s.trk.marg[s.trk.scr()], s.emu.CursorPosition()
	b := []byte("\x1b[" + strconv.Itoa(s.trk.n) + string(orig[len(orig)-1]))
	if (m.top > 0 || m.left > 0) && c.Y >= m.top && c.Y < m.bottom && c.X >= m.left && c.X < m.right {
		b = append(b, s.cup(m, m.left, c.Y)...)
	}
	s.emuWrite(b)
	s.emu.Scrollback().Clear()
}

// position is HPA, HPR, VPA or VPR in origin mode with margins: x/vt adds the margins
// to the cursor's own, absolute, row or column.
func (s *session) position(orig []byte) {
	m, c := s.trk.marg[s.trk.scr()], s.emu.CursorPosition()
	n := s.trk.n
	x, y := c.X, c.Y
	switch orig[len(orig)-1] {
	case '`':
		x = m.left + n - 1
	case 'a':
		x += n
	case 'd':
		y = m.top + n - 1
	case 'e':
		y += n
	}
	x, y = min(max(x, m.left), m.right-1), min(max(y, m.top), m.bottom-1)
	s.write(s.cup(m, x, y))
}

// index is a line feed (orig: LF, VT, FF, IND) in a region that does not start at the
// top.
func (s *session) index(orig []byte) {
	t := s.trk
	m, c := t.marg[t.scr()], s.emu.CursorPosition()
	if c.Y != m.bottom-1 || c.X < m.left || c.X >= m.right {
		s.write(orig)
		return
	}
	s.scroll(m, 1, 'M')
	if t.lnm && len(orig) == 1 && orig[0] != ansi.IND {
		s.write([]byte{'\r'})
	}
}

// nextLine is NEL: a carriage return and an index.
func (s *session) nextLine([]byte) {
	s.write([]byte{'\r'})
	if s.trk.partial() {
		s.index([]byte("\x1bD"))
		return
	}
	s.write([]byte("\x1bD"))
}

// reverseIndex is RI in a region that does not start at the top.
func (s *session) reverseIndex(orig []byte) {
	t := s.trk
	m, c := t.marg[t.scr()], s.emu.CursorPosition()
	if c.Y != m.top || c.X < m.left || c.X >= m.right {
		s.write(orig)
		return
	}
	s.scroll(m, 1, 'L')
}

// scrollRegion is SU (CSI n S) or SD (CSI n T) in a region that is not the whole width
// or does not start at the top.
func (s *session) scrollRegion(orig []byte) {
	op := byte('M')
	if orig[len(orig)-1] == 'T' {
		op = 'L'
	}
	s.scroll(s.trk.marg[s.trk.scr()], s.trk.n, op)
}

// scroll deletes (op M) or inserts (op L) n lines on the region's top row, the cursor
// put back where it was. The emulator pushes the lines DL deletes on its region's top
// row into its scrollback: a terminal does not when the region does not start at the
// top, so they are dropped.
func (s *session) scroll(m margins, n int, op byte) {
	c := s.emu.CursorPosition()
	b := s.cup(m, m.left, m.top)
	b = append(b, "\x1b["+strconv.Itoa(n)+string(op)...)
	b = append(b, s.cup(m, c.X, c.Y)...)
	s.emuWrite(b)
	s.emu.Scrollback().Clear()
}

// cup returns the CUP that puts the cursor at column x, row y of the screen (in origin
// mode, CUP counts from the region's corner).
func (s *session) cup(m margins, x, y int) []byte {
	if s.trk.decom {
		x, y = x-m.left, y-m.top
	}
	return []byte("\x1b[" + strconv.Itoa(y+1) + ";" + strconv.Itoa(x+1) + "H")
}

// repeat is REP, as tmux does it: at most to the end of the line (x/vt prints as many
// as asked, CSI 99999999 b takes it minutes), and the character the emulator would not
// repeat (rep) written itself.
func (s *session) repeat([]byte) {
	n := min(max(s.trk.n, 1), max(1, s.emu.Width()-s.emu.CursorPosition().X))
	if s.trk.rep == "" {
		s.write([]byte("\x1b[" + strconv.Itoa(n) + "b"))
		return
	}
	s.write([]byte(strings.Repeat(s.trk.rep, n)))
}

// eraseAbove is ED 1: x/vt erases the cursor's whole row; a terminal erases it up to
// the cursor, included.
func (s *session) eraseAbove([]byte) {
	t := s.trk
	m, c := t.marg[t.scr()], s.emu.CursorPosition()
	var b []byte
	for y := range c.Y {
		b = append(append(b, s.cup(m, 0, y)...), "\x1b[2K"...)
	}
	b = append(append(b, s.cup(m, c.X, c.Y)...), "\x1b[1K"...)
	s.write(b)
}

// insertPrint prints c (w cells wide) in insert mode, which x/vt lacks: ICH makes room
// for it first. A character that comes while the cursor waits to wrap goes to the next
// line first, and makes room there (the emulator would make room on the full line, and
// push the last character off). The emulator does not tell whether its cursor waits to
// wrap: it does when it has not moved since a character printed in the last column.
func (s *session) insertPrint(c []byte, w int) {
	t := s.trk
	at := s.emu.CursorPosition()
	if s.wrapping && at == s.wrapAt && t.awm {
		s.write([]byte{'\r'})
		if t.partial() {
			s.index([]byte("\x1bD"))
		} else {
			s.write([]byte("\x1bD"))
		}
		s.markWrapped(s.emu.CursorPosition().Y - 1) // the row above, moved up if it scrolled
		at = s.emu.CursorPosition()
	}
	s.write([]byte("\x1b[" + strconv.Itoa(w) + "@"))
	s.write(c)
	after := s.emu.CursorPosition()
	s.wrapping, s.wrapAt = after == at && after.X == s.emu.Width()-1, after
}

// printRegion prints plain ASCII text (no controls) while the scroll region does not
// start at the top row: x/vt's own wrap at the bottom margin scrolls nothing there (the
// ScrollUp of index), so the text is written a line at a time and the scroll done
// here when a character comes while the cursor waits to wrap on the bottom margin.
func (s *session) printRegion(text []byte) {
	t := s.trk
	m, w := t.marg[t.scr()], s.emu.Width()
	for len(text) > 0 {
		c := s.emu.CursorPosition()
		if s.wrapping && c == s.wrapAt {
			if c.Y == m.bottom-1 {
				s.scroll(m, 1, 'M')
				s.markWrapped(c.Y - 1) // the scroll moved the row up
				s.write(s.cup(m, 0, c.Y))
				c.X = 0
			} else { // the emulator wraps it right
				s.write(text[:1])
				text = text[1:]
				c = s.emu.CursorPosition()
			}
		}
		n := min(len(text), max(1, w-c.X))
		s.write(text[:n])
		text = text[n:]
		after := s.emu.CursorPosition()
		s.wrapping, s.wrapAt = after.X == w-1 && after.X-c.X < n, after
	}
}

// restoreCursor is SCORC (CSI u), the DECRC of the cursor CSI s saved.
func (s *session) restoreCursor([]byte) { s.write([]byte("\x1b8")) }

// printWide prints c, a wide character that starts a grapheme cluster, autowrap on, as
// tmux does where x/vt does not: in the last column it does not fit and goes to the
// next row (x/vt drops it), whether the cursor waits to wrap there or not; in the two
// last columns it fills the row and the cursor waits to wrap (x/vt leaves the cursor
// on its right half, where the next character replaces it). The emulator is put in
// that state by a blank printed in the last column, the wide character put back over
// it.
func (s *session) printWide(c []byte) {
	w := s.emu.Width()
	at := s.emu.CursorPosition()
	if w >= 2 && at.X >= w-1 {
		s.write([]byte{'\r'})
		if s.trk.partial() {
			s.index([]byte("\x1bD"))
		} else {
			s.write([]byte("\x1bD"))
		}
		s.markWrapped(s.emu.CursorPosition().Y - 1)
		at = s.emu.CursorPosition()
	}
	s.write(c)
	after := s.emu.CursorPosition()
	cell := s.emu.CellAt(at.X, at.Y)
	if w < 3 || at.X != w-2 || after.X != w-1 || cell == nil || cell.Width != 2 {
		return
	}
	wide := *cell
	s.write([]byte{' '})
	s.emu.SetCell(at.X, at.Y, &wide)
	s.wrapping, s.wrapAt = true, after
}
