package term

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/charmbracelet/x/ansi"
)

// The emulator (x/vt v0.1.0 on ultraviolet) moves every cell of the screen, one cell at
// a time, for each line feed at the bottom (Buffer.DeleteLineArea), and its scrollback
// drops its oldest line with a copy of the whole history: about 45 µs a line at 120x40,
// 0.15 MB/s for `seq`. The feeder keeps every byte going through the emulator except
// where the result is known without it: runs of plain ASCII lines ended by CR LF,
// printed in the default style on the main screen with full margins (the tracker
// vouches for it). When such a run scrolls a whole screenful, one scroll-up (SU) of the
// whole screen pushes what is on it into the scrollback, the rows that would scroll off
// go into the pane's own history as text (what the emulator would have pushed), and the
// last screenful is kept aside as text (deferred): it is drawn into the emulator, from
// the top, only when something needs the emulator (a frame, a key's cursor, other
// output). A following plain run scrolls the deferred rows themselves, so streaming
// output costs the emulator one scroll and one screenful a frame. The result is the
// emulator's, cell for cell, and the history holds the rows it would hold: the tests
// compare both with a plain emulator fed the same bytes.

// maxWrite bounds one write to the emulator, so that its own scrollback (emptied after
// every write) never reaches its limit within a write.
const maxWrite = 32 << 10

// emulatorHistory is the emulator's own scrollback limit: more than the line feeds a
// write of maxWrite bytes can hold.
const emulatorHistory = maxWrite + 1024

// maxCarry bounds the partial last line kept aside while rows are deferred.
const maxCarry = 64 << 10

// maxHeld bounds the start of an ESC or CSI sequence kept aside at the end of a feed,
// until its end says whether the emulator gets it as it is.
const maxHeld = 256

// feed writes p to the emulator as output of the process. s.mu is held.
func (s *session) feed(p []byte) {
	i := 0
	t := s.trk
	seq := 0 // where the sequence being parsed starts (-1: in an earlier feed, written)
	// seqGround says the emulator is between sequences before p[seq] (the ESC at seq
	// did not end a sequence or a string).
	seqGround := true
	switch {
	case len(s.held) > 0: // a sequence's start, already parsed, not written yet
		s.join = append(append(s.join[:0], s.held...), p...)
		i, p = len(s.held), s.join
		s.held, seqGround = s.held[:0], s.heldGround
	case len(s.carry) > 0: // the partial line kept aside at the end of the last feed
		s.join = append(append(s.join[:0], s.carry...), p...)
		s.carry = s.carry[:0]
		p = s.join
	case !t.ground():
		seq = -1
	}
	pend := 0 // p[pend:] is not written yet, nor is xl (translated output before it)
	xl := s.xlat[:0]
	emitTo := func(k int) {
		if len(xl) > 0 {
			xl = append(xl, p[pend:k]...)
			s.emit(xl)
			xl = xl[:0]
		} else {
			s.emit(p[pend:k])
		}
		pend = k
	}
	for i < len(p) {
		j, last, printable := i, i, false
		if t.ground() && !t.mapping() {
			j, last, printable = plainRun(p, i, !t.partial())
		}
		if j == i { // a byte of a sequence, a control or a translated character
			b := p[i]
			if seq >= 0 && t.inner(b) {
				p = s.innerControl(p, i, &pend, &seq, &seqGround, emitTo)
				i++
				continue
			}
			wasGround := t.ground()
			t.advance(b)
			if b == ansi.ESC || wasGround && !t.ground() {
				seq, seqGround = i, wasGround
			}
			if t.moved {
				s.wrapping, t.moved = false, false
			}
			i++
			switch {
			case t.insert > 0: // insert mode
				start := i - 1
				if !wasGround { // the last byte of a UTF-8 sequence
					start = max(seq, 0)
				}
				emitTo(start)
				c := p[start:i]
				if t.subst != "" {
					c = []byte(t.subst)
				}
				s.insertPrint(c, t.insert)
				pend, t.subst, t.insert = i, "", 0
			case t.subst != "": // printed in another character set
				xl = append(append(xl, p[pend:i-1]...), t.subst...)
				pend, t.subst = i, ""
			case t.wide: // a wide character, which x/vt gets wrong at the margin
				t.wide = false
				start := max(seq, 0)
				emitTo(start)
				s.printWide(p[start:i])
				pend = i
			case wasGround && b >= 0x20 && b < 0x7f && t.partial() && t.awm && !s.unsure:
				emitTo(i - 1)
				s.printRegion(p[i-1 : i])
				pend = i
			case t.instead != nil:
				s.replace(p, &pend, seq, i, emitTo)
			}
			if t.clearHistory { // ED 3: what the emulator pushed until now is erased
				emitTo(i)
				s.hist.clear()
				t.clearHistory = false
			}
			if t.extra != nil { // a sequence the emulator ignores, done after it
				emitTo(i)
				t.extra(s)
				t.extra = nil
			}
			continue
		}
		if printable {
			t.printed()
		}
		if last > i {
			s.wrapping = false // a line feed came
		}
		if j > i && t.partial() && t.awm && !s.unsure { // text in a region below the top row
			emitTo(i)
			s.printRegion(p[i:j])
			pend, i = j, j
			continue
		}
		if last > i && !s.unsure && t.plain() && !s.emu.IsAltScreen() && s.emu.Height() >= 2 &&
			((s.deferred != nil && pend == i && len(xl) == 0) || bytes.Count(p[i:last], []byte{'\n'}) >= s.emu.Height()) {
			if len(xl) > 0 {
				emitTo(i)
			}
			s.fast(p, pend, i, last)
			pend = last
		}
		i = j
	}
	s.xlat = xl[:0]
	if !t.ground() && seq >= pend && len(p)-seq <= maxHeld && t.holdable() {
		emitTo(seq) // the sequence's start waits for its end
		s.held, s.heldGround = append(s.held, p[seq:]...), seqGround
		return
	}
	if len(xl) > 0 {
		emitTo(len(p))
		return
	}
	rest := p[pend:]
	if s.deferred != nil && len(rest) <= maxCarry && t.ground() && printableOnly(bytes.TrimSuffix(rest, []byte{'\r'})) {
		// It continues the deferred screen's bottom row (a CR whose LF comes next too).
		s.carry = append(s.carry, rest...)
		return
	}
	s.emit(rest)
}

