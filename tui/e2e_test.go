package tui

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
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
		time.Sleep(50 * time.Millisecond) // one key per read, as a student types
	}
}

func (s *tmuxSession) screen() string {
	out, _ := s.tmux("capture-pane", "-p", "-t", "kt")
	return out
}

// waitFor polls the screen until ok accepts it; it fails the test with the last screen
// after a generous delay (this is not a speed assertion).
func (s *tmuxSession) waitFor(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		scr := s.screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s; the screen shows:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var matchStatus = regexp.MustCompile(`«\x{a0}etcd\x{a0}» (\d+)/(\d+)`)

func lastLine(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestE2EReader runs the built binary in tmux as a student would: open the chapter from
// the home screen, jump to « 2.2 etcd », search « Raft », go to the next match, quit; then
// reopen it and find the same place.
func TestE2EReader(t *testing.T) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		t.Skip("KUBETUTOR_BIN is not set (make test builds the binary and sets it)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("KUBETUTOR_BIN %s: %v", bin, err)
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make tools installs it)")
	}
	home := t.TempDir()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("kubetutor-e2e-%d", os.Getpid())}
	t.Cleanup(func() { _, _ = s.tmux("kill-server") })
	start := func(args string) {
		cmd := fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q %s", home, bin, args)
		if out, err := s.tmux("new-session", "-d", "-s", "kt", "-x", "100", "-y", "30", cmd); err != nil {
			t.Fatalf("tmux new-session: %v %s", err, out)
		}
	}

	start("")
	s.waitFor("the home screen", func(scr string) bool {
		return strings.Contains(scr, "▸ 00. Architecture de Kubernetes") && strings.Contains(scr, "0/22 sections lues")
	})
	s.send("Enter")
	s.waitFor("the chapter", func(scr string) bool {
		return strings.Contains(scr, "Sommaire") && strings.Contains(scr, "Objectifs pédagogiques") &&
			strings.Contains(scr, "À l’issue de ce chapitre")
	})

	s.send(":", "2.2", "Enter")
	scr := s.waitFor("section 2.2 at the top", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		return len(lines) > 2 && strings.Contains(lines[1], "2.2 etcd") && strings.Contains(lastLine(scr), "2.2 etcd")
	})
	if !strings.Contains(scr, "▸   2.2 etcd") {
		t.Errorf("the table of contents does not mark 2.2 etcd as current:\n%s", scr)
	}

	s.send("/", "Raft", "Enter")
	s.waitFor("the Raft match", func(scr string) bool {
		return strings.Contains(lastLine(scr), "«\u00a0Raft\u00a0» 1/1") && strings.Contains(scr, "(algorithme Raft)")
	})
	s.send("n")
	s.waitFor("the next Raft match (the only one, wrapped)", func(scr string) bool {
		return strings.Contains(lastLine(scr), "«\u00a0Raft\u00a0» 1/1") && strings.Contains(scr, "(algorithme Raft)")
	})
	s.send("/", "etcd", "Enter")
	var at, count int
	s.waitFor("the etcd matches", func(scr string) bool {
		m := matchStatus.FindStringSubmatch(lastLine(scr))
		if m == nil {
			return false
		}
		at, _ = strconv.Atoi(m[1])
		count, _ = strconv.Atoi(m[2])
		return count > 1
	})
	s.send("n")
	want := fmt.Sprintf("«\u00a0etcd\u00a0» %d/%d", at%count+1, count)
	s.waitFor("the next etcd match, "+want, func(scr string) bool {
		return strings.Contains(lastLine(scr), want)
	})

	s.send("Escape", ":", "2.2", "Enter", "q")
	s.waitFor("the end of the process", func(string) bool {
		_, err := s.tmux("has-session", "-t", "kt")
		return err != nil
	})
	data, err := os.ReadFile(filepath.Join(home, "state", "progress.json"))
	if err != nil || !strings.Contains(string(data), `"section": "00-02-02-etcd"`) {
		t.Fatalf("progress after quitting: %v\n%s", err, data)
	}

	start("read 00")
	s.waitFor("the reader back at 2.2 etcd", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		return len(lines) > 2 && strings.Contains(lines[1], "2.2 etcd")
	})
	s.send("q")
}
