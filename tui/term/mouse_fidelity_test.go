package term

import (
	"fmt"
	"strconv"
	"testing"
	"unicode/utf8"
)

// xtermReport is what xterm sends for a press (or a release) of button b (0 left, 2
// right) at column x, row y (from 0) in encoding enc (0 X10 bytes, 1005, 1006, 1015):
// the test's own encoder, not the pane's.
func xtermReport(enc, b, x, y int, release bool) []byte {
	if release && enc != 1006 {
		b = 3
	}
	switch enc {
	case 1006:
		final := "M"
		if release {
			final = "m"
		}
		return []byte(fmt.Sprintf("\x1b[<%d;%d;%d%s", b, x+1, y+1, final))
	case 1015:
		return []byte(fmt.Sprintf("\x1b[%d;%d;%dM", b+32, x+1, y+1))
	case 1005:
		seq := []byte("\x1b[M")
		for _, v := range []int{b + 32, x + 33, y + 33} {
			seq = utf8.AppendRune(seq, rune(v))
		}
		return seq
	}
	return []byte{0x1b, '[', 'M', byte(b + 32), byte(x + 33), byte(y + 33)}
}

// sendBytes types raw bytes into a tmux pane (send-keys -H).
func (tw *twin) sendBytes(plain bool, b []byte) {
	args := []string{"send-keys", "-t", "kt", "-H"}
	for _, c := range b {
		args = append(args, strconv.FormatUint(uint64(c), 16))
	}
	s := tw.pane
	if plain {
		s = tw.plain
	}
	if out, err := s.Tmux(args...); err != nil {
		tw.t.Fatalf("send-keys -H: %v %s", err, out)
	}
}

// TestVttestMouse runs vttest's X10 compatibility and normal tracking tests (menu 11,
// 8, 5) in each coordinate encoding vttest knows but pixels (X10 bytes, UTF-8, SGR,
// urxvt), in the pane and in tmux. The plain pane gets the reports xterm would send
// for two clicks, one past column 95; the pane gets them from the terminal around
// (SGR, as Bubble Tea asks) and must report them to vttest as xterm would: vttest
// prints what it decoded, and the screens must match.
func TestVttestMouse(t *testing.T) {
	tw := startTwin(t, 120, 30, "vttest", "vttest")
	tw.settle("Enter choice number")
	tw.send("11", "Enter")
	tw.settle("XTERM special features")
	tw.send("8", "Enter")
	tw.settle("Mouse features")
	tw.send("5", "Enter")
	tw.settle("XTERM mouse features")
	clicks := [][2]int{{10, 5}, {100, 20}, {3, 27}}
	for _, enc := range []int{0, 1005, 1006, 1015} {
		for _, test := range []struct{ choice, name string }{{"3", "X10 compatibility"}, {"4", "normal tracking"}} {
			tw.send(test.choice, "Enter")
			tw.settle("Press 'q' to quit")
			for _, c := range clicks {
				for _, release := range []bool{false, true} {
					if !release || test.choice != "3" { // X10 compatibility reports presses only
						tw.sendBytes(true, xtermReport(enc, 0, c[0], c[1], release))
					}
					tw.sendBytes(false, xtermReport(1006, 0, c[0], c[1], release))
					tw.settle("")
				}
			}
			plain, pane := tw.settle("")
			for _, c := range clicks { // vttest marks each click with its button
				if r := plain.rows[c[1]]; len(r) <= c[0] || r[c[0]].text != "1" {
					t.Fatalf("encoding %d, %s: vttest in tmux did not mark the click at %v:\n%s", enc, test.name, c, plain.text())
				}
			}
			tw.same(fmt.Sprintf("encoding %d, %s", enc, test.name), plain, pane)
			tw.send("q")
			tw.settle("Push <RETURN>")
			tw.send("Enter")
			tw.settle("XTERM mouse features")
		}
		if enc != 1015 { // after urxvt come pixels
			tw.send("1", "Enter") // the next coordinate encoding
			tw.settle("XTERM mouse features")
		}
	}
}
