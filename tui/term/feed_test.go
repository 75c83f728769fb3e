package term

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/vt"
)

// reference is what the pane must show: a session whose emulator is written token by
// token (a control, a printable character, a whole sequence), with no fast path, no
// deferred rows and no read boundaries but the chunks', each token as the tracker says
// (as it is, translated, or replaced by a fix). The feeder must agree with it on any
// cutting of the stream.
type reference struct {
	s       *session
	tok     []byte // the token being parsed
	written bool   // tok's start was written already (too long to keep)
	// ground says the emulator is between sequences before tok (its ESC did not end
	// a sequence or a string).
	ground bool
	out    []byte // tokens to write as they are
}

func newReference(w, h int) *reference {
	r := &reference{s: newSession(w, h)}
	r.s.hist = newScrollback(4096)
	return r
}

func drainEmulator(e *vt.Emulator) {
	buf := make([]byte, 256)
	for {
		if _, err := e.Read(buf); err != nil {
			return
		}
	}
}

// Write feeds one chunk.
func (r *reference) Write(p []byte) {
	s, t := r.s, r.s.trk
	flush := func() {
		s.write(r.out)
		r.out = r.out[:0]
	}
	for _, b := range p {
		if t.ground() && len(r.tok) > 0 {
			r.tok = r.tok[:0]
		}
		if !r.written && t.inner(b) {
			// A control inside a sequence runs at once, before the sequence, which goes
			// on without it.
			t.execute(b)
			if t.moved {
				s.wrapping, t.moved = false, false
			}
			if !r.ground { // what the sequence's ESC ended, ended the same way
				r.out = append(r.out, 0x1b, '\\')
				r.ground = true
			}
			flush()
			if f := t.instead; f != nil {
				t.instead, t.ctl = nil, false
				f(s, []byte{b})
			} else {
				s.write([]byte{b})
			}
			continue
		}
		switch {
		case b == 0x1b && !t.ground(): // a new sequence: the old one ends unparsed
			r.out = append(r.out, r.tok...)
			r.tok, r.written, r.ground = r.tok[:0], false, false
		case len(r.tok) == 0 && !r.written:
			r.ground = true
		}
		t.advance(b)
		if t.moved {
			s.wrapping, t.moved = false, false
		}
		if !r.written {
			r.tok = append(r.tok, b)
		} else {
			r.out = append(r.out, b)
		}
		if t.instead != nil && t.ctl && !t.ground() { // a control inside a sequence
			t.instead, t.ctl = nil, false
		}
		if !t.ground() {
			continue
		}
		tok, written := r.tok, r.written
		r.written = false
		switch {
		case t.insert > 0:
			flush()
			c := tok
			if t.subst != "" {
				c = []byte(t.subst)
			}
			s.insertPrint(c, t.insert)
			t.subst, t.insert = "", 0
		case t.subst != "":
			r.out = append(r.out, t.subst...)
			t.subst = ""
		case t.wide:
			t.wide = false
			flush()
			s.printWide(tok)
		case len(tok) == 1 && tok[0] >= 0x20 && tok[0] < 0x7f && t.partial() && t.awm && !s.unsure:
			flush()
			s.printRegion(tok)
		case t.instead != nil && (t.ctl || !written):
			f := t.instead
			t.instead, t.ctl = nil, false
			flush()
			f(s, tok)
		default:
			t.instead, t.ctl = nil, false
			r.out = append(r.out, tok...)
		}
		r.tok = r.tok[:0]
		if t.clearHistory {
			flush()
			s.hist.clear()
			t.clearHistory = false
		}
		if t.extra != nil {
			flush()
			t.extra(s)
			t.extra = nil
		}
	}
	if !t.ground() && !r.written && !(t.holdable() && len(r.tok) <= maxHeld) {
		r.out = append(r.out, r.tok...) // written as it is: no fix applies to it any more
		r.tok, r.written = r.tok[:0], true
	}
	flush()
}

