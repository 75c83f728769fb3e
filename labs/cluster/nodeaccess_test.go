package cluster_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	. "kubetutor/labs/cluster"
)

func TestNodeAccessRefusesForeignContainers(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	f.p.AddNodes("other", 1)
	na := f.m.Nodes()
	ctx := context.Background()
	for _, node := range []string{"other-control-plane", "other-worker", "postgres", "", "kubetutor-control-plane2"} {
		if _, err := na.Exec(ctx, node, "id"); !errors.Is(err, ErrNotANode) {
			t.Errorf("Exec on %q = %v, want ErrNotANode", node, err)
		}
		if _, err := na.ReadFile(ctx, node, "/etc/passwd"); !errors.Is(err, ErrNotANode) {
			t.Errorf("ReadFile on %q = %v, want ErrNotANode", node, err)
		}
		if err := na.StopKubelet(ctx, node); !errors.Is(err, ErrNotANode) {
			t.Errorf("StopKubelet on %q = %v, want ErrNotANode", node, err)
		}
		if err := na.StartKubelet(ctx, node); !errors.Is(err, ErrNotANode) {
			t.Errorf("StartKubelet on %q = %v, want ErrNotANode", node, err)
		}
	}
	if execs := f.p.Execs(); len(execs) != 0 {
		t.Fatalf("commands ran on foreign containers: %v", execs)
	}
}

func TestNodeAccessRunsOnTheTutorsNodes(t *testing.T) {
	f := newFixture(t)
	f.p.AddNodes(DefaultName, 2)
	na := f.m.Nodes()
	ctx := context.Background()
	data, err := na.ReadFile(ctx, "kubetutor-control-plane", "/etc/kubernetes/manifests/etcd.yaml")
	if err != nil || string(data) != "content of /etc/kubernetes/manifests/etcd.yaml" {
		t.Errorf("ReadFile = %q, %v", data, err)
	}
	if err := na.StopKubelet(ctx, "kubetutor-worker2"); err != nil {
		t.Error(err)
	}
	if err := na.StartKubelet(ctx, "kubetutor-worker2"); err != nil {
		t.Error(err)
	}
	out, err := na.Exec(ctx, "kubetutor-worker", "false")
	if err == nil || !strings.Contains(string(out), "it failed") {
		t.Errorf("failing Exec = %q, %v; want the output and an error", out, err)
	}
	want := []string{
		"kubetutor-control-plane: cat -- /etc/kubernetes/manifests/etcd.yaml",
		"kubetutor-worker2: systemctl stop kubelet",
		"kubetutor-worker2: systemctl start kubelet",
		"kubetutor-worker: false",
	}
	if got := f.p.Execs(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("execs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestNodeAccessWithoutClusterRefusesEverything(t *testing.T) {
	f := newFixture(t)
	if err := f.m.Nodes().StopKubelet(context.Background(), "kubetutor-worker"); !errors.Is(err, ErrNotANode) {
		t.Errorf("StopKubelet without a cluster = %v, want ErrNotANode", err)
	}
}
