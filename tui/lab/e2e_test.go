package lab

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/labs/shell"
)

// tmuxSession runs the built kubetutor in a detached tmux session on a private server.
type tmuxSession struct {
	t      *testing.T
	socket string
}

func (s *tmuxSession) tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

func (s *tmuxSession) send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.tmux("send-keys", "-t", "kt", k); err != nil {
			s.t.Fatalf("send-keys %q: %v %s", k, err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (s *tmuxSession) waitFor(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		scr, _ := s.tmux("capture-pane", "-p", "-t", "kt")
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s; the screen shows:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestE2ELabShell opens a lab with no tutor cluster in the built binary, checks the
// screen says how to create it, types a command in the embedded shell, sees its output
// in the pane and finds it in the history record; ctrl+c goes to the shell, not to
// kubetutor.
func TestE2ELabShell(t *testing.T) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		t.Skip("KUBETUTOR_BIN is not set (make test builds the binary and sets it)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("KUBETUTOR_BIN %s: %v", bin, err)
	}
	for _, tool := range []string{"tmux", "bash"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	home := t.TempDir()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("kubetutor-lab-e2e-%d", os.Getpid())}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	cmd := fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open nodes-ready", home, home, bin)
	if out, err := s.tmux("new-session", "-d", "-s", "kt", "-x", "120", "-y", "40", cmd); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	s.waitFor("the lab screen and its shell", func(scr string) bool {
		return strings.Contains(scr, "kubetutor cluster up") && strings.Contains(scr, "[kubetutor]")
	})
	s.send("echo", "Space", "e2e-$((6*7))", "Enter")
	s.waitFor("the command's output in the pane", func(scr string) bool { return strings.Contains(scr, "\ne2e-42") || strings.Contains(scr, "│e2e-42") })
	s.send("sleep 30", "Enter", "C-c")
	s.waitFor("the shell's prompt after ctrl+c", func(scr string) bool { return strings.Count(scr, "[kubetutor]") >= 3 })

	recs, err := shell.Read(shell.HistoryFile(filepath.Join(home, "state", "shell")), time.Time{})
	if err != nil || len(recs) == 0 || recs[0].Line != "echo e2e-$((6*7))" {
		t.Fatalf("history record: %v %+v", err, recs)
	}
	s.send("C-o", "q")
	s.waitFor("the end of the process", func(string) bool {
		_, err := s.tmux("has-session", "-t", "kt")
		return err != nil
	})
}
