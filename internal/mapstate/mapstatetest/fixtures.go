// Package mapstatetest builds the Kubernetes objects of a kind-like cluster (nodes, their
// leases, the control plane's static pods, kube-proxy and kindnet pods, lab pods) for the
// map's tests, goldens and benchmarks, fed to a fake clientset or straight to a Tracker.
package mapstatetest

import (
	"fmt"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"kubetutor/internal/mapstate"
)

// Epoch is the fixed time fixtures are built at.
var Epoch = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

// LabNamespace is the namespace of the fixtures' lab pods.
const LabNamespace = "lab-panne"

// Cluster describes a cluster to build.
type Cluster struct {
	Name string // kind's cluster name, "kubetutor" when empty
	// Workers is the number of worker nodes.
	Workers int
	// Pods is the number of lab pods, spread over the workers in turn.
	Pods int
	// At is when everything was last seen healthy (Epoch when zero).
	At time.Time
}

// Objects returns the cluster's objects.
func (c Cluster) Objects() []runtime.Object {
	if c.Name == "" {
		c.Name = "kubetutor"
	}
	if c.At.IsZero() {
		c.At = Epoch
	}
	cp := c.Name + "-control-plane"
	objs := []runtime.Object{Node(cp, true, corev1.ConditionTrue), Lease(cp, c.At)}
	for _, comp := range []string{"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"} {
		objs = append(objs, StaticPod(comp, cp, c.At))
	}
	objs = append(objs, SystemPod("kube-proxy-cp000", cp, c.At), SystemPod("kindnet-cp000", cp, c.At))
	workers := WorkerNames(c.Name, c.Workers)
	for i, w := range workers {
		objs = append(objs, Node(w, false, corev1.ConditionTrue), Lease(w, c.At),
			SystemPod(fmt.Sprintf("kube-proxy-w%03d", i), w, c.At), SystemPod(fmt.Sprintf("kindnet-w%03d", i), w, c.At))
	}
	for i := 0; i < c.Pods && len(workers) > 0; i++ {
		objs = append(objs, Pod(LabNamespace, fmt.Sprintf("web-7d4b9c-%05d", i), workers[i%len(workers)], corev1.PodRunning, c.At))
	}
	return objs
}

// Tracker returns a tracker that has seen the cluster's objects (and a healthy /readyz)
// at c.At.
func (c Cluster) Tracker() *mapstate.Tracker {
	t := mapstate.NewTracker(0)
	at := c.At
	if at.IsZero() {
		at = Epoch
	}
	Feed(t, at, c.Objects()...)
	t.SetReadyz(HealthyReadyz(), nil, at)
	t.MarkSynced()
	return t
}

// Feed gives objs to t as an informer would.
func Feed(t *mapstate.Tracker, at time.Time, objs ...runtime.Object) {
	for _, o := range objs {
		switch o := o.(type) {
		case *corev1.Node:
			t.SetNode(o, at)
		case *corev1.Pod:
			t.SetPod(o, at)
		case *coordinationv1.Lease:
			t.SetLease(o, at)
		}
	}
}

// HealthyReadyz are the checks of a ready API server.
func HealthyReadyz() []mapstate.Check {
	return []mapstate.Check{{Name: "ping", OK: true}, {Name: "log", OK: true}, {Name: "etcd", OK: true},
		{Name: "etcd-readiness", OK: true}, {Name: "informer-sync", OK: true}, {Name: "shutdown", OK: true}}
}

// WorkerNames names n workers as kind does.
func WorkerNames(cluster string, n int) []string {
	var out []string
	for i := 1; i <= n; i++ {
		name := cluster + "-worker"
		if i > 1 {
			name += fmt.Sprint(i)
		}
		out = append(out, name)
	}
	return out
}

// Node returns a node whose Ready condition is ready.
func Node(name string, controlPlane bool, ready corev1.ConditionStatus) *corev1.Node {
	n := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name}},
		Status: corev1.NodeStatus{
			Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: ready}},
			NodeInfo:   corev1.NodeSystemInfo{ContainerRuntimeVersion: "containerd://2.1.4", KubeletVersion: "v1.37.2"},
		},
	}
	if controlPlane {
		n.Labels["node-role.kubernetes.io/control-plane"] = ""
	}
	return n
}

// Lease returns node's lease renewed at renew.
func Lease(node string, renew time.Time) *coordinationv1.Lease {
	d := int32(40)
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Name: node, Namespace: mapstate.NodeLeaseNamespace},
		Spec: coordinationv1.LeaseSpec{HolderIdentity: &node, LeaseDurationSeconds: &d,
			RenewTime: &metav1.MicroTime{Time: renew}},
	}
}

// LeaderLease returns a kube-system leader-election lease renewed at renew.
func LeaderLease(name string, renew time.Time) *coordinationv1.Lease {
	d := int32(15)
	return &coordinationv1.Lease{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: mapstate.SystemNamespace},
		Spec:       coordinationv1.LeaseSpec{LeaseDurationSeconds: &d, RenewTime: &metav1.MicroTime{Time: renew}},
	}
}

// Pod returns a pod of ns bound to node (none when node is "") in phase.
func Pod(ns, name, node string, phase corev1.PodPhase, created time.Time) *corev1.Pod {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: ns, CreationTimestamp: metav1.Time{Time: created},
			Labels: map[string]string{"app": "web"}},
		Spec:   corev1.PodSpec{NodeName: node, Containers: []corev1.Container{{Name: "web", Image: "nginx:1.27"}}},
		Status: corev1.PodStatus{Phase: phase},
	}
	if phase == corev1.PodRunning {
		p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "web", Ready: true,
			State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}
	}
	return p
}

// StaticPod returns the mirror pod of a control-plane component on node, as kubeadm
// names it.
func StaticPod(component, node string, created time.Time) *corev1.Pod {
	p := Pod(mapstate.SystemNamespace, component+"-"+node, node, corev1.PodRunning, created)
	p.Labels = map[string]string{"component": component, "tier": "control-plane"}
	p.Annotations = map[string]string{corev1.MirrorPodAnnotationKey: "x"}
	p.Spec.Containers[0] = corev1.Container{Name: component, Image: component + ":v1.37.2"}
	switch component {
	case "etcd":
		p.Spec.Containers[0].Image = "etcd:3.7.3-0"
	case "kube-controller-manager":
		// As kubeadm writes it from kubetutor's cluster configuration.
		p.Spec.Containers[0].Command = []string{component, "--leader-elect=true",
			"--node-monitor-grace-period=" + KubetutorGracePeriod.String(), "--node-monitor-period=2s"}
	}
	return p
}

// KubetutorGracePeriod is the node-monitor grace period kubetutor's kind clusters set
// (and the fixtures' controller-manager carries).
const KubetutorGracePeriod = 20 * time.Second

// SystemPod returns a running kube-system pod on node.
func SystemPod(name, node string, created time.Time) *corev1.Pod {
	p := Pod(mapstate.SystemNamespace, name, node, corev1.PodRunning, created)
	p.Spec.Containers[0].Image = "kube-proxy:v1.37.2"
	if len(name) > 7 && name[:7] == "kindnet" {
		p.Spec.Containers[0].Image = "kindest/kindnetd:v20250512"
	}
	return p
}
