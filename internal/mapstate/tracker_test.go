package mapstate_test

import (
	"errors"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
)

var t0 = mt.Epoch

func TestTrackerHealthyCluster(t *testing.T) {
	s := mt.Cluster{Workers: 2, Pods: 4}.Tracker().Snapshot(t0.Add(time.Second))
	if len(s.Nodes) != 3 || !s.Nodes[0].ControlPlane || s.Nodes[1].Name != "kubetutor-worker" || s.Nodes[2].Name != "kubetutor-worker2" {
		t.Fatalf("nodes: %+v", s.Nodes)
	}
	for _, k := range []mapstate.Kind{mapstate.APIServer, mapstate.Etcd, mapstate.Scheduler, mapstate.ControllerManager} {
		if c := s.Component(k); c.Health != mapstate.Up || c.Pod == nil {
			t.Errorf("%s: %v %s pod=%v", k, c.Health, c.Reason, c.Pod)
		}
	}
	if c := s.Component(mapstate.CloudControllerManager); c.Health != mapstate.Absent || c.Reason != mapstate.ReasonAbsentOnKind {
		t.Errorf("cloud-controller-manager: %v %s, want absent on kind", c.Health, c.Reason)
	}
	for _, n := range s.Nodes {
		for _, c := range n.Components {
			if c.Health != mapstate.Up {
				t.Errorf("%s %s: %v %s", n.Name, c.Kind, c.Health, c.Reason)
			}
		}
	}
	if got := len(s.Nodes[1].Pods) + len(s.Nodes[2].Pods); got != 4 || len(s.Nodes[0].Pods) != 0 {
		t.Errorf("lab pods per node: cp %d, workers %d; want 0 and 4", len(s.Nodes[0].Pods), got)
	}
	if cni := s.Nodes[1].Components[2]; cni.Detail != "kindnet" {
		t.Errorf("CNI detail %q", cni.Detail)
	}
	if rt := s.Nodes[1].Components[3]; rt.Detail != "containerd://2.1.4" {
		t.Errorf("runtime detail %q", rt.Detail)
	}
}

func TestTrackerNodeSilentAfterGracePeriod(t *testing.T) {
	tr := mt.Cluster{Workers: 2}.Tracker()
	grace := tr.GracePeriod().Period
	// The other nodes keep beating; kubetutor-worker's last renewal is t0.
	beat := func(at time.Time) {
		for _, n := range []string{"kubetutor-control-plane", "kubetutor-worker2"} {
			tr.SetLease(mt.Lease(n, at), at)
		}
	}
	beat(t0.Add(grace))
	s := tr.Snapshot(t0.Add(grace))
	if n := s.Node("kubetutor-worker"); n.Health != mapstate.Up || n.Silent != grace {
		t.Fatalf("at the grace period: %v %s silent %s; want up, silent %s", n.Health, n.Reason, n.Silent, grace)
	}
	beat(t0.Add(grace + 500*time.Millisecond))
	s = tr.Snapshot(t0.Add(grace + 500*time.Millisecond))
	n := s.Node("kubetutor-worker")
	if n.Health != mapstate.Down || n.Reason != mapstate.ReasonSilent {
		t.Fatalf("after the grace period: %v %s; want down, silent", n.Health, n.Reason)
	}
	if !n.LastHeartbeat.Equal(t0) {
		t.Errorf("last heartbeat %s, want %s", n.LastHeartbeat, t0)
	}
	if k := n.Components[0]; k.Kind != mapstate.Kubelet || k.Health != mapstate.Down {
		t.Errorf("kubelet %v, want down with its node", k.Health)
	}
	if p := n.Components[1]; p.Health != mapstate.Unknown {
		t.Errorf("kube-proxy on a silent node: %v, want unknown (its Running is stale)", p.Health)
	}
	if other := s.Node("kubetutor-worker2"); other.Health != mapstate.Up {
		t.Errorf("the other worker: %v", other.Health)
	}
}

