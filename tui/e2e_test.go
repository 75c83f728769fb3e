package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
)

var matchStatus = regexp.MustCompile(`«\x{a0}etcd\x{a0}» (\d+)/(\d+)`)

func lastLine(scr string) string {
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestE2EReader runs the built binary in tmux as a student would: open the chapter from
// the home screen, jump to « 2.2 etcd », search « Raft », go to the next match, quit; then
// reopen it and find the same place.
func TestE2EReader(t *testing.T) {
	bin := tmuxtest.Binary(t)
	home := t.TempDir()
	var s *tmuxtest.Session
	start := func(args string) {
		s = tmuxtest.Start(t, 100, 30, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q %s", home, bin, args))
	}

	start("")
	s.WaitFor("the home screen", func(scr string) bool {
		return strings.Contains(scr, "▸ 00. Architecture de Kubernetes") && strings.Contains(scr, "0/22 sections lues")
	})
	s.Send("Enter")
	s.WaitFor("the chapter", func(scr string) bool {
		return strings.Contains(scr, "Sommaire") && strings.Contains(scr, "Objectifs pédagogiques") &&
			strings.Contains(scr, "À l’issue de ce chapitre")
	})

	s.Send(":", "2.2", "Enter")
	scr := s.WaitFor("section 2.2 at the top", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		return len(lines) > 2 && strings.Contains(lines[1], "2.2 etcd") && strings.Contains(lastLine(scr), "2.2 etcd")
	})
	if !strings.Contains(scr, "▸   2.2 etcd") {
		t.Errorf("the table of contents does not mark 2.2 etcd as current:\n%s", scr)
	}

	s.Send("/", "Raft", "Enter")
	s.WaitFor("the Raft match", func(scr string) bool {
		return strings.Contains(lastLine(scr), "«\u00a0Raft\u00a0» 1/1") && strings.Contains(scr, "(algorithme Raft)")
	})
	s.Send("n")
	s.WaitFor("the next Raft match (the only one, wrapped)", func(scr string) bool {
		return strings.Contains(lastLine(scr), "«\u00a0Raft\u00a0» 1/1") && strings.Contains(scr, "(algorithme Raft)")
	})
	s.Send("/", "etcd", "Enter")
	var at, count int
	s.WaitFor("the etcd matches", func(scr string) bool {
		m := matchStatus.FindStringSubmatch(lastLine(scr))
		if m == nil {
			return false
		}
		at, _ = strconv.Atoi(m[1])
		count, _ = strconv.Atoi(m[2])
		return count > 1
	})
	s.Send("n")
	want := fmt.Sprintf("«\u00a0etcd\u00a0» %d/%d", at%count+1, count)
	s.WaitFor("the next etcd match, "+want, func(scr string) bool {
		return strings.Contains(lastLine(scr), want)
	})

	s.Send("Escape", ":", "2.2", "Enter", "q")
	s.WaitExit()
	data, err := os.ReadFile(filepath.Join(home, "state", "progress.json"))
	if err != nil || !strings.Contains(string(data), `"section": "00-02-02-etcd"`) {
		t.Fatalf("progress after quitting: %v\n%s", err, data)
	}

	start("read 00")
	s.WaitFor("the reader back at 2.2 etcd", func(scr string) bool {
		lines := strings.Split(scr, "\n")
		return len(lines) > 2 && strings.Contains(lines[1], "2.2 etcd")
	})
	s.Send("q")
}