// compare fails when the session's screen, cursor, modes or history differ from the
// reference's.
func compare(t testing.TB, s *session, r *reference, what string) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.materialize()
	re := r.s.emu
	if got, want := s.emu.Render(), re.Render(); got != want {
		t.Fatalf("%s: screens differ\n got: %q\nwant: %q", what, got, want)
	}
	if got, want := s.emu.CursorPosition(), re.CursorPosition(); got != want {
		t.Fatalf("%s: cursor at %v, want %v", what, got, want)
	}
	if got, want := s.emu.IsAltScreen(), re.IsAltScreen(); got != want {
		t.Fatalf("%s: alt screen %v, want %v", what, got, want)
	}
	n := r.s.hist.Len()
	keep := min(n, s.hist.Cap())
	if s.hist.Len() != keep {
		t.Fatalf("%s: history holds %d rows, want %d", what, s.hist.Len(), keep)
	}
	for i := range keep {
		if got, want := s.hist.render(i), r.s.hist.render(n-keep+i); got != want {
			t.Fatalf("%s: history row %d of %d is %q, want %q", what, i, keep, got, want)
		}
		if got, want := s.hist.row(i).wrapped, r.s.hist.row(n-keep+i).wrapped; got != want {
			t.Fatalf("%s: history row %d of %d %q wrapped %v, want %v", what, i, keep, s.hist.render(i), got, want)
		}
	}
	for y := range re.Height() {
		if got, want := s.screenWrapped(y), r.s.screenWrapped(y); got != want {
			t.Fatalf("%s: screen row %d wrapped %v, want %v\n%s", what, y, got, want, re.Render())
		}
	}
}

// feedBoth sends the same chunks to the session (through its feeder) and to the
// reference. With rng, the session draws a frame (which draws the deferred rows) after
// some chunks, as the pane does while output streams.
func feedBoth(t testing.TB, s *session, r *reference, chunks [][]byte, rng ...*rand.Rand) {
	t.Helper()
	for _, c := range chunks {
		s.output(c)
		r.Write(c)
		if len(rng) > 0 && rng[0].IntN(4) == 0 {
			_ = s.snap(0)
		}
	}
}

func TestFeedMatchesTheEmulator(t *testing.T) {
	for seed := range uint64(100) {
		rng := rand.New(rand.NewPCG(seed, 7))
		w, h := 4+rng.IntN(40), 2+rng.IntN(12)
		s, r := newSession(w, h), newReference(w, h)
		s.hist = newScrollback(50 + rng.IntN(100))
		stream := randomStream(rng, w, h)
		feedBoth(t, s, r, chunk(rng, stream), rng)
		what := fmt.Sprintf("seed %d (%dx%d, %d bytes)", seed, w, h, len(stream))
		compare(t, s, r, what)
		feedBoth(t, s, r, [][]byte{[]byte("\x1b[3bZ\r\n")})
		compare(t, s, r, what+" then REP")
		s.close()
		r.s.close()
	}
}

// TestFeedTakesTheFastPath checks the fast path is taken on plain output cut as pty
// reads cut it: the emulator is written a small part of it.
func TestFeedTakesTheFastPath(t *testing.T) {
	s, r := newSession(80, 24), newReference(80, 24)
	defer s.close()
	defer r.s.close()
	var b bytes.Buffer
	for i := range 5000 {
		b.WriteString(strconv.Itoa(i) + "\r\n")
	}
	feedBoth(t, s, r, chunk(rand.New(rand.NewPCG(1, 2)), b.Bytes()))
	if s.written > b.Len()/20 {
		t.Errorf("the emulator was written %d bytes of %d: the fast path was not taken", s.written, b.Len())
	}
	compare(t, s, r, "seq")
	if !strings.Contains(s.plain(), "4999") {
		t.Fatalf("last line missing:\n%s", s.plain())
	}
}

func TestFeedClearsHistoryOnED3(t *testing.T) {
	s, r := newSession(20, 5), newReference(20, 5)
	defer s.close()
	defer r.s.close()
	feedBoth(t, s, r, [][]byte{[]byte(strings.Repeat("line\r\n", 40) + "\x1b[3J" + strings.Repeat("after\r\n", 8))})
	compare(t, s, r, "ED 3")
	if s.hist.Len() == 0 || s.hist.Len() > 8 {
		t.Fatalf("history holds %d rows after ED 3 and 8 lines", s.hist.Len())
	}
}

