package mapstate_test

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/version"
	fakediscovery "k8s.io/client-go/discovery/fake"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
)

// TestDefaultGracePeriodFor: Kubernetes' default node-monitor grace period by server
// version: 40 s until 1.31, 50 s since 1.32 (pkg/controller/nodelifecycle/config/v1alpha1
// of v1.37.2 sets 50 s); no version, no default.
func TestDefaultGracePeriodFor(t *testing.T) {
	for v, want := range map[string]time.Duration{
		"v1.37.2": 50 * time.Second, "v1.32.0": 50 * time.Second, "v1.33.1+k3s1": 50 * time.Second,
		"v1.31.9": 40 * time.Second, "v1.28.0-gke.100": 40 * time.Second, "v1.21.0": 40 * time.Second,
		"": 0, "v0.0.0-master+$Format:%H$": 0, "garbage": 0,
	} {
		got, ok := mapstate.DefaultGracePeriodFor(v)
		if got != want || ok != (want != 0) {
			t.Errorf("%q: %s %v, want %s", v, got, ok, want)
		}
	}
}

// kcm is a kube-controller-manager static pod with args.
func kcm(args ...string) *corev1.Pod {
	p := mt.StaticPod("kube-controller-manager", "kubetutor-control-plane", t0)
	p.Spec.Containers[0].Command = append([]string{"kube-controller-manager"}, args...)
	return p
}

// TestGracePeriodFlag reads --node-monitor-grace-period in the forms kubeadm and a person
// write it; anything else is no flag.
func TestGracePeriodFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want time.Duration
	}{
		{[]string{"--leader-elect=true", "--node-monitor-grace-period=20s"}, 20 * time.Second},
		{[]string{"--node-monitor-grace-period", "1m30s"}, 90 * time.Second},
		{[]string{"-node-monitor-grace-period=16s"}, 16 * time.Second},
		{[]string{"--node-monitor-period=2s"}, 0},
		{[]string{"--node-monitor-grace-period=soon"}, 0},
		{[]string{"--node-monitor-grace-period=-5s"}, 0},
		{[]string{"node-monitor-grace-period=20s"}, 0},
		{nil, 0},
	} {
		got, ok := mapstate.GracePeriodFlag(kcm(tc.args...))
		if got != tc.want || ok != (tc.want != 0) {
			t.Errorf("%q: %s %v, want %s", tc.args, got, ok, tc.want)
		}
	}
	p := kcm()
	p.Spec.Containers[0].Args = []string{"--node-monitor-grace-period=45s"} // in args, not command
	if got, _ := mapstate.GracePeriodFlag(p); got != 45*time.Second {
		t.Errorf("flag in args: %s", got)
	}
}

// TestTrackerGracePeriodSources: the controller-manager's flag wins over the version's
// default, which wins over the assumed default; a given period wins over all. A node
// silent for 30 s is down with the flag's 20 s, up with 1.31's 40 s.
func TestTrackerGracePeriodSources(t *testing.T) {
	silent30 := func(tr *mapstate.Tracker) mapstate.State {
		at := t0.Add(30 * time.Second)
		for _, n := range []string{"kubetutor-control-plane", "kubetutor-worker2"} {
			tr.SetLease(mt.Lease(n, at), at)
		}
		return tr.Snapshot(at)
	}
	tr := mapstate.NewTracker(0)
	mt.Feed(tr, t0, mt.Cluster{Workers: 2}.Objects()...)
	tr.SetPod(kcm("--leader-elect=true"), t0) // kube-controller-manager without the flag
	if g := tr.GracePeriod(); g.Source != mapstate.GraceAssumed || g.Period != 50*time.Second {
		t.Errorf("nothing read: %+v", g)
	}
	tr.SetServerVersion("v1.31.4")
	if g := tr.GracePeriod(); g.Source != mapstate.GraceVersionDefault || g.Period != 40*time.Second || g.Version != "v1.31.4" {
		t.Errorf("version 1.31: %+v", g)
	}
	if n := silent30(tr).Node("kubetutor-worker"); n.Health != mapstate.Up {
		t.Errorf("30 s silent with a 40 s grace: %v %s", n.Health, n.Reason)
	}
	tr.SetPod(kcm("--node-monitor-grace-period=20s"), t0.Add(time.Second))
	s := silent30(tr)
	if s.Grace.Source != mapstate.GraceFlag || s.Grace.Period != 20*time.Second {
		t.Errorf("with the flag: %+v", s.Grace)
	}
	if n := s.Node("kubetutor-worker"); n.Health != mapstate.Down || n.Reason != mapstate.ReasonSilent {
		t.Errorf("30 s silent with a 20 s grace: %v %s", n.Health, n.Reason)
	}

	given := mapstate.NewTracker(8 * time.Second)
	given.SetServerVersion("v1.37.2")
	given.SetPod(kcm("--node-monitor-grace-period=20s"), t0)
	if g := given.GracePeriod(); g.Source != mapstate.GraceGiven || g.Period != 8*time.Second {
		t.Errorf("given: %+v", g)
	}
}

// TestWatcherReadsTheGracePeriod: a Watcher without a given period asks the API server's
// version (fake discovery) and reads the controller-manager's pod.
func TestWatcherReadsTheGracePeriod(t *testing.T) {
	for _, tc := range []struct {
		name    string
		version string
		args    []string
		want    mapstate.Grace
	}{
		{"flag", "v1.37.2", []string{"--node-monitor-grace-period=20s"}, mapstate.Grace{Period: 20 * time.Second, Source: mapstate.GraceFlag}},
		{"1.37 default", "v1.37.2", nil, mapstate.Grace{Period: 50 * time.Second, Source: mapstate.GraceVersionDefault, Version: "v1.37.2"}},
		{"1.30 default", "v1.30.14", nil, mapstate.Grace{Period: 40 * time.Second, Source: mapstate.GraceVersionDefault, Version: "v1.30.14"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			objs := mt.Cluster{Workers: 1, At: time.Now()}.Objects()
			for i, o := range objs {
				if p, ok := o.(*corev1.Pod); ok && p.Name == "kube-controller-manager-kubetutor-control-plane" {
					objs[i] = kcm(tc.args...)
				}
			}
			client := fake.NewClientset(objs...)
			client.Discovery().(*fakediscovery.FakeDiscovery).FakedServerVersion = &version.Info{GitVersion: tc.version}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := mapstate.Watch(ctx, client, mapstate.Options{ReadyzEvery: 20 * time.Millisecond,
				Probe: func(context.Context) ([]mapstate.Check, error) { return mt.HealthyReadyz(), nil }})
			s := waitState(t, w, "the grace period read", func(s mapstate.State) bool {
				return s.Synced && s.Grace.Source != mapstate.GraceAssumed && (tc.args == nil || s.Grace.Source == mapstate.GraceFlag)
			})
			if s.Grace != tc.want {
				t.Errorf("grace %+v, want %+v", s.Grace, tc.want)
			}
		})
	}
}
