package lab

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"kubetutor/internal/tmuxtest"
)

// The mouse in the lab's shell, in the built binary inside tmux: tmux (mouse mode as
// kubetutor asks) gets SGR mouse reports written into its pane (send-keys -H), as a
// terminal writes them when the student uses the mouse.

// mouseAt writes an SGR mouse report at cell (x, y) of the screen (0-based): kind is
// M for a press or a motion, m for a release; b is the button code (0 left, 32 a
// drag of the left button).
func mouseAt(t *testing.T, s *tmuxtest.Session, b, x, y int, kind byte) {
	t.Helper()
	seq := fmt.Sprintf("\x1b[<%d;%d;%d%c", b, x+1, y+1, kind)
	args := []string{"send-keys", "-t", "kt", "-H"}
	for _, c := range []byte(seq) {
		args = append(args, fmt.Sprintf("%02x", c))
	}
	if out, err := s.Tmux(args...); err != nil {
		t.Fatalf("send-keys -H: %v %s", err, out)
	}
}

// locate returns the screen cell where text starts on the first line that has it and
// not skip ("" skips nothing).
func locate(t *testing.T, screen, text, skip string) (x, y int) {
	t.Helper()
	for i, l := range strings.Split(screen, "\n") {
		if j := strings.Index(l, text); j >= 0 && (skip == "" || !strings.Contains(l, skip)) {
			return utf8.RuneCountInString(l[:j]), i // the lab screen has no wide character here
		}
	}
	t.Fatalf("%q is not on the screen:\n%s", text, screen)
	return 0, 0
}

func labSession(t *testing.T, tools ...string) (*tmuxtest.Session, string) {
	t.Helper()
	bin := tmuxtest.Binary(t, append([]string{"bash"}, tools...)...)
	home := t.TempDir()
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open nodes-ready", home, home, bin))
	s.WaitFor("the lab screen and its shell", func(scr string) bool { return strings.Contains(scr, "[kubetutor]") })
	return s, home
}

// TestE2EMouseSelectionCopies: a drag over text in the shell copies it with OSC 52 (tmux
// with set-clipboard on keeps it as a buffer), draws it reversed meanwhile, and the
// footer says « Sélection copiée ».
func TestE2EMouseSelectionCopies(t *testing.T) {
	s, _ := labSession(t)
	if out, err := s.Tmux("set", "-g", "set-clipboard", "on"); err != nil {
		t.Fatalf("set-clipboard: %v %s", err, out)
	}
	s.Send("echo bonjour-souris-$((6*7))", "Enter")
	scr := s.WaitText("bonjour-souris-42")
	x, y := locate(t, scr, "bonjour-souris-42", "echo")
	mouseAt(t, s, 0, x, y, 'M')
	mouseAt(t, s, 32, x+16, y, 'M')
	mouseAt(t, s, 0, x+16, y, 'm')
	s.WaitText("Sélection copiée dans le presse-papiers.")
	buf, err := s.Tmux("show-buffer")
	if err != nil || buf != "bonjour-souris-42" {
		t.Fatalf("tmux's buffer: %q (%v), want the selected text", buf, err)
	}
	styled, _ := s.Tmux("capture-pane", "-p", "-e", "-t", "kt")
	if !strings.Contains(styled, "\x1b[7m") {
		t.Errorf("the selection is not drawn reversed:\n%q", styled)
	}
	// A key typed in the shell drops the selection and the notice.
	s.Send("C-u")
	s.WaitFor("the help line back", func(scr string) bool { return !strings.Contains(scr, "Sélection copiée") })
}

// TestE2EMouseToVim: vim with the mouse on (SGR reports) gets the click at the cell
// clicked (its cursor goes there: r replaces that character), and a drag makes a
// visual selection of the cells dragged over. (The X10 encoding is proven with a
// program that dumps what it reads: TestMouseX10ReachesTheProcess in tui/term.)
func TestE2EMouseToVim(t *testing.T) {
	s, home := labSession(t, "vim")
	file := filepath.Join(home, "lignes.txt")
	var b strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "ligne-%02d abcdefgh\n", i)
	}
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Send(fmt.Sprintf("vim -n -u NONE -N -i NONE -c 'set mouse=a ttymouse=sgr' %s", file), "Enter")
	scr := s.WaitText("ligne-12 abcdefgh")
	x, y := locate(t, scr, "ligne-04", "")
	mouseAt(t, s, 0, x+12, y, 'M') // the d
	mouseAt(t, s, 0, x+12, y, 'm')
	s.Send("r", "Z")
	s.WaitText("ligne-04 abcZefgh")
	x, y = locate(t, s.Screen(), "ligne-06", "")
	mouseAt(t, s, 0, x+9, y, 'M')
	mouseAt(t, s, 32, x+11, y, 'M')
	mouseAt(t, s, 0, x+11, y, 'm')
	s.WaitText("-- VISUAL --")
	s.Send("r", "Q")
	s.WaitText("ligne-06 QQQdefgh")
	s.Send("Escape", ":q!", "Enter")
	s.WaitFor("the shell's prompt after vim", func(scr string) bool { return !strings.Contains(scr, "ligne-04") })
}

// TestE2EMouseWheelInLess: the wheel over less --mouse reaches it (it scrolls), and over
// plain less (the alternate screen, no mouse mode) it scrolls too, as arrow keys.
func TestE2EMouseWheelInLess(t *testing.T) {
	s, _ := labSession(t, "less", "seq")
	for _, flags := range []string{"--mouse", ""} {
		s.Send(fmt.Sprintf("seq -f 'rang-%%03g' 1 300 | less %s", flags), "Enter")
		scr := s.WaitText("rang-001")
		x, y := locate(t, scr, "rang-001", "seq")
		for range 2 {
			mouseAt(t, s, 65, x+2, y+3, 'M') // wheel down
		}
		s.WaitFor("less "+flags+" scrolled by the wheel", func(scr string) bool {
			return !strings.Contains(scr, "rang-001") && strings.Contains(scr, "rang-020")
		})
		s.Send("q")
		s.WaitFor("the prompt after less", func(scr string) bool { return !strings.Contains(scr, "rang-020") })
	}
}
