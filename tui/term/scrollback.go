package term

import uv "github.com/charmbracelet/ultraviolet"

// scrollback is the pane's own history of lines scrolled off the top of the main
// screen: a ring of at most max rows, oldest first. A row is either a line of cells the
// emulator pushed (styled) or the text of a row the fast path scrolled off without
// drawing it (plain ASCII in the default style, trailing blanks trimmed, exactly what
// the emulator would have pushed). The emulator's own scrollback is emptied into it
// after every write, so the emulator never pays for trimming a full history.
type scrollback struct {
	rows  []sbRow
	start int // index of the oldest row in rows
	n     int // rows held
	total int // rows ever pushed: row i is line total-n+i of the whole output (selection)
}

type sbRow struct {
	line    uv.Line // nil for a text row
	text    string
	wrapped bool // the row continues on the next (a soft wrap, wrap.go)
}

func newScrollback(n int) *scrollback {
	return &scrollback{rows: make([]sbRow, max(n, 1))}
}

// Len returns how many rows the scrollback holds.
func (s *scrollback) Len() int { return s.n }

// Cap returns how many rows it keeps at most.
func (s *scrollback) Cap() int { return len(s.rows) }

func (s *scrollback) push(r sbRow) {
	s.total++
	if s.n < len(s.rows) {
		s.rows[(s.start+s.n)%len(s.rows)] = r
		s.n++
		return
	}
	s.rows[s.start] = r
	s.start = (s.start + 1) % len(s.rows)
}

// pushLine appends a line the emulator pushed (it owns the cells already), its wrap
// mark taken off as a flag.
func (s *scrollback) pushLine(l uv.Line) {
	wrapped := unmarkLine(l)
	if wrapped { // trimmed as the emulator trims a line it pushes (the mark kept a blank)
		for len(l) > 0 && (l[len(l)-1].IsZero() || l[len(l)-1].Equal(&uv.EmptyCell)) {
			l = l[:len(l)-1]
		}
	}
	s.push(sbRow{line: l, wrapped: wrapped})
}

// pushText appends a plain text row, wrapped when it continues on the next.
func (s *scrollback) pushText(t string, wrapped bool) { s.push(sbRow{text: t, wrapped: wrapped}) }

// render returns row i (0 is the oldest) with its styles.
func (s *scrollback) render(i int) string {
	r := s.rows[(s.start+i)%len(s.rows)]
	if r.line != nil {
		return r.line.Render()
	}
	return r.text
}

// row returns row i (0 is the oldest).
func (s *scrollback) row(i int) sbRow { return s.rows[(s.start+i)%len(s.rows)] }

// clear drops every row.
func (s *scrollback) clear() {
	clear(s.rows)
	s.start, s.n = 0, 0
}