func TestTrackerNodeConditions(t *testing.T) {
	for _, tc := range []struct {
		ready  corev1.ConditionStatus
		health mapstate.Health
		reason string
	}{
		{corev1.ConditionTrue, mapstate.Up, ""},
		{corev1.ConditionFalse, mapstate.Down, mapstate.ReasonNotReady},
		{corev1.ConditionUnknown, mapstate.Down, mapstate.ReasonNodeUnknown},
	} {
		t.Run(string(tc.ready), func(t *testing.T) {
			tr := mt.Cluster{Workers: 1}.Tracker()
			tr.SetNode(mt.Node("kubetutor-worker", false, tc.ready), t0)
			n := tr.Snapshot(t0.Add(time.Second)).Node("kubetutor-worker")
			if n.Health != tc.health || n.Reason != tc.reason {
				t.Errorf("got %v %q, want %v %q", n.Health, n.Reason, tc.health, tc.reason)
			}
		})
	}
}

func TestTrackerPodsMoveWhenRescheduled(t *testing.T) {
	tr := mt.Cluster{Workers: 2}.Tracker()
	at := t0.Add(time.Second)
	old := mt.Pod(mt.LabNamespace, "web-a", "kubetutor-worker", corev1.PodRunning, t0)
	tr.SetPod(old, at)
	if n := tr.Snapshot(at).Node("kubetutor-worker"); len(n.Pods) != 1 || n.Pods[0].Name != "web-a" {
		t.Fatalf("pods on worker: %+v", n.Pods)
	}
	// Eviction: the old pod terminates, its replacement waits for the scheduler.
	gone := old.DeepCopy()
	gone.DeletionTimestamp = &metav1.Time{Time: at}
	tr.SetPod(gone, at)
	if p := tr.Snapshot(at).Node("kubetutor-worker").Pods[0]; !p.Terminating {
		t.Error("the evicted pod is not shown terminating")
	}
	tr.DeletePod(mt.LabNamespace, "web-a", at.Add(time.Second))
	repl := mt.Pod(mt.LabNamespace, "web-b", "", corev1.PodPending, at)
	tr.SetPod(repl, at.Add(time.Second))
	s := tr.Snapshot(at.Add(time.Second))
	if len(s.Pending) != 1 || s.Pending[0].Name != "web-b" || len(s.Node("kubetutor-worker").Pods) != 0 {
		t.Fatalf("pending %+v, on worker %+v", s.Pending, s.Node("kubetutor-worker").Pods)
	}
	bound := repl.DeepCopy()
	bound.Spec.NodeName = "kubetutor-worker2"
	tr.SetPod(bound, at.Add(2*time.Second))
	s = tr.Snapshot(at.Add(2 * time.Second))
	if len(s.Pending) != 0 || len(s.Node("kubetutor-worker2").Pods) != 1 {
		t.Fatalf("after binding: pending %d, on worker2 %+v", len(s.Pending), s.Node("kubetutor-worker2").Pods)
	}
	if !s.Flashing(mapstate.FlowScheduled, "kubetutor-worker2", time.Second) {
		t.Errorf("no scheduling flow to worker2: %+v", s.Flows)
	}
	if s.Flashing(mapstate.FlowScheduled, "kubetutor-worker", time.Second) {
		t.Errorf("a scheduling flow to worker: %+v", s.Flows)
	}
	if later := tr.Snapshot(at.Add(2*time.Second + mapstate.FlowWindow + time.Millisecond)); len(later.Flows) != 0 {
		t.Errorf("flows older than the window stay: %+v", later.Flows)
	}
}

