package lab

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/tmuxtest"
	"kubetutor/labs/shell"
)

// TestE2ELabShell opens a lab with no tutor cluster in the built binary, checks the
// screen says how to create it, types a command in the embedded shell, sees its output
// in the pane and finds it in the history record; ctrl+c goes to the shell, not to
// kubetutor.
func TestE2ELabShell(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open nodes-ready", home, home, bin))
	s.WaitFor("the lab screen and its shell", func(scr string) bool {
		return strings.Contains(scr, "kubetutor cluster up") && strings.Contains(scr, "[kubetutor]")
	})
	s.Send("echo", "Space", "e2e-$((6*7))", "Enter")
	s.WaitFor("the command's output in the pane", func(scr string) bool { return strings.Contains(scr, "\ne2e-42") || strings.Contains(scr, "│e2e-42") })
	s.Send("sleep 30", "Enter", "C-c")
	s.WaitFor("the shell's prompt after ctrl+c", func(scr string) bool { return strings.Count(scr, "[kubetutor]") >= 3 })

	recs, err := shell.Read(shell.HistoryFile(filepath.Join(home, "state", "shell")), time.Time{})
	if err != nil || len(recs) == 0 || recs[0].Line != "echo e2e-$((6*7))" {
		t.Fatalf("history record: %v %+v", err, recs)
	}
	s.Send("C-o", "q")
	s.WaitExit()
}
