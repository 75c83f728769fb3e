package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
)

// paneCommand is the name of the program the pane runs now.
func paneCommand(t *testing.T, s *tmuxtest.Session) string {
	t.Helper()
	out, err := s.Tmux("display-message", "-p", "-t", "kt", "#{pane_current_command}")
	if err != nil {
		t.Fatalf("tmux display-message: %v %s", err, out)
	}
	return strings.TrimSpace(out)
}

// TestE2EHandOverFromHomeToLab: the light kubetutor's home screen opens a lab, and the
// lab screen of the full binary shows in the same pane (the light one ended cleanly and
// exec'd kubetutor-lab --open lab:…); q quits from there as it always did.
func TestE2EHandOverFromHomeToLab(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	s := tmuxtest.Start(t, 100, 30, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=en %q --lang fr", home, home, bin))
	s.WaitFor("the light home screen", func(scr string) bool { return strings.Contains(scr, "▸ 00. Architecture de Kubernetes") })
	if c := paneCommand(t, s); c != "kubetutor" {
		t.Fatalf("the pane runs %q, want the light kubetutor", c)
	}
	for range 8 {
		s.Send("Down")
	}
	s.WaitText("▸ Les nœuds du cluster")
	s.Send("Enter")
	s.WaitFor("the full binary's lab screen, in French (--lang went along)", func(scr string) bool {
		return strings.Contains(scr, "TP · Les nœuds du cluster") && strings.Contains(scr, "[kubetutor]")
	})
	if c := paneCommand(t, s); c != "kubetutor-lab" {
		t.Errorf("the pane runs %q after the hand-over, want kubetutor-lab", c)
	}
	// The lab shell does not inherit the hand-over's mark (kubetutor typed there hands
	// over again as usual).
	s.Send("echo mark-[$KUBETUTOR_HANDED_OVER]-$((6*7))", "Enter")
	s.WaitText("mark-[]-42")
	s.Send("C-o", "q") // q on the lab screen quits, as in one binary (TestE2EHomeScrollsAt80x24)
	s.WaitExit()
	log, _ := os.ReadFile(filepath.Join(home, "state", "kubetutor.log"))
	if !strings.Contains(string(log), "TUI hand over") || !strings.Contains(string(log), "lab:nodes-ready") {
		t.Errorf("the log does not record the hand-over:\n%s", log)
	}
}

// TestE2EHandOverOfTheMap: m on the light home screen opens the full binary's map.
func TestE2EHandOverOfTheMap(t *testing.T) {
	bin := tmuxtest.Binary(t)
	home := t.TempDir()
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q", home, home, bin))
	s.WaitText("▸ 00. Architecture de Kubernetes")
	s.Send("m")
	s.WaitText("Architecture du chapitre · sans cluster")
	if c := paneCommand(t, s); c != "kubetutor-lab" {
		t.Errorf("the pane runs %q, want kubetutor-lab", c)
	}
	s.Send("q")
	s.WaitExit()
}

// TestE2EHandOverOfTheMapFromTheReader: m in the light reader's section 2.2 opens the
// full binary's map over the same chapter and section, and esc returns to the reader
// there, as in one program.
func TestE2EHandOverOfTheMapFromTheReader(t *testing.T) {
	bin := tmuxtest.Binary(t)
	home := t.TempDir()
	s := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q read 00 --section 2.2", home, home, bin))
	s.WaitFor("the reader on 2.2", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		return len(lines) > 2 && strings.Contains(lines[1], "2.2 etcd") && strings.Contains(lastLine(scr), "2.2 etcd")
	})
	// m counts once the chapter is rendered (its sections known): press it until the
	// map shows, as a student would.
	s.WaitFor("the map", func(scr string) bool {
		if strings.Contains(scr, "Architecture du chapitre · sans cluster") {
			return true
		}
		if paneCommand(t, s) == "kubetutor" {
			s.Send("m")
		}
		return false
	})
	if c := paneCommand(t, s); c != "kubetutor-lab" {
		t.Errorf("the pane runs %q, want kubetutor-lab", c)
	}
	s.Send("Escape")
	s.WaitFor("the reader again, on 2.2", func(scr string) bool {
		return strings.Contains(lastLine(scr), "2.2 etcd") && !strings.Contains(scr, "Architecture du chapitre · sans cluster")
	})
	s.Send("q")
	s.WaitExit()
}
