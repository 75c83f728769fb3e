package term

import (
	"bytes"
	"fmt"
	"strconv"
)

// The emulator (x/vt v0.1.0 on ultraviolet) moves every cell of the screen, one cell at
// a time, for each line feed at the bottom (Buffer.DeleteLineArea), and its scrollback
// drops its oldest line with a copy of the whole history: about 45 µs a line at 120x40,
// 0.15 MB/s for `seq`. The feeder keeps every byte going through the emulator except
// where the result is known without it: in a run of plain ASCII lines ended by CR LF,
// printed in the default style on the main screen with full margins, the lines that
// would scroll off before the run ends are not drawn. One scroll-up (SU) of the whole
// screen pushes what is on it into the scrollback, the skipped rows go into the pane's
// own scrollback as text (what the emulator would have pushed), and the last screenful
// is drawn from the top. The result is the emulator's, cell for cell, and the history's
// rows are the ones it would hold (tests compare both against a plain emulator).

// maxWrite bounds one write to the emulator, so that its own scrollback (emptied after
// every write) never reaches its limit within a write.
const maxWrite = 32 << 10

// emulatorHistory is the emulator's own scrollback limit: more than the line feeds a
// write of maxWrite bytes can hold.
const emulatorHistory = maxWrite + 1024

// feed writes p to the emulator as output of the process. s.mu is held.
func (s *session) feed(p []byte) {
	t := s.trk
	pend := 0 // p[pend:] is not written yet
	for i := 0; i < len(p); {
		j, last, printable := i, i, false
		if t.ground() {
			j, last, printable = plainRun(p, i)
		}
		if j == i { // a byte of a sequence or a control: the tracker follows it
			t.advance(p[i])
			i++
			if t.clearHistory { // ED 3: what the emulator pushed until now is erased
				s.write(p[pend:i])
				pend = i
				s.hist.clear()
				t.clearHistory = false
			}
			continue
		}
		if printable {
			t.printed()
		}
		if last > i && !s.unsure && t.plain() && !s.emu.IsAltScreen() && s.emu.Height() >= 2 &&
			bytes.Count(p[i:last], []byte{'\n'}) >= s.emu.Height() {
			s.fast(p, pend, i, last)
			pend = last
		}
		i = j
	}
	s.write(p[pend:])
}

func crlf(p []byte, i int) bool { return i+1 < len(p) && p[i] == '\r' && p[i+1] == '\n' }

// plainRun returns the end j of the run of printable ASCII and CR LF pairs that starts
// at i, the end of its last CR LF (i when it has none), and whether it prints anything.
func plainRun(p []byte, i int) (j, last int, printable bool) {
	last = i
	for j = i; j < len(p); {
		switch b := p[j]; {
		case b >= 0x20 && b < 0x7f:
			printable = true
			j++
		case crlf(p, j):
			j += 2
			last = j
		default:
			return j, last, printable
		}
	}
	return j, last, printable
}

// fast writes p[pend:last] where p[start:last] is a run of plain lines each ended by
// CR LF (at least a screenful of them), with the tracker saying plain text prints plain.
func (s *session) fast(p []byte, pend, start, last int) {
	h, w := s.emu.Height(), s.emu.Width()
	// The pending bytes and the first line in one write (a grapheme cluster never
	// straddles two writes), then line by line until the cursor is on the bottom row.
	cr := start + bytes.IndexByte(p[start:last], '\r')
	s.write(p[pend:cr])
	for cr+2 < last && s.emu.CursorPosition().Y < h-1 {
		next := cr + 2 + bytes.IndexByte(p[cr+2:last], '\r')
		s.write(p[cr:next])
		cr = next
	}
	// p[cr:last] is CR LF, then lines each followed by CR LF. Each line feed and each
	// wrap scrolls one new row in at the bottom: rows(line) per line, one blank row
	// after the last CR LF.
	rest := p[cr+2 : last]
	content := 0
	for l := range lines(rest) {
		content += rows(len(l), w)
	}
	if s.emu.CursorPosition().Y < h-1 || content+1 < h || !printsIn(p, cr, last, content-(h-1), w) {
		s.write(p[cr:last])
		return
	}
	// Everything on the screen now scrolls off: push it in one scroll.
	s.write(s.scrollUp(h))
	// The first content-(h-1) rows never show: they go to the history as text, only
	// those it keeps. The last h-1 are drawn from the top, then the blank row.
	skip := content - (h - 1)
	keepFrom := max(0, skip-s.hist.Cap())
	row, paint := 0, -1
	off := 0
	for l := range lines(rest) {
		n := rows(len(l), w)
		for k := range n {
			if row == skip {
				paint = off + k*w
				break
			}
			if row >= keepFrom {
				chunk := l[k*w : min(len(l), (k+1)*w)]
				s.hist.pushText(string(bytes.TrimRight(chunk, " ")))
			}
			row++
		}
		if paint >= 0 {
			break
		}
		off += len(l) + 2
	}
	s.write(homeCursor)
	s.write(rest[paint:])
}

