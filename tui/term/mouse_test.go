package term

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
)

func TestEncodeMouse(t *testing.T) {
	sgr1000 := mouseModes{normal: true, enc: 1006}
	sgr1002 := mouseModes{button: true, enc: 1006}
	sgr1003 := mouseModes{any: true, enc: 1006}
	x1000 := mouseModes{normal: true}
	x10 := mouseModes{x10: true}
	urxvt := mouseModes{normal: true, enc: 1015}
	utf8m := mouseModes{normal: true, enc: 1005}
	left := func(k mouseKind, x, y int) mouseEvent {
		return mouseEvent{kind: k, button: tea.MouseLeft, x: x, y: y}
	}
	cases := []struct {
		name string
		mm   mouseModes
		ev   mouseEvent
		want string
	}{
		{"no mode: nothing", mouseModes{enc: 1006}, left(mousePress, 1, 1), ""},
		{"sgr press", sgr1000, left(mousePress, 4, 2), "\x1b[<0;5;3M"},
		{"sgr release keeps its button", sgr1000, mouseEvent{kind: mouseRelease, button: tea.MouseRight, x: 4, y: 2}, "\x1b[<2;5;3m"},
		{"sgr ctrl+middle", sgr1000, mouseEvent{kind: mousePress, button: tea.MouseMiddle, mod: tea.ModCtrl, x: 0, y: 0}, "\x1b[<17;1;1M"},
		{"sgr wheel up", sgr1000, mouseEvent{kind: mouseWheel, button: tea.MouseWheelUp, x: 9, y: 9}, "\x1b[<64;10;10M"},
		{"sgr wheel down", sgr1000, mouseEvent{kind: mouseWheel, button: tea.MouseWheelDown, x: 9, y: 9}, "\x1b[<65;10;10M"},
		{"1000: no motion", sgr1000, left(mouseMotion, 3, 3), ""},
		{"1002: drag", sgr1002, left(mouseMotion, 3, 3), "\x1b[<32;4;4M"},
		{"1002: no motion without a button", sgr1002, mouseEvent{kind: mouseMotion, x: 3, y: 3}, ""},
		{"1003: motion without a button", sgr1003, mouseEvent{kind: mouseMotion, x: 3, y: 3}, "\x1b[<35;4;4M"},
		{"x10 encoding press", x1000, left(mousePress, 4, 2), "\x1b[M\x20\x25\x23"},
		{"x10 encoding release is button 3", x1000, left(mouseRelease, 4, 2), "\x1b[M\x23\x25\x23"},
		{"x10 encoding: raw bytes past column 94", x1000, left(mousePress, 150, 0), "\x1b[M\x20" + string([]byte{150 + 33}) + "\x21"},
		{"x10 encoding: nothing past column 222", x1000, left(mousePress, 230, 0), ""},
		{"mode 9: presses only", x10, left(mouseRelease, 1, 1), ""},
		{"mode 9: no modifiers", x10, mouseEvent{kind: mousePress, button: tea.MouseLeft, mod: tea.ModShift, x: 0, y: 0}, "\x1b[M\x20\x21\x21"},
		{"the strongest mode wins", mouseModes{normal: true, any: true, enc: 1006}, mouseEvent{kind: mouseMotion, x: 0, y: 0}, "\x1b[<35;1;1M"},
		{"urxvt press", urxvt, left(mousePress, 4, 2), "\x1b[32;5;3M"},
		{"urxvt release is button 3", urxvt, mouseEvent{kind: mouseRelease, button: tea.MouseRight, x: 4, y: 2}, "\x1b[35;5;3M"},
		{"urxvt past column 223", urxvt, mouseEvent{kind: mousePress, button: tea.MouseMiddle, mod: tea.ModCtrl, x: 299, y: 0}, "\x1b[49;300;1M"},
		{"urxvt wheel", urxvt, mouseEvent{kind: mouseWheel, button: tea.MouseWheelUp, x: 0, y: 0}, "\x1b[96;1;1M"},
		{"utf-8 below column 95: the X10 bytes", utf8m, left(mousePress, 4, 2), "\x1b[M\x20\x25\x23"},
		{"utf-8 past column 95: two bytes", utf8m, left(mousePress, 150, 0), "\x1b[M\x20\u00b7\x21"},
		{"utf-8 up to 2015", utf8m, left(mouseRelease, 2014, 1), "\x1b[M\x23\u07ff\x22"},
		{"utf-8 nothing past 2015", utf8m, left(mousePress, 2015, 1), ""},
	}
	for _, c := range cases {
		if got := encodeMouse(c.mm, c.ev); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

// TestMouseModesFollowTheProcess: the pane knows the modes from the output, a reset
// included.
func TestMouseModesFollowTheProcess(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.state = running // as if a process printed what Write feeds
	if m.WantsMouse() {
		t.Fatal("a fresh pane wants the mouse")
	}
	m.Write([]byte("\x1b[?1002h\x1b[?1006h"))
	if mm := m.sess.mouseState(); mm.tracking() != 1002 || mm.enc != 1006 || !m.WantsMouse() {
		t.Fatalf("after DECSET 1002 and 1006: %+v", mm)
	}
	// The encodings exclude each other: the last one set wins, a reset ends only the
	// one in force.
	for _, c := range []struct {
		seq  string
		want int
	}{{"\x1b[?1015h", 1015}, {"\x1b[?1006l", 1015}, {"\x1b[?1005h", 1005}, {"\x1b[?1005l", 0}, {"\x1b[?1006h\x1b[?1015h\x1b[?1015l", 0}} {
		m.Write([]byte(c.seq))
		if got := m.sess.mouseState().enc; got != c.want {
			t.Fatalf("after %q: encoding %d, want %d", c.seq, got, c.want)
		}
	}
	if m.MouseMode() != tea.MouseModeCellMotion {
		t.Error("1002 needs only the motion while a button is held")
	}
	m.Write([]byte("\x1b[?1003h"))
	if m.MouseMode() != tea.MouseModeAllMotion {
		t.Error("1003 needs every motion from the terminal around")
	}
	m.Write([]byte("\x1b[?1003l\x1b[?1002l"))
	if m.WantsMouse() {
		t.Fatalf("after DECRST: %+v", m.sess.mouseState())
	}
	m.Write([]byte("\x1b[?1000h\x1bc"))
	if mm := m.sess.mouseState(); mm != (mouseModes{}) {
		t.Fatalf("after RIS: %+v", mm)
	}
}

// hexPane runs a program that asks for the mouse in modes (DECSET parameters) and
// prints, in hex, the first n bytes it reads.
func hexPane(t *testing.T, modes string, n int, wantMouse bool) Model {
	t.Helper()
	for _, tool := range []string{"sh", "stty", "od", "head", "tr", "sleep"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	script := fmt.Sprintf(`stty raw -echo; printf '\033[?%sh'; echo ready; head -c %d | od -An -tx1 | tr -s ' \n' '  '; echo; echo done; sleep 30`, modes, n)
	m := New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) { return exec.Command("sh", "-c", script), nil }})
	m.SetSize(120, 10)
	m.Focus()
	m, _ = m.Update(run(m.Start()))
	if !m.Running() {
		t.Fatalf("the program did not start: %v", m.err)
	}
	t.Cleanup(m.Close)
	waitFor(t, "the program's modes", func() bool { return strings.Contains(m.Text(), "ready") && m.WantsMouse() == wantMouse })
	return m
}