// replace writes what the tracker asks for in place of p[start:i], the control at i-1
// or the sequence that starts at seq, when none of it was written yet and the emulator
// is between sequences (the controls inside the sequence were run before it, see
// innerControl). Otherwise the emulator gets the bytes as they are.
func (s *session) replace(p []byte, pend *int, seq, i int, emitTo func(int)) {
	t := s.trk
	f, ctl := t.instead, t.ctl
	t.instead, t.ctl = nil, false
	start := seq
	if ctl {
		start = i - 1
	}
	if !t.ground() || start < *pend {
		return
	}
	emitTo(start)
	*pend = i
	f(s, p[start:i])
}

// innerControl runs the control p[i], which comes inside the ESC or CSI sequence that
// starts at seq, none of which the emulator has yet, as a terminal runs it: at once,
// the sequence going on after it. x/ansi's parser (the emulator's) runs it too but
// keeps it as the sequence's command, so the final byte dispatches another sequence
// (ESC [ 2 BS C is taken for CSI 2 K): the emulator gets the control before the
// sequence, which loses the control. p is changed in place (a copy the first time):
// the sequence moves one byte right over the control. It returns p.
func (s *session) innerControl(p []byte, i int, pend, seq *int, seqGround *bool, emitTo func(int)) []byte {
	t := s.trk
	t.execute(p[i])
	if t.moved {
		s.wrapping, t.moved = false, false
	}
	emitTo(*seq)
	if !*seqGround {
		// The ESC at seq ends a string (dispatched) or a sequence (dropped) in the
		// emulator: ESC \ ends it the same way and does nothing more.
		s.write(stringTerminator)
		*seqGround = true
	}
	if f := t.instead; f != nil { // a control x/vt gets wrong (fixes.go)
		t.instead, t.ctl = nil, false
		f(s, p[i:i+1])
	} else {
		s.write(p[i : i+1])
	}
	if len(s.join) == 0 || &p[0] != &s.join[0] {
		s.join = append(s.join[:0], p...)
		p = s.join
	}
	copy(p[*seq+1:i+1], p[*seq:i])
	*seq++
	*pend = *seq
	return p
}

// stringTerminator is ST (ESC \).
var stringTerminator = []byte("\x1b\\")

func crlf(p []byte, i int) bool { return i+1 < len(p) && p[i] == '\r' && p[i+1] == '\n' }

func printableOnly(p []byte) bool {
	for _, b := range p {
		if b < 0x20 || b >= 0x7f {
			return false
		}
	}
	return true
}

// plainRun returns the end j of the run of printable ASCII and CR LF pairs (with
// lines) that starts at i, the end of its last CR LF (i when it has none), and whether
// it prints anything.
func plainRun(p []byte, i int, lines bool) (j, last int, printable bool) {
	last = i
	for j = i; j < len(p); {
		switch b := p[j]; {
		case b >= 0x20 && b < 0x7f:
			printable = true
			j++
		case lines && crlf(p, j):
			j += 2
			last = j
		default:
			return j, last, printable
		}
	}
	return j, last, printable
}

