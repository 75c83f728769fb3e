package cluster_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kubetutor/internal/paths"
	. "kubetutor/labs/cluster"
	"kubetutor/labs/cluster/clustertest"
)

type fixture struct {
	p    *clustertest.Provider
	rt   *clustertest.Runtime
	pr   *clustertest.Prober
	dirs paths.Dirs
	m    *Manager
}

func newFixture(t *testing.T, opts ...Option) *fixture {
	t.Helper()
	f := &fixture{p: clustertest.NewProvider(), rt: clustertest.NewRuntime(DefaultImage),
		dirs: paths.Under(filepath.Join(t.TempDir(), "kubetutor"))}
	f.pr = clustertest.NewProber(f.p)
	base := []Option{WithProvider(f.p), WithRuntime(f.rt), WithProber(f.pr), WithDirs(f.dirs),
		WithClock((&clustertest.Clock{}).Now), WithPollInterval(time.Millisecond)}
	f.m = New(append(base, opts...)...)
	return f
}

// events collects events from any goroutine.
type events struct {
	mu sync.Mutex
	ev []Event
}

func (e *events) add(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.ev = append(e.ev, ev)
}

func (e *events) list() []Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]Event(nil), e.ev...)
}

func steps(evs []Event, phase Phase) []Step {
	var s []Step
	for _, e := range evs {
		if e.Phase == phase {
			s = append(s, e.Step)
		}
	}
	return s
}

func TestUpCreatesTheLabCluster(t *testing.T) {
	f := newFixture(t)
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2}, ev.add)
	if err != nil || out != Created {
		t.Fatalf("Up = %v, %v; want Created", out, err)
	}
	want := []Step{StepPreflight, StepImage, StepNodes, StepConfig, StepControlPlane, StepCNI, StepStorage, StepJoinWorkers, StepReady, StepNodesReady}
	got := steps(ev.list(), PhaseDone)
	if len(got) != len(want) {
		t.Fatalf("done steps %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("done steps %v, want %v", got, want)
		}
	}
	for _, e := range ev.list() {
		if e.Phase == PhaseDone && e.Elapsed <= 0 {
			t.Errorf("step %s done without elapsed time", e.Step)
		}
	}
	if n := len(f.p.LastCreate().Config.Nodes); n != 3 {
		t.Errorf("config has %d nodes, want 3", n)
	}
	st, err := f.m.Status(context.Background())
	if err != nil || st.State != StateRunning || len(st.Nodes) != 3 {
		t.Errorf("Status = %+v, %v; want running with 3 nodes", st, err)
	}
}

func TestUpOnARunningClusterReturnsAtOnce(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2}, ev.add)
	if err != nil || out != AlreadyRunning {
		t.Fatalf("Up = %v, %v; want AlreadyRunning", out, err)
	}
	if c, d := f.p.Counts(); c != 0 || d != 0 {
		t.Errorf("creates %d, deletes %d; want none", c, d)
	}
	// The kubeconfig the state directory lost is written again.
	data, err := os.ReadFile(f.m.KubeconfigPath())
	if err != nil || string(data) != "kubeconfig of kubetutor" {
		t.Errorf("kubeconfig = %q, %v", data, err)
	}
}

func TestUpOnADegradedClusterReturnsAtOnce(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	f.pr.SetNotReady("kubetutor-worker")
	st, _ := f.m.Status(context.Background())
	if st.State != StateDegraded {
		t.Fatalf("state %v, want degraded", st.State)
	}
	if out, err := f.m.Up(context.Background(), UpOptions{}, nil); err != nil || out != AlreadyRunning {
		t.Fatalf("Up = %v, %v; want AlreadyRunning", out, err)
	}
}

func TestUpDetectsAHalfMadeCluster(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	f.pr.SetDown(true)
	st, err := f.m.Status(context.Background())
	if err != nil || st.State != StateHalfMade || st.APIErr == nil {
		t.Fatalf("Status = %+v, %v; want half made", st, err)
	}
	_, err = f.m.Up(context.Background(), UpOptions{Workers: 2}, nil)
	if !errors.Is(err, ErrHalfMade) {
		t.Fatalf("Up = %v, want ErrHalfMade", err)
	}
	if c, d := f.p.Counts(); c != 0 || d != 0 {
		t.Fatalf("half-made cluster touched without Recreate (creates %d, deletes %d)", c, d)
	}
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2, Recreate: true}, ev.add)
	if err != nil || out != Created {
		t.Fatalf("Up with Recreate = %v, %v", out, err)
	}
	if c, d := f.p.Counts(); c != 1 || d != 1 {
		t.Errorf("creates %d, deletes %d; want 1 and 1", c, d)
	}
	if s := steps(ev.list(), PhaseDone); len(s) < 2 || s[1] != StepDelete {
		t.Errorf("done steps %v, want delete after preflight", s)
	}
}

