package lab

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/tmuxtest"
)

// TestE2EFullScreenShellComesBack (Bubble Tea #1778) runs the built binary in tmux:
// from the lab screen, p gives the whole terminal to a shell; after exit the lab
// screen is drawn again and what is typed in the pane echoes, three times in a row.
// Each time the screen has been idle for a second first, so the frame ticker is held
// (ticker.Gate) when the key comes: the echo proves the hold lets it go.
func TestE2EFullScreenShellComesBack(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open nodes-ready", home, home, bin))
	labScreen := func(scr string) bool {
		return strings.Contains(scr, "kubetutor cluster up") && strings.Contains(scr, "[kubetutor]")
	}
	s.WaitFor("the lab screen and its shell", labScreen)
	for i := 1; i <= 3; i++ {
		s.Send("C-o") // the instructions have the keys
		time.Sleep(time.Second)
		s.Send("p")
		full := fmt.Sprintf("plein-%d", i)
		s.WaitFor("the full-screen shell", func(scr string) bool { return !labScreen(scr) && strings.Contains(scr, "[kubetutor]") })
		s.Send("echo "+full+"-$((6*7))", "Enter")
		s.WaitText(full + "-42")
		s.Send("exit", "Enter")
		s.WaitFor(fmt.Sprintf("the lab screen after full-screen shell %d", i), labScreen)
		s.Send("C-o") // back to the shell
		time.Sleep(time.Second)
		typed := fmt.Sprintf("echo retour-%d-$((6*7))", i)
		s.Send(typed)
		s.WaitFor(fmt.Sprintf("the echo of what was typed after full-screen shell %d", i), func(scr string) bool {
			return strings.Contains(scr, typed)
		})
		s.Send("Enter")
		s.WaitText(fmt.Sprintf("retour-%d-42", i))
	}
	s.Send("C-o", "q")
	s.WaitExit()
}
