//go:build kind

package cluster_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/paths"
	. "kubetutor/labs/cluster"
)

// These tests create real kind clusters. They run with `go test -tags kind ./labs/cluster/`
// and skip, saying why, when no container engine answers or the node image is not in the
// engine (nothing is pulled). KUBETUTOR_KIND_IMAGE names another node image.

func realManager(t *testing.T, name string) *Manager {
	t.Helper()
	m := New(WithName(name), WithDirs(paths.Under(t.TempDir())))
	ctx := context.Background()
	if _, err := m.Preflight(ctx); err != nil {
		t.Skipf("no container engine: %v", err)
	}
	image := m.NodeImage(ctx, os.Getenv("KUBETUTOR_KIND_IMAGE"))
	if ok, _ := m.Runtime().ImagePresent(ctx, image); !ok {
		t.Skipf("node image %s is not in %s (nothing is pulled in tests)", image, m.Runtime().Name())
	}
	t.Cleanup(func() { m.Down(context.Background()) })
	return m
}

func TestIntegrationKindLifecycle(t *testing.T) {
	m := realManager(t, "kubetutor-it")
	ctx := context.Background()
	var steps []Step
	start := time.Now()
	out, err := m.Up(ctx, UpOptions{Workers: 1, Image: os.Getenv("KUBETUTOR_KIND_IMAGE")}, func(e Event) {
		if e.Phase == PhaseDone {
			steps = append(steps, e.Step)
		}
	})
	if err != nil || out != Created {
		t.Fatalf("Up = %v, %v", out, err)
	}
	t.Logf("created in %s, steps %v", time.Since(start).Round(time.Second), steps)
	if len(steps) < 6 {
		t.Errorf("only %d steps reported: %v", len(steps), steps)
	}
	st, err := m.Status(ctx)
	if err != nil || st.State != StateRunning || len(st.Nodes) != 2 {
		t.Fatalf("Status = %+v, %v", st, err)
	}
	if _, err := os.Stat(m.KubeconfigPath()); err != nil {
		t.Errorf("kubeconfig: %v", err)
	}
	start = time.Now()
	if out, err := m.Up(ctx, UpOptions{Workers: 1}, nil); err != nil || out != AlreadyRunning {
		t.Errorf("second Up = %v, %v", out, err)
	}
	t.Logf("second up in %s", time.Since(start).Round(time.Millisecond))

	na := m.Nodes()
	cp := "kubetutor-it-control-plane"
	if v, err := na.ReadFile(ctx, cp, "/kind/version"); err != nil || !strings.HasPrefix(string(v), "v1.") {
		t.Errorf("ReadFile /kind/version = %q, %v", v, err)
	}
	if err := na.StopKubelet(ctx, "kubetutor-it-worker"); err != nil {
		t.Fatal(err)
	}
	if out, _ := na.Exec(ctx, "kubetutor-it-worker", "systemctl", "is-active", "kubelet"); strings.TrimSpace(string(out)) == "active" {
		t.Error("kubelet still active after StopKubelet")
	}
	if err := na.StartKubelet(ctx, "kubetutor-it-worker"); err != nil {
		t.Fatal(err)
	}
	if _, err := na.Exec(ctx, "kind-control-plane", "true"); !errors.Is(err, ErrNotANode) {
		t.Errorf("Exec on a foreign container = %v, want ErrNotANode", err)
	}
	if existed, err := m.Down(ctx); err != nil || !existed {
		t.Fatalf("Down = %v, %v", existed, err)
	}
	if ns, _ := NewKindProvider(m.Runtime().Name(), nil).ListNodes("kubetutor-it"); len(ns) != 0 {
		t.Errorf("nodes after Down: %v", ns)
	}
}

func TestIntegrationKindCancelLeavesNoContainers(t *testing.T) {
	m := realManager(t, "kubetutor-it-cancel")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := m.Up(ctx, UpOptions{Workers: 1, Image: os.Getenv("KUBETUTOR_KIND_IMAGE")}, func(e Event) {
		if e.Step == StepConfig && e.Phase == PhaseDone {
			cancel() // containers exist by now
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Up = %v, want cancelled", err)
	}
	if ns, _ := NewKindProvider(m.Runtime().Name(), nil).ListNodes("kubetutor-it-cancel"); len(ns) != 0 {
		t.Errorf("containers left after cancel: %v", ns)
	}
	if _, err := os.Stat(filepath.Dir(m.KubeconfigPath())); !os.IsNotExist(err) {
		t.Errorf("cluster dir left: %v", err)
	}
}