func TestTrackerAPIUnreachableIsNeverStaleGreen(t *testing.T) {
	tr := mt.Cluster{Workers: 2, Pods: 2}.Tracker()
	down := t0.Add(5 * time.Second)
	tr.SetReadyz(nil, errors.New("connection refused"), down)
	tr.SetReadyz(nil, errors.New("connection refused"), down.Add(time.Second)) // since stays
	s := tr.Snapshot(down.Add(12 * time.Second))
	if s.API.Reachable || !s.API.Since.Equal(down) || s.API.Down != 12*time.Second {
		t.Fatalf("api %+v; want unreachable since %s, down 12 s", s.API, down)
	}
	if c := s.Component(mapstate.APIServer); c.Health != mapstate.Down || c.Reason != mapstate.ReasonUnreachable {
		t.Errorf("apiserver %v %s", c.Health, c.Reason)
	}
	for _, c := range s.ControlPlane {
		if c.Health == mapstate.Up {
			t.Errorf("%s drawn up while the API is unreachable", c.Kind)
		}
	}
	for _, n := range s.Nodes {
		if n.Health == mapstate.Up {
			t.Errorf("node %s up while the API is unreachable", n.Name)
		}
		for _, c := range n.Components {
			if c.Health == mapstate.Up {
				t.Errorf("%s/%s up while the API is unreachable", n.Name, c.Kind)
			}
		}
	}
	tr.SetReadyz(mt.HealthyReadyz(), nil, down.Add(13*time.Second))
	s = tr.Snapshot(down.Add(13 * time.Second))
	if !s.API.Reachable || s.Component(mapstate.Etcd).Health != mapstate.Up || !s.API.Since.IsZero() {
		t.Errorf("after recovery: %+v etcd %v", s.API, s.Component(mapstate.Etcd).Health)
	}
}

func TestTrackerEtcdRestarting(t *testing.T) {
	tr := mt.Cluster{Workers: 1}.Tracker()
	at := t0.Add(10 * time.Second)
	etcd := mt.StaticPod("etcd", "kubetutor-control-plane", t0)
	etcd.Status.ContainerStatuses[0].RestartCount = 1
	etcd.Status.ContainerStatuses[0].Ready = false
	etcd.Status.ContainerStatuses[0].LastTerminationState.Terminated = &corev1.ContainerStateTerminated{
		FinishedAt: metav1.Time{Time: at.Add(-2 * time.Second)}}
	tr.SetPod(etcd, at)
	c := tr.Snapshot(at).Component(mapstate.Etcd)
	if c.Health != mapstate.Starting || c.Reason != mapstate.ReasonRestarting || c.Pod.Restarts != 1 {
		t.Fatalf("etcd %v %s restarts %d; want restarting", c.Health, c.Reason, c.Pod.Restarts)
	}
	// The API server says etcd does not answer: down, whatever the pod says.
	checks := mt.HealthyReadyz()
	for i := range checks {
		if checks[i].Name == "etcd" {
			checks[i].OK = false
		}
	}
	tr.SetReadyz(checks, nil, at)
	s := tr.Snapshot(at)
	if c := s.Component(mapstate.Etcd); c.Health != mapstate.Down || c.Reason != mapstate.ReasonReadyz {
		t.Errorf("etcd with a failing readyz check: %v %s", c.Health, c.Reason)
	}
	if c := s.Component(mapstate.APIServer); c.Health != mapstate.Starting || c.Reason != mapstate.ReasonReadyz || !s.API.Reachable {
		t.Errorf("apiserver answering not ready: %v %s reachable=%v", c.Health, c.Reason, s.API.Reachable)
	}
	// Long after the restart, a ready etcd is up again.
	etcd.Status.ContainerStatuses[0].Ready = true
	tr.SetPod(etcd, at)
	later := at.Add(mapstate.RestartWindow)
	tr.SetReadyz(mt.HealthyReadyz(), nil, later)
	tr.SetLease(mt.Lease("kubetutor-control-plane", later), later)
	if c := tr.Snapshot(later).Component(mapstate.Etcd); c.Health != mapstate.Up {
		t.Errorf("etcd after the restart window: %v %s", c.Health, c.Reason)
	}
}

func TestTrackerLeaderLeases(t *testing.T) {
	tr := mt.Cluster{Workers: 1}.Tracker()
	tr.SetLease(mt.LeaderLease("kube-scheduler", t0), t0)
	if c := tr.Snapshot(t0.Add(10 * time.Second)).Component(mapstate.Scheduler); c.Health != mapstate.Up {
		t.Errorf("scheduler with a fresh lease: %v %s", c.Health, c.Reason)
	}
	if c := tr.Snapshot(t0.Add(16 * time.Second)).Component(mapstate.Scheduler); c.Health != mapstate.Down || c.Reason != mapstate.ReasonNoLeader {
		t.Errorf("scheduler with a lease 16 s old (15 s duration): %v %s", c.Health, c.Reason)
	}
}

