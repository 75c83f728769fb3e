package cluster

import (
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/paths"
	kcluster "kubetutor/labs/cluster"
	"kubetutor/labs/cluster/clustertest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

type fixture struct {
	p  *clustertest.Provider
	rt *clustertest.Runtime
	m  *kcluster.Manager
}

func newFixture(t *testing.T) *fixture {
	f := &fixture{p: clustertest.NewProvider(), rt: clustertest.NewRuntime(kcluster.DefaultImage)}
	f.m = kcluster.New(kcluster.WithProvider(f.p), kcluster.WithRuntime(f.rt),
		kcluster.WithProber(clustertest.NewProber(f.p)), kcluster.WithDirs(paths.Under(t.TempDir())),
		kcluster.WithClock((&clustertest.Clock{}).Now))
	return f
}

// drive feeds the run's messages to the model until the creation ends.
// before, when set, sees each message first and may handle it itself (returning true).
func drive(t *testing.T, m Model, run *Run, before func(Model, tea.Msg) (Model, bool)) Model {
	t.Helper()
	for {
		msg := run.Next()()
		handled := false
		if before != nil {
			m, handled = before(m, msg)
		}
		if !handled {
			m, _ = m.Update(msg)
		}
		if _, ok := msg.(DoneMsg); ok {
			return m
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("view differs from %s:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestChecklistOfACreation(t *testing.T) {
	f := newFixture(t)
	tr := i18n.New(i18n.FR)
	run := Start(context.Background(), f.m, kcluster.UpOptions{Workers: 2})
	m := New(tr, "kubetutor", run, "kubetutor.log")
	var midway string
	m = drive(t, m, run, func(m Model, msg tea.Msg) (Model, bool) {
		if e, ok := msg.(EventMsg); ok && e.Event.Step == kcluster.StepCNI && e.Event.Phase == kcluster.PhaseStart {
			m, _ = m.Update(msg)
			// Three seconds into the CNI step, as the spinner's tick says.
			m, _ = m.Update(spinner.TickMsg{Time: e.Event.At.Add(3 * time.Second), ID: m.spinner.ID()})
			midway = ansi.Strip(m.Render())
			return m, true
		}
		return m, false
	})
	if !m.Done() || m.Err() != nil {
		t.Fatalf("done %v, err %v", m.Done(), m.Err())
	}
	cni := ""
	for _, line := range strings.Split(midway, "\n") {
		if strings.Contains(line, "Installation du réseau (CNI)") {
			cni = line
		}
	}
	if !strings.HasSuffix(cni, "3,0\u00a0s") {
		t.Errorf("running step without its elapsed time:\n%s", midway)
	}
	m, _ = m.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	golden(t, "created-fr-60", ansi.Strip(m.Render()))
}

func TestAlreadyRunning(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes("kubetutor", 2)
	run := Start(context.Background(), f.m, kcluster.UpOptions{Workers: 2})
	m := drive(t, New(i18n.New(i18n.EN), "kubetutor", run, ""), run, nil)
	if got := ansi.Strip(m.Render()); !strings.Contains(got, "already running") {
		t.Errorf("view:\n%s", got)
	}
}

func TestCancelKeyDeletesWhatWasMade(t *testing.T) {
	f := newFixture(t)
	released := make(chan struct{})
	var once bool
	f.p.OnDelete = func() {
		if !once {
			once = true
			close(released)
		}
	}
	f.p.CreateFunc = func(p *clustertest.Provider, name string, o kcluster.CreateOptions) error {
		o.Logger.V(0).Infof(" • Preparing nodes 📦 📦 📦  ...\n")
		p.AddNodes(name, 2)
		<-released
		o.Logger.V(0).Infof(" • Writing configuration 📜  ...\n")
		return nil
	}
	run := Start(context.Background(), f.m, kcluster.UpOptions{Workers: 2})
	m := New(i18n.New(i18n.EN), "kubetutor", run, "")
	cancelled := false
	m = drive(t, m, run, func(m Model, msg tea.Msg) (Model, bool) {
		if e, ok := msg.(EventMsg); ok && e.Event.Step == kcluster.StepNodes && !cancelled {
			cancelled = true
			m, _ = m.Update(msg)
			m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
			if !strings.Contains(ansi.Strip(m.Render()), "Interrupting") {
				t.Errorf("no interruption notice:\n%s", ansi.Strip(m.Render()))
			}
			return m, true
		}
		return m, false
	})
	if !errors.Is(m.Err(), context.Canceled) {
		t.Fatalf("err = %v, want cancelled", m.Err())
	}
	if ns, _ := f.p.ListNodes("kubetutor"); len(ns) != 0 {
		t.Errorf("nodes left: %v", ns)
	}
	if got := ansi.Strip(m.Render()); !strings.Contains(got, "containers already made were removed") {
		t.Errorf("view:\n%s", got)
	}
}

func TestNoDaemonShowsTheFix(t *testing.T) {
	f := newFixture(t)
	f.rt.InfoErr = errors.New("Cannot connect to the Docker daemon")
	run := Start(context.Background(), f.m, kcluster.UpOptions{Workers: 2})
	m := drive(t, New(i18n.New(i18n.FR), "kubetutor", run, ""), run, nil)
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	golden(t, "nodaemon-fr-80", ansi.Strip(m.Render()))
}