// FuzzFeed compares the feeder with the emulator on arbitrary output cut at arbitrary
// places.
func FuzzFeed(f *testing.F) {
	f.Add([]byte("hello\r\nworld\r\n"), uint8(10), uint8(4))
	f.Add([]byte(strings.Repeat("abc def   \r\n", 50)+"\x1b[1mbold\x1b[0m\r\n"), uint8(7), uint8(3))
	f.Add([]byte("\x1b[2;4r"+strings.Repeat("x\r\n", 30)+"\x1b[r"+strings.Repeat("y\r\n", 30)), uint8(9), uint8(6))
	f.Add([]byte("\x1b)0\x0elqqk\x0f\r\n\x0ex\x0f ok \x0ex\x0f\x1b(0q\x1b[5b\x1b(B\x1b*0\x1bNq\x1b7\x1bn\x1b8a"), uint8(12), uint8(5))
	f.Add([]byte("\x1b[2;4r\x1b[4;1H\n\n\x1bD\x1bE\x1b[2;1H\x1bM\x1b[2S\x1b[T\x1b[1;99r\x1b[u"), uint8(5), uint8(9))
	f.Fuzz(func(t *testing.T, data []byte, wb, hb uint8) {
		w, h := 2+int(wb%60), 2+int(hb%20)
		s, r := newSession(w, h), newReference(w, h)
		defer s.close()
		defer r.s.close() // its goroutine would keep its emulator (4 MB) for good
		s.hist = newScrollback(64)
		cut := 1 + int(wb)%97
		var chunks [][]byte
		for len(data) > 0 {
			n := min(cut, len(data))
			chunks = append(chunks, data[:n])
			data = data[n:]
			cut = 1 + (cut*31+7)%211
		}
		// Plain runs long enough for the fast path, between the fuzzer's bytes.
		var out [][]byte
		for i, c := range chunks {
			out = append(out, c)
			if i%3 == 0 {
				out = append(out, []byte(strings.Repeat("0123456789 abcdefghijklmnopqrstuvwxyz\r\n", 1+h+i%5)))
			}
		}
		feedBoth(t, s, r, out)
		compare(t, s, r, "fuzz")
	})
}

// chunk cuts b at random places, as pty reads do.
func chunk(rng *rand.Rand, b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		n := min(len(b), 1+rng.IntN(300))
		if rng.IntN(4) == 0 {
			n = min(len(b), 1+rng.IntN(4096))
		}
		out = append(out, b[:n])
		b = b[n:]
	}
	return out
}

