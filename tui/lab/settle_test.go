package lab

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/labs"
)

// settlingRunner's Start reports a wait for the lab's namespace, then waits for the test
// and returns what it is given.
type settlingRunner struct {
	*fakeRunner
	end chan error
}

func (s *settlingRunner) Start(ctx context.Context, report func(i18n.Message)) error {
	report(i18n.M("labs.setup.terminating", "Namespaces", "lab-demo", "Seconds", 3, "Remaining", "2 pods"))
	select {
	case err := <-s.end:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// TestSetupWaitShown: while the lab's setup waits for its namespace still being deleted
// (a reset just before), the status says what it waits for instead of « Vérification en
// cours » with nothing coming; a wait that ran out says what holds the namespace and what
// to do, in place of the generic failure.
func TestSetupWaitShown(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			r := &settlingRunner{fakeRunner: newFakeRunner(), end: make(chan error, 1)}
			m := newScreen(t, lang, 80, 24, r)
			cmd := m.startRunner()
			m, cmd = m.Update(run(cmd)) // the progress
			golden(t, "lab-"+string(lang)+"-80x24-settling.golden", plain(m))
			r.end <- &labs.SetupLeftError{Lab: "demo", Left: []labs.Leftover{{Namespace: "lab-demo", Remaining: "2 pods"}},
				Waited: 2 * time.Minute, Err: context.DeadlineExceeded}
			m, _ = m.Update(run(cmd)) // the end
			golden(t, "lab-"+string(lang)+"-80x24-settle-timeout.golden", plain(m))
		})
	}
}

// TestUnreachableClusterExplained: a check that could not run because the cluster's API
// does not answer (Docker or the node containers stopped) says so and what to run, not
// client-go's « dial tcp 127.0.0.1:…: connect: connection refused ».
func TestUnreachableClusterExplained(t *testing.T) {
	refused := fmt.Errorf("get NetworkPolicy prod/allow-web: %w", &url.Error{Op: "Get", URL: "https://127.0.0.1:35113/apis",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}})
	m := newScreen(t, i18n.FR, 80, 24, newFakeRunner())
	m, _ = m.Update(eventMsg{labs.Event{Step: "list-nodes", Kind: labs.EventError, Err: refused}})
	v := plain(m)
	if !strings.Contains(v, "l’API du cluster ne répond pas") || !strings.Contains(v, "kubetutor cluster up") || strings.Contains(v, "127.0.0.1") {
		t.Errorf("the view:\n%s", v)
	}
}

// TestEvidenceHangs: a long piece of evidence wraps under its own text, not back at the
// margin where it reads as a new line of the screen.
func TestEvidenceHangs(t *testing.T) {
	m := newScreen(t, i18n.FR, 80, 24, newFakeRunner())
	long := "kubetutor-worker2 : Ready mais isolé (SchedulingDisabled) depuis que le nœud a été mis en maintenance"
	ev := labs.Event{Step: "list-nodes", Kind: labs.EventPending,
		Result: checks.Wait(i18n.M("labs.error.other", "Detail", "2/3 nœuds Ready"), i18n.M("labs.error.other", "Detail", long))}
	m, _ = m.Update(eventMsg{ev})
	lines := strings.Split(plain(m), "\n")
	for i, l := range lines {
		if !strings.Contains(l, "• kubetutor-worker2") {
			continue
		}
		next, col := lines[i+1], strings.Index(l, "•")
		if !strings.HasPrefix(next, strings.Repeat(" ", col+2)) || strings.TrimSpace(next) == "" {
			t.Errorf("the evidence's second line %q is not under its text:\n%s", next, plain(m))
		}
		return
	}
	t.Fatalf("no evidence in the view:\n%s", plain(m))
}