// dumped waits for the program of hexPane to print what it read and returns it.
func dumped(t *testing.T, m Model) string {
	t.Helper()
	waitFor(t, "the program's dump", func() bool { return strings.Contains(m.Text(), "done") })
	text := m.Text()
	text = text[strings.Index(text, "ready")+len("ready") : strings.Index(text, "done")]
	return strings.Join(strings.Fields(text), " ")
}

// TestMouseReachesTheProcess: a click and a wheel turn over a pane whose program asked
// for SGR reports reach it, at the pane's cells, in its encoding.
func TestMouseReachesTheProcess(t *testing.T) {
	m := hexPane(t, "1000;1006", 30, true)
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 4, 2)
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 4, 2)
	m, _ = m.Mouse(tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 130, 3) // brought back to the last column
	want := hexOf("\x1b[<0;5;3M" + "\x1b[<0;5;3m" + "\x1b[<65;120;4M")
	if got := dumped(t, m); got != want {
		t.Fatalf("the process read\n%s\nwant\n%s", got, want)
	}
	if m.HasSelection() {
		t.Error("a click given to the process selected text")
	}
}

// TestMouseX10ReachesTheProcess: without 1006 the reports are X10 bytes.
func TestMouseX10ReachesTheProcess(t *testing.T) {
	m := hexPane(t, "1000", 12, true)
	m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 7, 1)
	m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 7, 1)
	if got, want := dumped(t, m), hexOf("\x1b[M\x20\x28\x22\x1b[M\x23\x28\x22"); got != want {
		t.Fatalf("the process read %s, want %s", got, want)
	}
}

