package term

import (
	"strings"
	"testing"
)

// TestFidelity: sequences x/vt v0.1.0 gets wrong, cut at every byte (a pty read may end
// anywhere), and the screen a terminal (tmux, xterm) shows for them.
func TestFidelity(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"SO/SI with G1 special graphics", "\x1b)0\x0elqqk\x0f ok \x0ex\x0f", "┌──┐ ok │"},
		{"G0 special graphics", "\x1b(0tqu\x1b(B tqu", "├─┤ tqu"},
		{"REP of a line-drawing character", "\x1b(0q\x1b[4b\x1b(B", "─────"},
		{"REP of a wide character", "本\x1b[2b", "本本本"},
		{"REP stops at the end of the line", "ab\x1b[99999999b", "abbbbbbbbb"},
		{"UK set", "\x1b(A#\x1b(B#", "£#"},
		{"single shift SS2", "\x1b*0\x1bNqq", "─q"},
		{"LS2 then SI", "\x1b*0\x1bnqq\x0fq", "──q"},
		{"DECSC saves the sets", "\x1b(0\x1b7\x1b(B\x1b[5Gq\x1b8q", "─   q"},
		{"96-character set is ASCII", "\x1b-Aq", "q"},
		{"LF at the bottom of a region below the top", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\n", "1\n3\n4\n\n5"},
		{"IND and NEL in that region", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\x1bDx\x1bEy", "1\n4\nx\ny\n5"},
		{"RI at the top of that region", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[2;1H\x1bMz", "1\nz\n2\n3\n5"},
		{"SU and SD in that region", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[2S\x1b[T", "1\n\n4\n\n5"},
		{"autowrap at the bottom of that region", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1Habcdefghijklmnopqrstuvw", "1\nabcdefghij\nklmnopqrst\nuvw\n5"},
		{"IL in a region below the top", "1\r\n2\r\n3\r\n4\x1b[2;4r\x1b[3;3H\x1b[Lx", "1\n2\nx\n3"},
		{"CR in origin mode", "\x1b[?6h\x1b[3;5r\x1b[2;4Hab\rc", "\n\n\nc  ab"},
		{"ED 1 stops at the cursor", "abcd\x1b[1;2H\x1b[1J", "  cd"},
		{"NEL on the whole screen", "a\x1bEb", "a\nb"},
		{"insert mode", "ABCDEFGHIJ\x1b[1;2H\x1b[4h**é本\x1b[4lx", "A**é本xCDE"},
		{"insert mode at the end of the line", "ABCDEFGHIJ\x1b[1;9H\x1b[4h123\x1b[4l", "ABCDEFGH12\n3"},
		{"SCORC", "ab\x1b[s\x1b[3;1Hc\x1b[ud", "abd\n\nc"},
		// A control inside a sequence runs at once and the sequence goes on (x/ansi
		// keeps the control as the sequence's command: CSI 2 BS C became CSI 2 K).
		{"BS inside CSI", "abcdef\x1b[2\bCX", "abcdef X"},
		{"CR inside CSI", "ab\x1b[\r2CZ", "abZ"},
		{"BS inside a private mode", "\x1b[?7\bl0123456789XYZ", "012345678Z"},
		{"BS inside ESC with an intermediate", "\x1b(\b0q", "─"},
		{"BS inside CSI after an OSC ended by ESC", "ab\x1b]0;t\x1b[2\bCx", "ab x"},
		{"LF inside CSI at the bottom of a region", "1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\x1b[\n1Cx", "1\n3\n4\n x\n5"},
		{"two controls inside CSI", "abcd\x1b[\b\b1GZ", "Zbcd"},
	} {
		for cut := range len(c.in) + 1 {
			s := newSession(10, 5)
			s.output([]byte(c.in[:cut]))
			s.output([]byte(c.in[cut:]))
			got := s.plain()
			s.close()
			lines := strings.Split(got, "\n")
			for i := range lines {
				lines[i] = strings.TrimRight(lines[i], " ")
			}
			if got := strings.TrimRight(strings.Join(lines, "\n"), "\n"); got != c.want {
				t.Errorf("%s (cut at %d): screen\n%s\nwant\n%s", c.name, cut, got, c.want)
				break
			}
		}
	}
}

// TestRegionScrollKeepsHistoryClean: lines scrolled out of a region below the top row
// are lost, as in a terminal; they do not go to the scrollback.
func TestRegionScrollKeepsHistoryClean(t *testing.T) {
	s := newSession(10, 5)
	defer s.close()
	s.output([]byte("\x1b[2;4r\x1b[4;1H" + strings.Repeat("x\n", 20) + "\x1b[r"))
	if n := s.hist.Len(); n != 0 {
		t.Fatalf("the history holds %d rows after scrolls in a region", n)
	}
	s.output([]byte("1\r\n2\r\n3\x1b[H\x1b[2M\x1b[2;4r\x1b[2;1H\x1b[M"))
	if n := s.hist.Len(); n != 0 {
		t.Fatalf("the history holds %d rows after DL", n)
	}
}
