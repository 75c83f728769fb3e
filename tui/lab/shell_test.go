package lab

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs/shell"
)

// TestShellPaneRecordsHistory types a command in the screen's shell pane (a real bash
// with the lab shell's rc, in a pty) and finds it in the history record the checks read.
func TestShellPaneRecordsHistory(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	env := shell.Env{Dir: filepath.Join(dir, "shell"), Kubeconfig: filepath.Join(dir, "kubeconfig")}
	m := newScreen(t, i18n.EN, 80, 24, nil)
	m.cfg.Shell.Command = env.Command
	m.term = newTermFor(m)
	m.SetSize(80, 24)
	m.term.Focus()
	m, _ = m.Update(run(m.term.Start()))
	stopShell(t, &m)
	waitFor(t, "the lab prompt", func() bool { return strings.Contains(m.term.Text(), "[kubetutor]") })
	for _, r := range "echo pane-$((6*7))" {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, "the output in the pane", func() bool { return strings.Contains(plain(m), "pane-42") })
	var recs []shell.Record
	waitFor(t, "the history record", func() bool {
		recs, _ = shell.Read(shell.HistoryFile(env.Dir), time.Time{})
		return len(recs) > 0
	})
	if recs[0].Line != "echo pane-$((6*7))" || recs[0].Exit != 0 {
		t.Errorf("record = %+v", recs[0])
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	return cmd()
}