func TestTrackerHeartbeatFlows(t *testing.T) {
	tr := mt.Cluster{Workers: 1}.Tracker()
	at := t0.Add(4 * time.Second)
	tr.SetLease(mt.Lease("kubetutor-worker", at), at)
	s := tr.Snapshot(at.Add(100 * time.Millisecond))
	if !s.Flashing(mapstate.FlowHeartbeat, "kubetutor-worker", time.Second) {
		t.Errorf("no heartbeat flow: %+v", s.Flows)
	}
	if s.Flashing(mapstate.FlowHeartbeat, "kubetutor-control-plane", time.Second) {
		t.Error("a heartbeat flow for a node that did not renew")
	}
	// The first sight of a lease is not a heartbeat.
	tr.SetLease(mt.Lease("kubetutor-worker9", at), at)
	if s := tr.Snapshot(at); s.Flashing(mapstate.FlowHeartbeat, "kubetutor-worker9", time.Second) {
		t.Error("first sight counted as a heartbeat")
	}
}

func TestTrackerPodHealth(t *testing.T) {
	now := t0.Add(time.Minute)
	for _, tc := range []struct {
		name   string
		p      mapstate.PodInfo
		health mapstate.Health
		reason string
	}{
		{"running", mapstate.PodInfo{Phase: corev1.PodRunning, Ready: true}, mapstate.Up, ""},
		{"not ready", mapstate.PodInfo{Phase: corev1.PodRunning}, mapstate.Starting, mapstate.ReasonNotReadyPod},
		{"pending", mapstate.PodInfo{Phase: corev1.PodPending}, mapstate.Starting, mapstate.ReasonPending},
		{"crashloop", mapstate.PodInfo{Phase: corev1.PodRunning, Reason: "CrashLoopBackOff"}, mapstate.Down, mapstate.ReasonWaiting},
		{"failed", mapstate.PodInfo{Phase: corev1.PodFailed}, mapstate.Down, mapstate.ReasonFailed},
		{"terminating", mapstate.PodInfo{Phase: corev1.PodRunning, Ready: true, Terminating: true}, mapstate.Down, mapstate.ReasonTerminating},
		{"restarted long ago", mapstate.PodInfo{Phase: corev1.PodRunning, Ready: true, LastRestart: now.Add(-time.Hour)}, mapstate.Up, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h, r := mapstate.PodHealth(tc.p, now)
			if h != tc.health || r != tc.reason {
				t.Errorf("got %v %q, want %v %q", h, r, tc.health, tc.reason)
			}
		})
	}
}

func TestParseReadyz(t *testing.T) {
	body := "[+]ping ok\n[+]log ok\n[-]etcd failed: reason withheld\n[+]poststarthook/start-informers ok\nreadyz check failed\n"
	got := mapstate.ParseReadyz(body)
	want := []mapstate.Check{{"ping", true}, {"log", true}, {"etcd", false}, {"poststarthook/start-informers", true}}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("check %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(mapstate.ParseReadyz("ok")) != 0 {
		t.Error("a plain « ok » has no checks")
	}
}

// TestTrackerCNIPlugins: the node pods of the usual CNI plugins, kube-router (kubetutor's
// node image) among them, are each node's CNI; an operator is not.
func TestTrackerCNIPlugins(t *testing.T) {
	for pod, want := range map[string]string{
		"kindnet-x7k2p": "kindnet", "kube-router-4hd8s": "kube-router", "calico-node-abcde": "calico",
		"cilium-9zq2w": "cilium", "cilium-operator-6f5d8-abcde": "", "coredns-7db6d8ff4d-xyz12": "",
	} {
		tr := mt.Cluster{Workers: 1}.Tracker()
		tr.DeletePod(mapstate.SystemNamespace, "kindnet-w000", t0) // the fixture's own CNI
		tr.SetPod(mt.SystemPod(pod, "kubetutor-worker", t0), t0)
		cni := tr.Snapshot(t0).Node("kubetutor-worker").Components[2]
		if cni.Detail != want {
			t.Errorf("%s: CNI %q, want %q", pod, cni.Detail, want)
		}
	}
}
