package app

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// runOnTerminal runs kubetutor with its stdout on a pseudo-terminal and returns what the
// terminal received.
func runOnTerminal(t *testing.T, args ...string) string {
	t.Helper()
	t.Setenv("KUBETUTOR_HOME", t.TempDir())
	t.Setenv("KUBETUTOR_LANG", "fr")
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 100, Rows: 40}); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, ptmx)
		got <- b.String()
	}()
	var errOut bytes.Buffer
	code := Run(args, strings.NewReader(""), tty, &errOut)
	tty.Close()
	out := <-got
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
	}
	return out
}

// NO_COLOR (no-color.org) turns the colours of a printed chapter off on a terminal; a
// forced --style keeps them even through a pipe, so « --style dark | less -R » shows colour.
func TestReadPrintColours(t *testing.T) {
	if out := runOnTerminal(t, "read", "00", "--print"); !strings.Contains(out, "\x1b[") {
		t.Fatalf("on a terminal without NO_COLOR the chapter has no colour: %.200q", out)
	}
	t.Setenv("NO_COLOR", "1")
	out := runOnTerminal(t, "read", "00", "--print")
	if strings.Contains(out, "\x1b[") {
		t.Errorf("NO_COLOR=1 on a terminal still prints colour escapes: %.200q", out)
	}
	if !strings.Contains(out, "Architecture de Kubernetes") {
		t.Errorf("the chapter is not printed: %.200q", out)
	}
	t.Setenv("NO_COLOR", "")
	_, piped, _ := run(t, "read", "00", "--print", "--style", "dark")
	if !strings.Contains(piped, "\x1b[") {
		t.Errorf("--style dark through a pipe prints no colour: %.200q", piped)
	}
}

// The course's « \~5000 » prints as « ~5000 », without its backslash.
func TestReadPrintsEscapedTilde(t *testing.T) {
	_, out, _ := run(t, "read", "00", "--print")
	if !strings.Contains(out, "~5000 services") || strings.Contains(out, `\~`) {
		t.Errorf("the escaped tilde prints with its backslash")
	}
}
