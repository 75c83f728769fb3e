package bench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// tmuxServer is a private tmux server driven through one control-mode client: a
// command and its answer cost a write and a read on a pipe, not a process start, so
// polling the screen every millisecond stays cheap and the same for both panes.
type tmuxServer struct {
	tb     testing.TB
	socket string
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	mu     sync.Mutex
}

// startTmux starts a server of its own with a control client on a quiet session.
func startTmux(tb testing.TB) *tmuxServer {
	tb.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		tb.Skip("tmux is not installed")
	}
	s := &tmuxServer{tb: tb, socket: fmt.Sprintf("kubetutor-bench-%d-%d", os.Getpid(), time.Now().UnixNano())}
	if out, err := exec.Command("tmux", "-L", s.socket, "-f", "/dev/null", "new-session", "-d", "-s", "ctl",
		"-x", "120", "-y", "40", "sleep 100000").CombinedOutput(); err != nil {
		tb.Fatalf("tmux new-session: %v %s", err, out)
	}
	tb.Cleanup(func() { _ = exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	s.cmd = exec.Command("tmux", "-L", s.socket, "-C", "attach", "-t", "ctl")
	var err error
	if s.in, err = s.cmd.StdinPipe(); err != nil {
		tb.Fatal(err)
	}
	stdout, err := s.cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	s.out = bufio.NewReaderSize(stdout, 1<<20)
	if err := s.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = s.in.Close(); _ = s.cmd.Wait() })
	for _, c := range []string{"set -g status off", "set -g history-limit 2000"} {
		s.run(c)
	}
	return s
}

// run sends one command and returns its output lines; a tmux error fails the benchmark.
func (s *tmuxServer) run(command string) []string {
	s.tb.Helper()
	lines, err := s.try(command)
	if err != nil {
		s.tb.Fatalf("tmux %s: %v", command, err)
	}
	return lines
}

func (s *tmuxServer) try(command string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := io.WriteString(s.in, command+"\n"); err != nil {
		return nil, err
	}
	var lines []string
	in := false
	for {
		line, err := s.out.ReadString('\n')
		if err != nil {
			return nil, err
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		// A block answers this client's command when its flags are 1 (the block tmux
		// sends when the client attaches has 0).
		case !in && strings.HasPrefix(line, "%begin ") && strings.HasSuffix(line, " 1"):
			in = true
		case in && strings.HasPrefix(line, "%end "):
			return lines, nil
		case in && strings.HasPrefix(line, "%error "):
			return nil, fmt.Errorf("%s", strings.Join(lines, "\n"))
		case in:
			lines = append(lines, line)
		}
		// Lines outside a block are notifications (%output of the quiet session, …).
	}
}

// newWindow starts command in a new detached session of 120x40 cells and returns its
// target and the pid of the pane's process. It is created by a command of its own, not
// by the control client (tmux 3.3a's server dies on new-session from a control client
// once window-size is manual), and no client ever attaches to it, so it keeps its size.
func (s *tmuxServer) newWindow(name, command string) (target string, pid int) {
	s.tb.Helper()
	out, err := exec.Command("tmux", "-L", s.socket, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
		"-P", "-F", "#{pane_pid}", command).CombinedOutput()
	if err != nil {
		s.tb.Fatalf("tmux new-session %s: %v %s", name, err, out)
	}
	pid, err = strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil {
		s.tb.Fatalf("pane pid %q: %v", out, err)
	}
	s.run("set -t " + name + " status off")
	return name + ":0.0", pid
}

// screen returns the visible lines of target.
func (s *tmuxServer) screen(target string) []string {
	s.tb.Helper()
	return s.run("capture-pane -p -t " + target)
}

// send types text literally into target (no key names).
func (s *tmuxServer) send(target, text string) {
	s.tb.Helper()
	s.run("send-keys -t " + target + " -l " + quote(text))
}

// key sends one tmux key name (Enter, C-u…).
func (s *tmuxServer) key(target, name string) {
	s.tb.Helper()
	s.run("send-keys -t " + target + " " + name)
}

// waitFor polls the screen of target every poll until ok accepts it, for at most
// patience; it returns the screen and when it was seen.
func (s *tmuxServer) waitFor(target string, poll, patience time.Duration, ok func([]string) bool) ([]string, time.Time) {
	s.tb.Helper()
	deadline := time.Now().Add(patience)
	for {
		sc := s.screen(target)
		now := time.Now()
		if ok(sc) {
			return sc, now
		}
		if now.After(deadline) {
			s.tb.Fatalf("%s: the screen did not show what was awaited in %s:\n%s", target, patience, strings.Join(sc, "\n"))
		}
		time.Sleep(poll)
	}
}

// quote quotes a word for tmux's command parser.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// contains reports whether a screen line contains sub.
func contains(screen []string, sub string) bool {
	for _, l := range screen {
		if strings.Contains(l, sub) {
			return true
		}
	}
	return false
}

// cpuTime returns the user+system CPU time a process has used so far (Linux /proc).
func cpuTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// Fields after the command name in parentheses: utime is field 14, stime 15.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0, false
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	u, err1 := strconv.ParseInt(f[11], 10, 64)
	st, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(u+st) * time.Second / ticks, true
}

// memKB is a process's resident size in KiB, from /proc/PID/status: the whole (VmRSS),
// its peak (VmHWM), and its two parts: anonymous memory (the Go heap, stacks) and file
// pages (the binary's text and read-only data the process touched, and their neighbours
// that the kernel's fault-around maps with them).
type memKB struct {
	rss, hwm, anon, file int
}

// rssKB reads a process's memKB.
func rssKB(pid int) memKB {
	var m memKB
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return m
	}
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "VmRSS:":
			m.rss = n
		case "VmHWM:":
			m.hwm = n
		case "RssAnon:":
			m.anon = n
		case "RssFile:":
			m.file = n
		}
	}
	return m
}
