package mapstate_test

import (
	"context"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"kubetutor/internal/mapstate"
	"kubetutor/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }

// runningOn counts the map's Running, not terminating pods per node.
func runningOn(s mapstate.State) map[string]int {
	out := map[string]int{}
	for _, n := range s.Nodes {
		for _, p := range n.Pods {
			if p.Phase == corev1.PodRunning && !p.Terminating {
				out[n.Name]++
			}
		}
	}
	return out
}

// TestIntegrationMapNodeFailure stops a kwok node's heartbeat on the test control plane:
// the map marks the node down no later than the grace period plus a second after its
// last heartbeat, and shows its pods move to the other worker.
func TestIntegrationMapNodeFailure(t *testing.T) {
	env := testenv.Shared(t)
	ns := env.NewNamespace(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	grace := env.Options.NodeMonitorGracePeriod
	w := mapstate.Watch(ctx, env.Client, mapstate.Options{Namespaces: []string{ns}, GracePeriod: grace})
	cp, worker, other := env.Nodes()[0], env.Nodes()[1], env.Nodes()[2]

	s := waitState(t, w, "synced, nodes and control plane up", func(s mapstate.State) bool {
		if !s.Synced || !s.API.Reachable || len(s.Nodes) != 3 {
			return false
		}
		for _, n := range s.Nodes {
			if n.Health != mapstate.Up {
				return false
			}
		}
		return s.Component(mapstate.APIServer).Health == mapstate.Up && s.Component(mapstate.Etcd).Health == mapstate.Up
	})
	if !s.Nodes[0].ControlPlane || s.Nodes[0].Name != cp {
		t.Errorf("first node %+v, want the control plane %s", s.Nodes[0].Name, cp)
	}
	if len(s.Component(mapstate.Etcd).Checks) == 0 {
		t.Errorf("no etcd check from the real /readyz: %+v", s.API.Checks)
	}
	for _, k := range []mapstate.Kind{mapstate.Scheduler, mapstate.ControllerManager} {
		if c := s.Component(k); c.Health != mapstate.Up || c.Pod == nil || c.Pod.Node != cp {
			t.Errorf("%s: %v %s pod %+v", k, c.Health, c.Reason, c.Pod)
		}
	}

	if out, err := env.Kubectl(ctx, "-n", ns, "create", "deployment", "web", "--image=nginx", "--replicas=4"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	scheduled := false
	s = waitState(t, w, "4 pods Running on the workers", func(s mapstate.State) bool {
		scheduled = scheduled || s.Flashing(mapstate.FlowScheduled, "", mapstate.FlowWindow)
		r := runningOn(s)
		return r[worker]+r[other] == 4 && r[worker] > 0
	})
	if !scheduled {
		t.Error("no scheduling flow seen while 4 pods were placed")
	}

	na := env.NodeAccess()
	t.Cleanup(func() { // leave the shared environment as found
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := na.StartKubelet(ctx, worker); err != nil {
			t.Error(err)
		}
		if err := env.WaitNodesReady(ctx); err != nil {
			t.Error(err)
		}
	})
	if err := na.StopKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	stopped := time.Now()
	var marked time.Time
	var node mapstate.Node
	for marked.IsZero() {
		select {
		case <-ctx.Done():
			t.Fatalf("%s never marked down", worker)
		case <-time.After(100 * time.Millisecond):
		}
		s := w.Snapshot()
		if n := s.Node(worker); n != nil && n.Health == mapstate.Down {
			marked, node = s.At, *n
		}
	}
	late := marked.Sub(node.LastHeartbeat)
	t.Logf("%s marked down (%s) %s after StopKubelet, %s after its last heartbeat (grace %s)",
		worker, node.Reason, marked.Sub(stopped).Round(10*time.Millisecond), late.Round(10*time.Millisecond), grace)
	if node.LastHeartbeat.IsZero() {
		t.Fatal("no heartbeat known for the node")
	}
	if late > grace+time.Second {
		t.Errorf("marked %s after the last heartbeat: more than the grace period %s plus a second", late, grace)
	}
	if node.Reason != mapstate.ReasonSilent && node.Reason != mapstate.ReasonNodeUnknown && node.Reason != mapstate.ReasonNotReady {
		t.Errorf("reason %q", node.Reason)
	}
	if c := node.Components[0]; c.Health != mapstate.Down {
		t.Errorf("kubelet of the silent node: %v", c.Health)
	}

	movedFlow := false
	s = waitState(t, w, "the 4 pods Running on the other worker", func(s mapstate.State) bool {
		movedFlow = movedFlow || s.Flashing(mapstate.FlowScheduled, other, mapstate.FlowWindow)
		return runningOn(s)[other] == 4
	})
	t.Logf("4 pods Running on %s on the map %s after StopKubelet", other, time.Since(stopped).Round(10*time.Millisecond))
	if !movedFlow {
		t.Errorf("no scheduling flow to %s while the pods moved", other)
	}
	if n := s.Node(other); n.Health != mapstate.Up {
		t.Errorf("%s: %v %s", other, n.Health, n.Reason)
	}
}

// TestIntegrationMapGraceFromTheServerVersion: on the test control plane the
// controller-manager runs outside the cluster (its stand-in pod shows no flags), so the map
// takes the grace period from the real API server's /version: Kubernetes' default for
// that version (50 s for v1.37, as its pkg/controller/nodelifecycle defaults say).
func TestIntegrationMapGraceFromTheServerVersion(t *testing.T) {
	env := testenv.Shared(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	info, err := env.Client.Discovery().ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	w := mapstate.Watch(ctx, env.Client, mapstate.Options{})
	s := waitState(t, w, "the grace period from the server's version", func(s mapstate.State) bool {
		return s.Synced && s.Component(mapstate.ControllerManager).Pod != nil && s.Grace.Source != mapstate.GraceAssumed
	})
	t.Logf("server %s: grace %s (%v)", info.GitVersion, s.Grace.Period, s.Grace.Source)
	if s.Grace.Source != mapstate.GraceVersionDefault || s.Grace.Version != info.GitVersion {
		t.Fatalf("grace %+v, want the default of %s", s.Grace, info.GitVersion)
	}
	want, _ := mapstate.DefaultGracePeriodFor(info.GitVersion)
	if strings.HasPrefix(info.GitVersion, "v1.37.") {
		want = 50 * time.Second // read in v1.37.2's source, not from the function under test
	}
	if s.Grace.Period != want {
		t.Errorf("grace %s for %s, want %s", s.Grace.Period, info.GitVersion, want)
	}
}