// pieces of terminal output the fast path must agree with the emulator on.
var pieces = []string{
	"\x1b[1m", "\x1b[0m", "\x1b[m", "\x1b[38;5;0m", "\x1b[31;0m", "\x1b[0;0m", "\x1b[48;2;10;20;30m",
	"\x1b[1;2r", "\x1b[r", "\x1b[2r", "\x1b[3;2r", "\x1b[1;0r",
	"\x1b[?1049h", "\x1b[?1049l", "\x1b[?1047h", "\x1b[?1047l", "\x1b[?1048h", "\x1b[?1048l",
	"\x1b7", "\x1b8", "\x1b[s", "\x1b[u",
	"\x1b(0", "\x1b(B", "\x1b(A", "\x1b)0", "\x1b)B", "\x0e", "\x0f", "\x1bn", "\x1bo", "\x8e", "\x8f",
	"\x1b[?7l", "\x1b[?7h", "\x1b[?69h", "\x1b[1;2s", "\x1b[2;3s", "\x1b[?69l",
	"\x1b[H", "\x1b[3;2H", "\x1b[A", "\x1b[2B", "\x1b[99;99H", "\x1b[5G",
	"\x1b[2J", "\x1b[3J", "\x1b[K", "\x1b[1J", "\x1b[2L", "\x1b[M", "\x1b[3S", "\x1b[T", "\x1bD", "\x1bM", "\x1bE",
	"\x1b]8;;http://example.com\x1b\\", "\x1b]8;;\x07", "\x1b]8;id=1;http://x\x07", "\x1b]0;title\x07", "\x1b]8;;a;b\x07",
	"é", "日本", "👍", "e\u0301", "\u200d", "«\u00a0nœud\u00a0»",
	"\n", "\r", "\t", "\b", "\x07", "\x1b[3b",
	"\x1b[3\x18", "\x1b]0;abc\x1a", "\x1b", "\x1b[", "\x9b31m", "\x9b0m", "\x1bP1$qm\x1b\\", "\x1b_apc\x1b\\",
	"\x1bc", "\x1b[4h", "\x1b[4l", "\x1b[20h", "\x1b[20l", "\x1b[?6h", "\x1b[?6l",
	"\x1b[?2027h", "\x1b[?2027l",
	"\x1b)0", "\x1b*0", "\x1b+0", "\x1b(2", "\x1b(<", "\x1b-A", "\x1bN", "\x1bO", "\x0elqqk\x0f", "\x1b(0x\x1b(B",
	"\x1b(0q\x1b[7b", "\x1b[2b", "é\x1b[3b", "\x1b#8", "\x1b[?3h", "\x1b[2;4r", "\x1b[3;99r", "\x1b[?69h\x1b[2;99s",
	"\x1bE", "\x85", "\x84", "\x8d", "\x1b[2S", "\x1b[2T", "\x1b[u", "\x1b[4;1H\n\n\n", "\x1b[2;1H\x1bM\x1bM",
	"\x1b(\n0", "\x1b[2\nS",
	"\x1b[2\bC", "\x1b[\r3D", "\x1b[?25\bl", "\x1b[?25h", "\x1b(\b0", "\x1b]0;t\x1b[2\bC", "\x1b[1\b;\n2H", "\x1b[2\x0eS",
	"\x1b[\x85A", "\x1b\bD", "\x1b[1;2\x1b[3\bC",
	"\x1b[99G本x", "\x1b[99G\x1b[D本x", "\x1b[99G👍🏽", "\x1b[99Gx本", "\x1b[99G\x1b[D👨\u200d👩x", "\x1b[99G🇫🇷🇫🇷",
}

// randomStream mixes plain lines (short, long, blank, trailing blanks, runs long
// enough for the fast path) with the pieces above.
func randomStream(rng *rand.Rand, w, h int) []byte {
	var b bytes.Buffer
	for range 20 + rng.IntN(60) {
		switch rng.IntN(6) {
		case 0, 1:
			b.WriteString(pieces[rng.IntN(len(pieces))])
		case 2:
			b.WriteString(plainLine(rng, w))
		default:
			n := h + rng.IntN(4*h+120)
			for range n {
				b.WriteString(plainLine(rng, w))
				b.WriteString("\r\n")
			}
			if rng.IntN(3) == 0 {
				b.WriteString(plainLine(rng, w)) // a line without its end yet
			}
		}
	}
	return b.Bytes()
}

func plainLine(rng *rand.Rand, w int) string {
	var n int
	switch rng.IntN(5) {
	case 0:
		n = 0
	case 1:
		n = w * (1 + rng.IntN(3)) // fills whole rows: the pending wrap
	case 2:
		n = rng.IntN(4 * w)
	default:
		n = rng.IntN(w)
	}
	var sb strings.Builder
	for range n {
		if rng.IntN(5) == 0 {
			sb.WriteByte(' ')
		} else {
			sb.WriteByte(byte(0x21 + rng.IntN(0x7e-0x21)))
		}
	}
	return sb.String()
}

// TestPtyDrainsWithoutWaiting checks the pty is non-blocking, so a read takes what else
// is there at once (one feed for a burst of output) and never waits for more.
func TestPtyDrainsWithoutWaiting(t *testing.T) {
	m := bashPane(t, 60, 10)
	if drainer(m.sess.ptmx) == nil {
		t.Fatal("the pty is in blocking mode: output would be fed a read at a time")
	}
	m.SetSize(50, 8) // a resize must not put it back in blocking mode
	if drainer(m.sess.ptmx) == nil {
		t.Fatal("the pty is in blocking mode after a resize")
	}
}
