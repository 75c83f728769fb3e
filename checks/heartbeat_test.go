package checks

import (
	"testing"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
)

func lease(node string, ago time.Duration) *coordinationv1.Lease {
	t := metav1.NewMicroTime(testNow.Add(-ago))
	return &coordinationv1.Lease{ObjectMeta: metav1.ObjectMeta{Namespace: corev1.NamespaceNodeLease, Name: node},
		Spec: coordinationv1.LeaseSpec{RenewTime: &t}}
}

// TestNodeHeartbeat: a node condition set by hand (through the status subresource) or a
// taint added by hand is not a stopped kubelet; a Ready condition patched back is not a
// repaired one. The Lease the kubelet renews tells them apart.
func TestNodeHeartbeat(t *testing.T) {
	const w2 = "kubetutor-worker2"
	stopped := `{"node": "kubetutor-worker2", "status": "Unknown", "taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"}], "heartbeat": "stopped"}`
	running := `{"node": "kubetutor-worker2", "status": "True", "taints": [{"key": "node.kubernetes.io/unreachable", "absent": true}], "heartbeat": "running"}`
	unreachable := tainted("node.kubernetes.io/unreachable", corev1.TaintEffectNoExecute)
	tests := []struct {
		name   string
		params string
		objs   []runtime.Object
		want   Status
		says   string
	}{
		{"kubelet stopped", stopped, []runtime.Object{node(w2, corev1.ConditionUnknown, unreachable), lease(w2, 40*time.Second)}, Passed, ""},
		{"condition and taint set by hand, kubelet alive", stopped, []runtime.Object{node(w2, corev1.ConditionUnknown, unreachable), lease(w2, 3*time.Second)}, Failed, "renouvelle toujours son bail"},
		{"cordoned instead", stopped, []runtime.Object{node(w2, corev1.ConditionTrue, cordoned), lease(w2, 3*time.Second)}, Failed, "Ready=True"},
		{"kubelet started again", running, []runtime.Object{node(w2, corev1.ConditionTrue), lease(w2, 2*time.Second)}, Passed, ""},
		{"Ready patched back, kubelet still stopped", running, []runtime.Object{node(w2, corev1.ConditionTrue), lease(w2, 90*time.Second)}, Failed, "ne renouvelle plus son bail"},
		{"no Lease at all", running, []runtime.Object{node(w2, corev1.ConditionTrue)}, Failed, "pas de bail"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, fakeEnv(tt.objs...), "node-state", tt.params), tt.want, tt.says)
		})
	}
}

// TestWorkloadEvictedByTaints: pods away from the failed node count only when the taint
// eviction controller evicted them, not when they were deleted or drained by hand.
func TestWorkloadEvictedByTaints(t *testing.T) {
	const params = `{"namespace": "lab-panne", "name": "web", "replicas": 2, "awayFrom": "kubetutor-worker2", "evictedByTaints": true}`
	web := map[string]string{"app": "web"}
	readyPod := func(ns, name, node string) *corev1.Pod { return pod(ns, name, node, corev1.PodRunning, true, web) }
	base := func() []runtime.Object {
		return []runtime.Object{
			deployment("lab-panne", "web", 2, 2),
			readyPod("lab-panne", "web-a", "kubetutor-worker"),
			readyPod("lab-panne", "web-b", "kubetutor-worker"),
		}
	}
	expect(t, run(t, fakeEnv(base()...), "workload", params), Failed, "aucun n’a été évincé")
	evicted := readyPod("lab-panne", "web-old", "kubetutor-worker2")
	now := metav1.NewTime(testNow)
	evicted.DeletionTimestamp = &now
	evicted.Status.Conditions = append(evicted.Status.Conditions, corev1.PodCondition{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue, Reason: reasonTaintDeletion, LastTransitionTime: now})
	expect(t, run(t, fakeEnv(append(base(), evicted)...), "workload", params), Passed)
	ev := &corev1.Event{ObjectMeta: metav1.ObjectMeta{Namespace: "lab-panne", Name: "web-old.1"}, Reason: reasonTaintEvent,
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web-old"}, LastTimestamp: now}
	expect(t, run(t, fakeEnv(append(base(), ev)...), "workload", params), Passed)
}

// TestPodsNotMadeByHand: pods created with the right labels by kubectl are not the
// control plane's static pods nor CoreDNS.
func TestPodsNotMadeByHand(t *testing.T) {
	cp := map[string]string{"tier": "control-plane"}
	dns := map[string]string{"k8s-app": "kube-dns"}
	yes := true
	fakePod := func(name string, l map[string]string) *corev1.Pod {
		return pod("kube-system", name, "kubetutor-worker", corev1.PodRunning, true, l)
	}
	var fakes []runtime.Object
	for _, n := range []string{"a", "b", "c", "d"} {
		fakes = append(fakes, fakePod("fake-"+n, cp), fakePod("dns-"+n, dns))
	}
	const static = `{"namespace": "kube-system", "selector": "tier=control-plane", "min": 4, "mirror": true}`
	const coredns = `{"namespace": "kube-system", "selector": "k8s-app=kube-dns", "ownedBy": "coredns"}`
	expect(t, run(t, fakeEnv(fakes...), "pods-running", static), Pending)
	expect(t, run(t, fakeEnv(fakes...), "pods-running", coredns), Pending)
	var real []runtime.Object
	for _, c := range []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"} {
		p := staticPod(c, "kubetutor-control-plane")
		p.Labels["tier"] = "control-plane"
		real = append(real, p)
	}
	d := fakePod("coredns-7db6d8ff4d-x2x9k", dns)
	d.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "coredns-7db6d8ff4d", Controller: &yes}}
	expect(t, run(t, fakeEnv(append(fakes, real...)...), "pods-running", static), Passed, "4/4")
	expect(t, run(t, fakeEnv(append(fakes, d)...), "pods-running", coredns), Passed, "1/1")
}