func TestUpCancelledDeletesWhatWasMade(t *testing.T) {
	f := newFixture(t)
	started := make(chan struct{})
	released := make(chan struct{})
	var once bool
	f.p.OnDelete = func() {
		if !once {
			once = true
			close(released) // kind's next command fails once its containers are gone
		}
	}
	f.p.CreateFunc = func(p *clustertest.Provider, name string, o CreateOptions) error {
		o.Logger.V(0).Infof(" • Preparing nodes 📦 📦 📦  ...\n")
		p.AddNodes(name, 2)
		close(started)
		<-released
		// Containers made while the first sweep ran: the second sweep must get them.
		p.AddNodes(name, 1)
		o.Logger.V(0).Infof(" ✓ Preparing nodes 📦 📦 📦\n")
		o.Logger.V(0).Infof(" • Writing configuration 📜  ...\n") // aborted here
		p.AddNodes(name+"-never", 0)
		return nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	var ev events
	errc := make(chan error, 1)
	go func() {
		_, err := f.m.Up(ctx, UpOptions{Workers: 2}, ev.add)
		errc <- err
	}()
	<-started
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up = %v, want context.Canceled", err)
	}
	for _, name := range []string{DefaultName, DefaultName + "-never"} {
		if ns, _ := f.p.ListNodes(name); len(ns) != 0 {
			t.Errorf("cluster %s left nodes %v", name, ns)
		}
	}
	if _, d := f.p.Counts(); d != 2 {
		t.Errorf("deletes %d, want 2 (before and after kind stopped)", d)
	}
	if _, err := os.Stat(f.dirs.ClusterDir(DefaultName)); !os.IsNotExist(err) {
		t.Errorf("cluster dir left behind: %v", err)
	}
	got := ev.list()
	last := got[len(got)-1]
	if last.Step != StepCleanup || last.Phase != PhaseDone {
		t.Errorf("last event %+v, want cleanup done", last)
	}
	for _, e := range got {
		if e.Step == StepConfig {
			t.Errorf("the aborted step was reported: %+v", e)
		}
	}
}

func TestUpReportsKindFailure(t *testing.T) {
	f := newFixture(t)
	f.p.CreateFunc = func(p *clustertest.Provider, name string, o CreateOptions) error {
		o.Logger.V(0).Infof(" • Starting control-plane 🕹️  ...\n")
		o.Logger.V(0).Infof(" ✗ Starting control-plane 🕹️\n")
		return errors.New("failed to init node with kubeadm")
	}
	var ev events
	_, err := f.m.Up(context.Background(), UpOptions{}, ev.add)
	if err == nil {
		t.Fatal("Up succeeded, want kind's error")
	}
	if s := steps(ev.list(), PhaseFailed); len(s) != 1 || s[0] != StepControlPlane {
		t.Errorf("failed steps %v, want control-plane", s)
	}
}

func TestUpWithoutARuntimeIsAnEnvironmentError(t *testing.T) {
	f := newFixture(t)
	f.rt.InfoErr = errors.New("Cannot connect to the Docker daemon")
	var ev events
	_, err := f.m.Up(context.Background(), UpOptions{}, ev.add)
	var re *RuntimeError
	if !errors.As(err, &re) || re.Runtime != "docker" {
		t.Fatalf("Up = %v, want a RuntimeError", err)
	}
	if c, _ := f.p.Counts(); c != 0 {
		t.Error("kind was called without a runtime")
	}
	if s := steps(ev.list(), PhaseFailed); len(s) != 1 || s[0] != StepPreflight {
		t.Errorf("failed steps %v, want preflight", s)
	}
}

