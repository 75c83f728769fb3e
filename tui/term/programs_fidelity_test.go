package term

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// vttestScreens walks one vttest menu entry (choice, then Enter) screen by screen until
// the menu shows again, comparing each screen; it returns whether each matched.
func vttestScreens(t *testing.T, choice string, keys ...string) []bool {
	tw := startTwin(t, 80, 24, "vttest", "vttest")
	tw.settle("Enter choice number")
	tw.send(append([]string{choice, "Enter"}, keys...)...)
	var matched []bool
	for range 30 {
		plain, pane := tw.settle("")
		if strings.Contains(plain.text(), "Enter choice number") && len(matched) > 0 {
			break
		}
		d := diff(plain, pane, 6)
		matched = append(matched, len(d) == 0)
		if len(d) > 0 {
			t.Logf("screen %d differs:\n%s\ntmux:\n%s\npane:\n%s", len(matched), strings.Join(d, "\n"), plain.text(), pane.text())
		}
		tw.send("Enter")
	}
	return matched
}

func count(m []bool) int {
	n := 0
	for _, ok := range m {
		if ok {
			n++
		}
	}
	return n
}

// TestVttest runs vttest's cursor movement, screen features and insert/delete tests in
// the pane and in tmux; every screen must match but the ones listed (known differences,
// in the report).
func TestVttest(t *testing.T) {
	for _, c := range []struct {
		name, choice string
		differ       []int // screens (from 1) known to differ
	}{
		// Known differences, where the pane draws what vttest asks for and tmux does not:
		// cursor movement 2 (the 132-column pass, both at 80: the right border of +'s)
		// and 3, 4 (autowrap mixed with controls: « the left/right margins should have
		// letters in order », they do in the pane): tmux keeps the cursor past the last
		// column while a wrap is pending, so a BS or CUB there lands one column to the
		// right of a VT100's.
		// screen features 11: origin mode, the line vttest says goes at the bottom of
		// the screen is there in the pane, on row 2 in tmux.
		// (Cursor movement 5, a control inside a sequence, ESC [ 2 BS C, matches since
		// the feeder runs such controls itself.)
		{"cursor movement", "1", []int{2, 3, 4}},
		{"screen features", "2", []int{11}},
		{"insert/delete", "8", nil},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			m := vttestScreens(t, c.choice)
			t.Logf("vttest %s: %d of %d screens match tmux", c.name, count(m), len(m))
			for i, ok := range m {
				known := false
				for _, k := range c.differ {
					known = known || k == i+1
				}
				if !ok && !known {
					t.Errorf("screen %d differs from tmux", i+1)
				}
			}
		})
	}
}

// TestVttestCharacterSets compares vttest's VT100 character sets screen (G0 and G1, SI
// and SO, the US, UK, DEC special graphics and alternate ROM sets). vttest takes the pane
// for a VT220 (x/vt's device attributes) and shows it a menu first, where tmux, a
// VT100, gets the screen at once. The differences left are where the pane follows the
// VT100 and tmux does not: tmux has no UK set (# stays #), draws its own arrows and
// block for + , - . 0 of the special graphics, and takes the alternate ROM graphics (2)
// for ASCII.
func TestVttestCharacterSets(t *testing.T) {
	tw := startTwin(t, 80, 24, "vttest", "vttest")
	tw.settle("Enter choice number")
	tw.send("3", "Enter")
	tw.settle("")
	if _, err := tw.pane.Tmux("send-keys", "-t", "kt", "8", "Enter"); err != nil {
		t.Fatal(err)
	}
	plain, pane := tw.settle("These are the installed character sets")
	var unexpected []string
	for _, d := range diff(plain, pane, 400) {
		if !strings.Contains(d, `tmux "#"`) && !strings.Contains(d, `pane "£"`) && !isTmuxExtra(d) && !strings.HasPrefix(d, "row 21 ") {
			unexpected = append(unexpected, d)
		}
	}
	if len(unexpected) > 0 {
		t.Errorf("the pane differs from tmux beyond the known differences:\n%s\ntmux:\n%s\npane:\n%s", strings.Join(unexpected, "\n"), plain.text(), pane.text())
	}
	if got := pane.text(); !strings.Contains(got, "◆▒␉␌␍␊°±␤␋┘┐┌└┼⎺⎻─⎼⎽├┤┴┬│≤≥π≠£·") {
		t.Errorf("the pane does not draw the special graphics:\n%s", got)
	}
}

// isTmuxExtra reports a difference on the characters tmux draws as its own (not DEC)
// line-drawing set: + , - . 0.
func isTmuxExtra(d string) bool {
	for _, c := range []string{"→", "←", "↑", "↓", "▮"} {
		if strings.Contains(d, `tmux "`+c+`"`) {
			return true
		}
	}
	return false
}