// fast writes p[pend:last] where p[start:last] is a run of plain lines each ended by
// CR LF, the tracker saying plain text prints plain. Either rows are deferred and
// nothing is pending (the run continues them), or the run holds a screenful of lines.
func (s *session) fast(p []byte, pend, start, last int) {
	if s.deferred != nil && pend == start {
		s.scrollIn(s.deferred, s.dwrap, p[start:last])
		return
	}
	s.materialize()
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
	for l := range eachLine(rest) {
		content += rows(len(l), w)
	}
	if s.emu.CursorPosition().Y < h-1 || content+1 < h {
		s.write(p[cr:last])
		return
	}
	// Everything on the screen now scrolls off: push it in one scroll; the screen is
	// blank, the cursor on its bottom row.
	s.write(s.scrollUp(h))
	s.scrollIn(nil, nil, rest)
}

// scrollIn scrolls rows into the deferred screen: above the blank bottom row, the
// prefix rows, then the rows of lines (each ended by CR LF, the first starting on the
// bottom row). The rows above the last h-1 go to the history, the last h-1 stay
// deferred. len(prefix)+rows(lines) is at least h-1. prefixWrap says which prefix
// rows wrapped; a line's rows but its last do.
func (s *session) scrollIn(prefix []string, prefixWrap []bool, lines []byte) {
	h, w := s.emu.Height(), s.emu.Width()
	content := len(prefix)
	for l := range eachLine(lines) {
		content += rows(len(l), w)
	}
	toHist := content - (h - 1)
	from := max(0, toHist-s.hist.Cap()) // rows the history would drop at once
	next, nextWrap := s.spare[:0], s.wspare[:0]
	row := 0
	add := func(text string, wrapped bool) {
		switch {
		case row >= toHist:
			next, nextWrap = append(next, text), append(nextWrap, wrapped)
		case row >= from:
			s.hist.pushText(trimRight(text), wrapped)
		}
		row++
	}
	for i, r := range prefix {
		add(r, prefixWrap[i])
	}
	for l := range eachLine(lines) {
		if len(l) > 0 {
			s.lastPrinted = l[len(l)-1]
		}
		n := rows(len(l), w)
		for k := range n {
			if row < from { // dropped: no copy
				row++
				continue
			}
			add(string(l[k*w:min(len(l), (k+1)*w)]), k < n-1 && w >= minWrapWidth)
		}
	}
	s.spare, s.wspare = s.deferred[:0], s.dwrap[:0]
	s.deferred, s.dwrap = next, nextWrap
}

// materialize draws the deferred rows into the emulator (then the partial line kept
// aside): from the top, each row then CR LF, so the cursor ends at the start of the
// bottom row as the scrolls would have left it.
func (s *session) materialize() {
	if s.deferred == nil {
		return
	}
	rows, wrapped := s.deferred, s.dwrap
	s.deferred, s.dwrap = nil, nil
	b := append(s.paint[:0], homeCursor...)
	printed := false
	for _, r := range rows {
		printed = printed || len(r) > 0
	}
	if !printed && s.lastPrinted != 0 {
		// The emulator's last printed character (REP repeats it) must be the stream's:
		// print it and erase it (ECH does not print).
		b = append(b, s.lastPrinted, '\b')
		b = append(b, eraseChar...)
	}
	for _, r := range rows {
		b = append(b, r...)
		b = append(b, '\r', '\n')
	}
	s.paint = b
	s.lastPrinted = 0
	s.spare, s.wspare = rows[:0], wrapped[:0]
	s.write(b)
	for y, wr := range wrapped {
		if wr {
			s.markWrapped(y)
		}
	}
	if len(s.carry) > 0 {
		s.write(s.carry)
		s.carry = s.carry[:0]
	}
}

// emit writes p after the deferred rows.
func (s *session) emit(p []byte) {
	s.materialize()
	s.write(p)
}

// homeCursor ends a pending wrap and puts the cursor at the top left corner.
var homeCursor = []byte("\r\x1b[H")

// eraseChar is ECH 1.
var eraseChar = []byte("\x1b[X")

// scrollUp returns SU n (cached for the pane's height).
func (s *session) scrollUp(n int) []byte {
	if s.suN != n {
		s.su, s.suN = []byte("\x1b["+strconv.Itoa(n)+"S"), n
	}
	return s.su
}

func trimRight(s string) string {
	i := len(s)
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return s[:i]
}

// rows is how many screen rows a plain line of n characters takes at width w, autowrap
// on: a line that fills whole rows ends in the pending wrap, which CR cancels.
func rows(n, w int) int {
	if n == 0 {
		return 1
	}
	return (n + w - 1) / w
}

// eachLine yields the lines of b, each ended by CR LF (not included).
func eachLine(b []byte) func(func([]byte) bool) {
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
	s.written += len(p)
}