// TestMouseEncodingsReachTheProcess: urxvt (1015) and UTF-8 (1005) reports, past
// column 95, as the process reads them from the pty.
func TestMouseEncodingsReachTheProcess(t *testing.T) {
	for _, c := range []struct{ modes, want string }{
		{"1000;1015", "\x1b[32;100;3M\x1b[35;100;3M"},
		{"1000;1005", "\x1b[M\x20\u0084\x23\x1b[M\x23\u0084\x23"},
	} {
		m := hexPane(t, c.modes, len(c.want), true)
		m, _ = m.Mouse(tea.MouseClickMsg{Button: tea.MouseLeft}, 99, 2)
		m, _ = m.Mouse(tea.MouseReleaseMsg{Button: tea.MouseLeft}, 99, 2)
		if got, want := dumped(t, m), hexOf(c.want); got != want {
			t.Errorf("modes %s: the process read %s, want %s", c.modes, got, want)
		}
		m.Close()
	}
}

func hexOf(s string) string {
	var parts []string
	for _, b := range []byte(s) {
		parts = append(parts, fmt.Sprintf("%02x", b))
	}
	return strings.Join(parts, " ")
}

// TestWheelWithoutMouseMode: the wheel scrolls the scrollback; on the alternate screen
// it sends the cursor keys (a pager scrolls).
func TestWheelWithoutMouseMode(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(20, 5)
	for i := range 30 {
		m.Write(fmt.Appendf(nil, "line %d\r\n", i))
	}
	m, _ = m.Mouse(tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 1, 1)
	if m.offset != 3 {
		t.Fatalf("the wheel scrolled %d lines back, want 3", m.offset)
	}
	m, _ = m.Mouse(tea.MouseWheelMsg{Button: tea.MouseWheelDown}, 1, 1)
	if m.offset != 0 {
		t.Fatalf("the wheel down left the view %d lines back", m.offset)
	}
}

// TestWheelOnTheAltScreenSendsArrows: less without --mouse scrolls with the wheel.
func TestWheelOnTheAltScreenSendsArrows(t *testing.T) {
	m := hexPane(t, "1049", 9, false) // the alternate screen, no mouse mode
	m, _ = m.Mouse(tea.MouseWheelMsg{Button: tea.MouseWheelUp}, 1, 1)
	if got, want := dumped(t, m), hexOf("\x1b[A\x1b[A\x1b[A"); got != want {
		t.Fatalf("the process read %s, want %s", got, want)
	}
	if m.offset != 0 {
		t.Error("the wheel scrolled the alternate screen's view")
	}
}

// TestKeysReachThePtyWithoutAFrame: a key is written to the pty by Update itself: no
// frame is drawn (no command of the pane runs) and the program has read it.
func TestKeysReachThePtyWithoutAFrame(t *testing.T) {
	m := hexPane(t, "25", 3, false)
	for _, r := range "k8s" {
		var cmd tea.Cmd
		if m, cmd = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)}); cmd != nil {
			t.Fatalf("the key %q returned a command: it should need none", r)
		}
	}
	if got, want := dumped(t, m), hexOf("k8s"); got != want {
		t.Fatalf("the program read %s, want %s", got, want)
	}
}
