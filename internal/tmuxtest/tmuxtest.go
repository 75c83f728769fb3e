// Package tmuxtest drives the built kubetutor binary in a detached tmux session, as a
// student at a terminal would: keys in with send-keys, the screen out with capture-pane.
// The end-to-end tests of the TUI use it; they skip when the binary or tmux is missing.
package tmuxtest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// BinEnv names the built binary; make test sets it.
const BinEnv = "KUBETUTOR_BIN"

// patience bounds a wait for the screen. It only stops a hung test: the tests assert what
// shows, never how fast.
const patience = 20 * time.Second

// Binary returns the built kubetutor, skipping the test when it or one of tools is not
// there (tmux is always needed). The light kubetutor hands the labs over to the full
// kubetutor-lab, which make build puts beside it: a binary without it fails the test,
// since every lab screen would only show the hand-over's error.
func Binary(t testing.TB, tools ...string) string {
	t.Helper()
	bin := os.Getenv(BinEnv)
	if bin == "" {
		t.Skip(BinEnv + " is not set (make test builds the binary and sets it)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("%s %s: %v", BinEnv, bin, err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(bin), "kubetutor-lab")); err != nil {
		t.Fatalf("no kubetutor-lab beside %s: make build builds both binaries", bin)
	}
	for _, tool := range append([]string{"tmux"}, tools...) {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make tools installs tmux)", tool)
		}
	}
	return bin
}

// Session is one tmux server of the test's own (a private socket) with one session.
type Session struct {
	t      testing.TB
	socket string
}

var sessions atomic.Int64

// Start runs command (a shell command line) in a new w×h session; the server is killed
// when the test ends.
func Start(t testing.TB, w, h int, command string) *Session {
	t.Helper()
	s := &Session{t: t, socket: fmt.Sprintf("kubetutor-test-%d-%d", os.Getpid(), sessions.Add(1))}
	t.Cleanup(func() { _, _ = s.Tmux("kill-server") })
	if out, err := s.Tmux("new-session", "-d", "-s", "kt", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), command); err != nil {
		t.Fatalf("tmux new-session: %v %s", err, out)
	}
	return s
}

// Tmux runs a tmux command on the session's server.
func (s *Session) Tmux(args ...string) (string, error) {
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	return string(out), err
}

// Send types keys (tmux key names or text), one read at a time, as a student types.
func (s *Session) Send(keys ...string) {
	s.t.Helper()
	for _, k := range keys {
		if out, err := s.Tmux("send-keys", "-t", "kt", k); err != nil {
			s.t.Fatalf("send-keys %q: %v %s", k, err, out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Screen is what the pane shows now.
func (s *Session) Screen() string {
	out, _ := s.Tmux("capture-pane", "-p", "-t", "kt")
	return out
}

// WaitFor polls the screen until ok accepts it and returns that screen; it fails the test
// with the last screen when nothing matches for a long while.
func (s *Session) WaitFor(what string, ok func(screen string) bool) string {
	s.t.Helper()
	deadline := time.Now().Add(patience)
	for {
		scr := s.Screen()
		if ok(scr) {
			return scr
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s; the screen shows:\n%s", what, scr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// WaitText waits until the screen contains text.
func (s *Session) WaitText(text string) string {
	s.t.Helper()
	return s.WaitFor(fmt.Sprintf("%q", text), func(scr string) bool { return strings.Contains(scr, text) })
}

// WaitExit waits until the program in the session has ended.
func (s *Session) WaitExit() {
	s.t.Helper()
	s.WaitFor("the end of the process", func(string) bool {
		_, err := s.Tmux("has-session", "-t", "kt")
		return err != nil
	})
}