// homeCursor ends a pending wrap and puts the cursor at the top left corner.
var homeCursor = []byte("\r\x1b[H")

// scrollUp returns SU n (cached for the pane's height).
func (s *session) scrollUp(n int) []byte {
	if s.suN != n {
		s.su, s.suN = []byte("\x1b["+strconv.Itoa(n)+"S"), n
	}
	return s.su
}

// printsIn reports whether the rows drawn from row skip of the lines after p[cr:last]
// print a character: the emulator's last printed character (for REP) must be the one it
// would have had.
func printsIn(p []byte, cr, last, skip, w int) bool {
	if skip < 0 {
		return false
	}
	row := 0
	for l := range lines(p[cr+2 : last]) {
		n := rows(len(l), w)
		if row+n > skip && len(l) > 0 {
			from := max(0, (skip-row)*w)
			if from < len(l) {
				return true
			}
		}
		row += n
	}
	return false
}

// rows is how many screen rows a plain line of n characters takes at width w, autowrap
// on: a line that fills whole rows ends in the pending wrap, which CR cancels.
func rows(n, w int) int {
	if n == 0 {
		return 1
	}
	return (n + w - 1) / w
}

// lines yields the lines of b, each ended by CR LF (not included).
func lines(b []byte) func(func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for len(b) > 0 {
			i := bytes.IndexByte(b, '\r')
			if i < 0 || !yield(b[:i]) {
				return
			}
			b = b[i+2:]
		}
	}
}

// write writes p to the emulator (at most maxWrite bytes at a time, split between two
// ASCII bytes) and moves what it scrolled into its scrollback to the pane's history.
func (s *session) write(p []byte) {
	for len(p) > 0 {
		n := splitAt(p, maxWrite)
		s.emuWrite(p[:n])
		p = p[n:]
		if sb := s.emu.Scrollback(); sb.Len() > 0 {
			for _, l := range sb.Lines() {
				s.hist.pushLine(l)
			}
			sb.Clear()
		}
	}
}

// splitAt returns where to cut p to write at most about limit bytes: between two ASCII
// bytes, which no grapheme cluster joins (the emulator ends a cluster with each write).
// Without such a place nearby it cuts at limit.
func splitAt(p []byte, limit int) int {
	if len(p) <= limit {
		return len(p)
	}
	for n := limit; n > limit/2; n-- {
		if p[n-1] < 0x80 && p[n] < 0x80 {
			return n
		}
	}
	return limit
}

// emuWrite writes p to the emulator, surviving its panics: some sequences with margins
// or scroll regions beyond the screen index out of its buffer (x/vt v0.1.0). The rest of
// p is lost, as a terminal that chokes on a sequence loses it, and the fast path stays
// off for good: the tracker can no longer vouch for the emulator's state.
func (s *session) emuWrite(p []byte) {
	defer func() {
		if r := recover(); r != nil {
			if !s.unsure {
				s.log.Error("terminal: the emulator failed on the process's output", "panic", fmt.Sprint(r))
			}
			s.unsure = true
		}
	}()
	_, _ = s.emu.Write(p)
}