func TestUpValidatesItsInput(t *testing.T) {
	for _, tt := range []struct {
		name    string
		workers int
		want    error
	}{
		{"../etc", 2, ErrInvalidName},
		{"Kubetutor", 2, ErrInvalidName},
		{"", 2, ErrInvalidName},
		{"lab", -1, ErrInvalidWorkers},
		{"lab", MaxWorkers + 1, ErrInvalidWorkers},
	} {
		f := newFixture(t, WithName(tt.name))
		if _, err := f.m.Up(context.Background(), UpOptions{Workers: tt.workers}, nil); !errors.Is(err, tt.want) {
			t.Errorf("Up(name %q, workers %d) = %v, want %v", tt.name, tt.workers, err, tt.want)
		}
	}
}

func TestKubeconfigLivesInTheStateDir(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	f := newFixture(t, WithName("lab"))
	want := filepath.Join(f.dirs.State, "clusters", "lab", "kubeconfig")
	if got := f.m.KubeconfigPath(); got != want {
		t.Errorf("KubeconfigPath = %q, want %q", got, want)
	}
	if _, err := f.m.Up(context.Background(), UpOptions{Workers: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if f.p.LastCreate().KubeconfigPath != want {
		t.Errorf("kind got kubeconfig path %q, want %q", f.p.LastCreate().KubeconfigPath, want)
	}
	if _, err := os.Stat(filepath.Join(home, ".kube")); !os.IsNotExist(err) {
		t.Errorf("~/.kube was touched: %v", err)
	}
	if existed, err := f.m.Down(context.Background()); err != nil || !existed {
		t.Fatalf("Down = %v, %v", existed, err)
	}
	if _, err := os.Stat(want); !os.IsNotExist(err) {
		t.Errorf("kubeconfig left after Down: %v", err)
	}
	if existed, err := f.m.Down(context.Background()); err != nil || existed {
		t.Errorf("second Down = %v, %v; want nothing to do", existed, err)
	}
}

func TestResetRecreates(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	if err := f.m.Reset(context.Background(), UpOptions{Workers: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if c, d := f.p.Counts(); c != 1 || d != 1 {
		t.Errorf("creates %d, deletes %d; want 1 and 1", c, d)
	}
	if ns, _ := f.p.ListNodes(DefaultName); len(ns) != 2 {
		t.Errorf("nodes after reset %v, want 2", ns)
	}
}

func TestNodeImageUsesTheLocalTagOfAPinnedImage(t *testing.T) {
	f := newFixture(t)
	f.rt.SetImages("kindest/node:v1.37.0")
	if got := f.m.NodeImage(context.Background(), ""); got != "kindest/node:v1.37.0" {
		t.Errorf("NodeImage = %q, want the local tag", got)
	}
	f.rt.SetImages()
	if got := f.m.NodeImage(context.Background(), ""); got != DefaultImage {
		t.Errorf("NodeImage = %q, want the default (kind pulls it)", got)
	}
}

func TestCgroupV1HostGetsTheKubeletSetting(t *testing.T) {
	f := newFixture(t)
	f.rt.Cgroup = "1"
	if _, err := f.m.Up(context.Background(), UpOptions{}, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range f.p.LastCreate().Config.KubeadmConfigPatches {
		if strings.Contains(p, "failCgroupV1: false") {
			found = true
		}
	}
	if !found {
		t.Error("cgroup v1 host: failCgroupV1 patch missing")
	}
}

func TestUpWaitsForEveryNodeReady(t *testing.T) {
	f := newFixture(t, WithPollInterval(time.Millisecond))
	f.pr.SetNotReady(DefaultName + "-worker")
	var ev events
	done := make(chan error, 1)
	go func() {
		_, err := f.m.Up(context.Background(), UpOptions{Workers: 1}, ev.add)
		done <- err
	}()
	// Up keeps polling while the worker is not Ready.
	for !slices.Contains(steps(ev.list(), PhaseStart), StepNodesReady) {
		time.Sleep(time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Up returned %v while a worker was not Ready", err)
	default:
	}
	f.pr.SetReady(DefaultName + "-worker")
	if err := <-done; err != nil {
		t.Fatalf("Up = %v", err)
	}
	st, err := f.m.Status(context.Background())
	if err != nil || st.State != StateRunning {
		t.Fatalf("Status after Up = %v, %v; want running", st.State, err)
	}
}

func TestUpFailsWhenANodeStaysNotReady(t *testing.T) {
	f := newFixture(t, WithPollInterval(time.Millisecond), WithWaitForReady(5*time.Second))
	f.pr.SetNotReady(DefaultName + "-worker2")
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2}, ev.add)
	if out != Created || !errors.Is(err, ErrNodesNotReady) || !strings.Contains(err.Error(), "worker2") {
		t.Fatalf("Up = %v, %v; want Created, ErrNodesNotReady naming worker2", out, err)
	}
	if s := steps(ev.list(), PhaseFailed); len(s) != 1 || s[0] != StepNodesReady {
		t.Fatalf("failed steps %v, want [nodes-ready]", s)
	}
	if msg, code := ErrorMessage(err, DefaultName, "log"); msg.ID != "cluster.up.notready" || code != 1 {
		t.Fatalf("ErrorMessage = %v, %d", msg, code)
	}
}

// TestUpStartsAStoppedCluster: node containers stopped (Docker restarted, the machine
// rebooted) are a stopped cluster, not a half-made one: Up starts them again and waits for
// the nodes, without deleting or creating anything (the labs' state is in the cluster).
func TestUpStartsAStoppedCluster(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	f.rt.Stop(DefaultName+"-control-plane", DefaultName+"-worker")
	f.pr.SetDown(true)
	f.rt.OnStart = func(...string) { f.pr.SetDown(false) }
	st, err := f.m.Status(context.Background())
	if err != nil || st.State != StateStopped {
		t.Fatalf("Status = %+v, %v; want stopped", st, err)
	}
	var stopped []string
	for _, n := range st.Nodes {
		if n.Stopped {
			stopped = append(stopped, n.Name)
		}
	}
	if len(stopped) != 2 {
		t.Errorf("stopped nodes %v, want the control plane and a worker", stopped)
	}
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2}, ev.add)
	if err != nil || out != Restarted {
		t.Fatalf("Up = %v, %v; want Restarted", out, err)
	}
	if c, d := f.p.Counts(); c != 0 || d != 0 {
		t.Errorf("a stopped cluster was recreated (creates %d, deletes %d)", c, d)
	}
	if s := steps(ev.list(), PhaseDone); len(s) != 3 || s[1] != StepRestart || s[2] != StepNodesReady {
		t.Errorf("done steps %v, want preflight, restart, nodes-ready", s)
	}
	if st, _ := f.m.Status(context.Background()); st.State != StateRunning {
		t.Errorf("after Up: %v", st.State)
	}
}

// TestUpWaitsForAStartingAPI: right after Docker restarted the node containers, their
// API takes seconds to answer; Up waits for it instead of calling the cluster half made
// (whose question, answered yes, deleted a cluster that was coming back).
func TestUpWaitsForAStartingAPI(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	f.rt.Started = (&clustertest.Clock{}).Now() // the fixture's clock: « just now »
	f.pr.SetDown(true)
	probes := 0
	f.m = New(WithProvider(f.p), WithRuntime(f.rt), WithProber(proberFunc(func(ctx context.Context, kc []byte) (Health, error) {
		probes++
		if probes == 3 {
			f.pr.SetDown(false)
		}
		return f.pr.Probe(ctx, kc)
	})), WithDirs(f.dirs), WithClock((&clustertest.Clock{}).Now), WithPollInterval(time.Millisecond))
	var ev events
	out, err := f.m.Up(context.Background(), UpOptions{Workers: 2}, ev.add)
	if err != nil || out != Restarted {
		t.Fatalf("Up = %v, %v; want Restarted once the API answers", out, err)
	}
	if c, d := f.p.Counts(); c != 0 || d != 0 {
		t.Errorf("creates %d, deletes %d", c, d)
	}
	if s := steps(ev.list(), PhaseDone); len(s) < 2 || s[1] != StepAPIStarting {
		t.Errorf("done steps %v, want api-starting after preflight", s)
	}

	// Containers that started long ago with a silent API: half made, as before.
	g := newFixture(t)
	g.p.AddNodes(DefaultName, 2)
	g.rt.Started = (&clustertest.Clock{}).Now().Add(-time.Hour)
	g.pr.SetDown(true)
	if _, err := g.m.Up(context.Background(), UpOptions{Workers: 2}, nil); !errors.Is(err, ErrHalfMade) {
		t.Errorf("Up = %v, want ErrHalfMade", err)
	}
}

type proberFunc func(ctx context.Context, kc []byte) (Health, error)

func (f proberFunc) Probe(ctx context.Context, kc []byte) (Health, error) { return f(ctx, kc) }
