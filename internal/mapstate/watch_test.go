package mapstate_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
)

// waitState waits for a snapshot of w that satisfies ok (the informers of the fake
// clientset deliver in their own goroutines).
func waitState(t *testing.T, w *mapstate.Watcher, what string, ok func(mapstate.State) bool) mapstate.State {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	for {
		s := w.Snapshot()
		if ok(s) {
			return s
		}
		select {
		case <-w.Changed():
		case <-time.After(50 * time.Millisecond):
		case <-deadline:
			t.Fatalf("%s: never seen; last state %+v", what, s)
		}
	}
}

func TestWatcherFollowsTheFakeCluster(t *testing.T) {
	now := time.Now()
	client := fake.NewClientset(mt.Cluster{Workers: 2, Pods: 2, At: now}.Objects()...)
	var reachable atomic.Bool
	reachable.Store(true)
	probe := func(context.Context) ([]mapstate.Check, error) {
		if !reachable.Load() {
			return nil, errors.New("dial tcp 127.0.0.1:6443: connection refused")
		}
		return mt.HealthyReadyz(), nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	w := mapstate.Watch(ctx, client, mapstate.Options{Namespaces: []string{mt.LabNamespace}, Probe: probe,
		ReadyzEvery: 20 * time.Millisecond})

	s := waitState(t, w, "synced, 3 nodes, 2 lab pods, API up", func(s mapstate.State) bool {
		return s.Synced && len(s.Nodes) == 3 && len(s.Node("kubetutor-worker").Pods)+len(s.Node("kubetutor-worker2").Pods) == 2 &&
			s.API.Reachable && s.Component(mapstate.Etcd).Health == mapstate.Up
	})
	if s.Component(mapstate.APIServer).Health != mapstate.Up {
		t.Errorf("apiserver %v", s.Component(mapstate.APIServer).Health)
	}

	// A new pod, then the scheduler binds it: the map shows it pending, then on its node,
	// and the scheduling flow.
	p := mt.Pod(mt.LabNamespace, "web-new", "", corev1.PodPending, now)
	if _, err := client.CoreV1().Pods(mt.LabNamespace).Create(ctx, p, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitState(t, w, "web-new pending", func(s mapstate.State) bool { return len(s.Pending) == 1 })
	p.Spec.NodeName = "kubetutor-worker2"
	if _, err := client.CoreV1().Pods(mt.LabNamespace).Update(ctx, p, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitState(t, w, "web-new on worker2 with its flow", func(s mapstate.State) bool {
		return len(s.Pending) == 0 && s.Flashing(mapstate.FlowScheduled, "kubetutor-worker2", mapstate.FlowWindow)
	})

	// A pod of a namespace the map does not watch is not shown.
	other := mt.Pod("elsewhere", "x", "kubetutor-worker", corev1.PodRunning, now)
	if _, err := client.CoreV1().Pods("elsewhere").Create(ctx, other, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}

	// A node goes NotReady.
	n := mt.Node("kubetutor-worker", false, corev1.ConditionFalse)
	if _, err := client.CoreV1().Nodes().Update(ctx, n, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	s = waitState(t, w, "worker NotReady", func(s mapstate.State) bool {
		return s.Node("kubetutor-worker").Health == mapstate.Down
	})
	for _, node := range s.Nodes {
		for _, pod := range node.Pods {
			if pod.Namespace == "elsewhere" {
				t.Errorf("pod of an unwatched namespace shown: %+v", pod)
			}
		}
	}

	// The API stops answering: unreachable, and nothing stays green.
	reachable.Store(false)
	s = waitState(t, w, "API unreachable", func(s mapstate.State) bool { return s.API.Known && !s.API.Reachable })
	if s.Component(mapstate.Etcd).Health == mapstate.Up || s.Node("kubetutor-worker2").Health == mapstate.Up {
		t.Error("stale green while the API is unreachable")
	}
	reachable.Store(true)
	waitState(t, w, "API back", func(s mapstate.State) bool { return s.API.Reachable })
}

func TestLastEvents(t *testing.T) {
	now := time.Now()
	ev := func(name, obj, reason string, at time.Time) *corev1.Event {
		return &corev1.Event{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "kube-system"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: obj, Namespace: "kube-system"},
			Reason:         reason, Type: "Normal", LastTimestamp: metav1.Time{Time: at}}
	}
	client := fake.NewClientset(ev("a", "etcd-cp", "Pulled", now.Add(-time.Minute)),
		ev("b", "etcd-cp", "Started", now), ev("c", "other", "Killing", now))
	got, err := mapstate.LastEvents(context.Background(), client, "Pod", "kube-system", "etcd-cp", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Reason != "Started" || got[1].Reason != "Pulled" {
		t.Errorf("events: %+v", got)
	}
}