// TestUnicodeAndColours: a wide Unicode line (French, CJK, emoji, combining marks) and
// the 256 colours and a truecolour ramp, as tmux draws them.
func TestUnicodeAndColours(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("« nœud » 日本語の節点 👍🏽 e\u0301te\u0301 ok\r\n")
	for i := range 256 {
		fmt.Fprintf(&b, "\x1b[48;5;%dm%3d", i, i)
		if i%16 == 15 {
			b.WriteString("\x1b[0m\r\n")
		}
	}
	for i := range 64 {
		fmt.Fprintf(&b, "\x1b[38;2;%d;%d;%dm█", i*4, 255-i*4, 128)
	}
	b.WriteString("\x1b[0m\r\n\x1b[1mbold\x1b[0m \x1b[3mitalic\x1b[0m \x1b[4munder\x1b[0m \x1b[7mreverse\x1b[0m\r\nend")
	f := filepath.Join(dir, "out")
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tw := startTwin(t, 80, 24, "until [ \"$(stty size)\" = '24 80' ]; do sleep 0.05; done; stty -opost; cat "+f+"; sleep 600")
	plain, pane := tw.settle("end")
	tw.same("unicode and colours", plain, pane)
}

// TestVimYAML: vim with syntax colours on a YAML file, moving and quitting (the shell's
// screen comes back).
func TestVimYAML(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "pod.yaml")
	yaml := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: nœud # a comment\n  labels:\n    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n    ports:\n    - containerPort: 80\n"
	if err := os.WriteFile(f, []byte(strings.Repeat(yaml, 4)), 0o644); err != nil {
		t.Fatal(err)
	}
	tw := startTwin(t, 80, 24, "echo before; vim -Nu NONE -i NONE -n --cmd 'set t_RB= t_RF= bg=dark' -c 'syntax on' "+f+"; echo after; sleep 600", "vim")
	plain, pane := tw.settle("containerPort")
	tw.same("vim opened", plain, pane)
	tw.send("G", "k", "d", "d")
	plain, pane = tw.settle("")
	tw.same("vim after G k dd", plain, pane)
	tw.send(":q!", "Enter")
	plain, pane = tw.settle("after")
	tw.same("after vim quit", plain, pane)
}

// TestLess: less on a long file: a search, a page down, and quitting restores the
// screen.
func TestLess(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "long.txt")
	var b strings.Builder
	for i := range 500 {
		fmt.Fprintf(&b, "line %d of a long file\n", i)
	}
	if err := os.WriteFile(f, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tw := startTwin(t, 80, 24, "echo before; less "+f+"; echo after; sleep 600", "less")
	plain, pane := tw.settle("line 0 of")
	tw.same("less opened", plain, pane)
	tw.send("/line 250", "Enter")
	plain, pane = tw.settle("line 250")
	tw.same("less search", plain, pane)
	tw.send("Space")
	plain, pane = tw.settle("")
	tw.same("less page down", plain, pane)
	tw.send("q")
	plain, pane = tw.settle("after")
	tw.same("after less quit", plain, pane)
}

// record runs argv in a pty of w×h (TERM as in the pane) for a while, then types quit,
// and returns all it printed: the same bytes are then shown in tmux and in the pane
// (programs whose screens change by the second compare that way).
func record(t *testing.T, w, h int, wait time.Duration, quit string, argv ...string) string {
	t.Helper()
	if _, err := exec.LookPath(argv[0]); err != nil {
		t.Skipf("%s is not installed (make test-fidelity installs it)", argv[0])
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8", "LC_ALL=C.UTF-8")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(f)
		out <- b
	}()
	time.Sleep(wait)
	if quit != "" {
		_, _ = f.WriteString(quit)
	} else {
		_ = cmd.Process.Signal(syscall.SIGINT)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
	_ = f.Close()
	b := <-out
	// Up to the program's last frame before it quit: the screen it left on the alternate
	// screen, not the shell's after it.
	s := string(b)
	if i := strings.LastIndex(s, "\x1b[?1049l"); i > 0 {
		s = s[:i]
	}
	p := filepath.Join(t.TempDir(), argv[0]+".out")
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestRecordedPrograms: htop, top and watch, recorded once, shown in tmux and in the
// pane.
func TestRecordedPrograms(t *testing.T) {
	for _, c := range []struct {
		name, quit string
		shows      string // text the program's screen has
		argv       []string
	}{
		{"htop", "q", "PID", []string{"htop"}},
		{"top", "q", "PID", []string{"top", "-d", "1"}},
		{"watch", "", "Every 1", []string{"watch", "-n1", "date"}},
		// A box drawn with SO/SI, as ncurses draws one for TERM=vt100 or screen.
		{"tput smacs", "", "box", []string{"sh", "-c", "export TERM=vt100; tput enacs; tput clear; printf 'box\\n'; " +
			"tput smacs; printf 'lqqqk\\nx   x\\nmqqqj\\n'; tput rmacs; printf 'after\\n'; sleep 3"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out := record(t, 100, 30, 2500*time.Millisecond, c.quit, c.argv...)
			// The pane starts its process before it gets the window's size: cat waits
			// for it (a program would redraw on SIGWINCH, cat does not).
			tw := startTwin(t, 100, 30, "until [ \"$(stty size)\" = '30 100' ]; do sleep 0.05; done; "+
				"stty -opost; cat "+out+"; printf '\\033[?25l'; sleep 600")
			plain, pane := tw.settle(c.shows)
			tw.same(c.name, plain, pane)
		})
	}
}
