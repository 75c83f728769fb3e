package lab

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/labs/shell"
)

// pump runs commands as the Bubble Tea runtime would and feeds their messages back to
// the model, on the test's goroutine.
type pump struct {
	m    Model
	msgs chan tea.Msg
}

func (p *pump) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				p.run(c)
			}
			return
		}
		if msg != nil {
			p.msgs <- msg
		}
	}()
}

func (p *pump) send(msg tea.Msg) {
	var cmd tea.Cmd
	p.m, cmd = p.m.Update(msg)
	p.run(cmd)
}

// until delivers messages until cond holds.
func (p *pump) until(t *testing.T, what string, cond func(Model) bool) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for !cond(p.m) {
		select {
		case msg := <-p.msgs:
			p.send(msg)
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("gave up waiting for %s; screen:\n%s", what, plain(p.m))
		}
	}
}

// TestIntegrationLiveGradingFromShell runs the real lab engine on the embedded lab
// nodes-ready: typing the step's command in the screen's shell turns the step green
// without any other key. kubectl is a stand-in script (no cluster is needed for a
// shell-command check).
func TestIntegrationLiveGradingFromShell(t *testing.T) {
	if _, err := os.Stat("/bin/bash"); err != nil {
		t.Skip("bash is not installed")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	os.MkdirAll(bin, 0o755)
	os.WriteFile(filepath.Join(bin, "kubectl"), []byte("#!/bin/sh\necho \"NAME STATUS\"\necho \"kubetutor-control-plane Ready\"\n"), 0o755)
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))

	lab, err := labs.Load(assets.FS, "nodes-ready")
	if err != nil {
		t.Fatal(err)
	}
	lab.Setup = nil // no cluster to apply it to
	store, err := progress.Open(filepath.Join(dir, "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	senv := shell.Env{Dir: filepath.Join(dir, "shell"), Kubeconfig: filepath.Join(dir, "kubeconfig")}
	runner := labs.NewRunner(lab, &checks.Env{ShellHistory: shell.HistoryFile(senv.Dir), Kube: fake.NewClientset()}, store, nil)

	m := newScreen(t, i18n.EN, 120, 40, runner)
	m.cfg.Lab = lab
	m.cfg.Shell.Command = senv.Command
	m = New(m.c, m.cfg)
	stopShell(t, &m)
	p := &pump{m: m, msgs: make(chan tea.Msg, 64)}
	p.run(p.m.Init())
	p.until(t, "the prompt and a first verdict", func(m Model) bool {
		return strings.Contains(m.term.Text(), "[kubetutor]") && m.steps[0].kind != ""
	})
	if p.m.steps[0].kind == labs.EventPassed {
		t.Fatal("step 1 passed before any command")
	}
	for _, r := range "k get nodes -o wide" {
		p.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	p.send(tea.KeyPressMsg{Code: tea.KeyEnter})
	p.until(t, "step 1 to pass", func(m Model) bool { return m.steps[0].kind == labs.EventPassed })
	if p.m.cur != 1 || !strings.Contains(plain(p.m), "✓ 1 list-nodes") {
		t.Errorf("the screen did not move on to step 2:\n%s", plain(p.m))
	}
	doc, _ := store.Load()
	if r := doc.Labs["nodes-ready"].Steps["list-nodes"]; r == nil || r.Status != labs.StatusPassed {
		t.Errorf("progress not recorded: %+v", r)
	}
}
