package archmap

import (
	"errors"
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
)

// The fixed cluster states of the goldens, all seen at mt.Epoch plus a few seconds.
var t0 = mt.Epoch

func healthy(workers, pods int) mapstate.State {
	at := t0.Add(3 * time.Second)
	tr := mt.Cluster{Workers: workers, Pods: pods}.Tracker()
	for _, n := range append([]string{"kubetutor-control-plane"}, mt.WorkerNames("kubetutor", workers)...) {
		tr.SetLease(mt.Lease(n, at.Add(-time.Second)), at.Add(-time.Second))
	}
	return tr.Snapshot(at)
}

// notReady: kubetutor-worker went silent 25 s ago; its pods were evicted and their
// replacements wait for the scheduler or already run on kubetutor-worker2.
func notReady() mapstate.State {
	tr := mt.Cluster{Workers: 2, Pods: 6}.Tracker()
	at := t0.Add(25 * time.Second)
	for _, n := range []string{"kubetutor-control-plane", "kubetutor-worker2"} {
		tr.SetLease(mt.Lease(n, at.Add(-2*time.Second)), at.Add(-2*time.Second))
	}
	tr.SetNode(mt.Node("kubetutor-worker", false, corev1.ConditionUnknown), at)
	for i := 0; i < 6; i += 2 { // the pods of kubetutor-worker (0, 2, 4) are evicted
		p := mt.Pod(mt.LabNamespace, fmt.Sprintf("web-7d4b9c-%05d", i), "kubetutor-worker", corev1.PodRunning, t0)
		p.DeletionTimestamp = &metav1.Time{Time: at.Add(-5 * time.Second)}
		tr.SetPod(p, at.Add(-5*time.Second))
	}
	tr.SetPod(mt.Pod(mt.LabNamespace, "web-7d4b9c-00100", "kubetutor-worker2", corev1.PodPending, at), at)
	tr.SetPod(mt.Pod(mt.LabNamespace, "web-7d4b9c-00101", "", corev1.PodPending, at), at)
	tr.SetPod(mt.Pod(mt.LabNamespace, "web-7d4b9c-00102", "", corev1.PodPending, at), at)
	return tr.Snapshot(at)
}

// etcdRestarting: etcd's container restarted 2 s ago and is not ready yet.
func etcdRestarting() mapstate.State {
	tr := mt.Cluster{Workers: 2, Pods: 4}.Tracker()
	at := t0.Add(5 * time.Second)
	etcd := mt.StaticPod("etcd", "kubetutor-control-plane", t0)
	cs := &etcd.Status.ContainerStatuses[0]
	cs.RestartCount, cs.Ready = 1, false
	cs.LastTerminationState.Terminated = &corev1.ContainerStateTerminated{FinishedAt: metav1.Time{Time: at.Add(-2 * time.Second)}}
	tr.SetPod(etcd, at)
	checks := mt.HealthyReadyz()
	for i := range checks {
		if checks[i].Name == "etcd" {
			checks[i].OK = false
		}
	}
	tr.SetReadyz(checks, nil, at)
	return tr.Snapshot(at)
}

// unreachable: the API server stopped answering 12 s ago.
func unreachable() mapstate.State {
	tr := mt.Cluster{Workers: 2, Pods: 4}.Tracker()
	tr.SetReadyz(nil, errors.New("connection refused"), t0.Add(time.Second))
	return tr.Snapshot(t0.Add(13 * time.Second))
}

// controlPlaneDown: the control-plane node went silent 3 min ago (its status is long in
// the frame's title and the compact form's second line).
func controlPlaneDown() mapstate.State {
	tr := mt.Cluster{Workers: 2, Pods: 4}.Tracker()
	at := t0.Add(3 * time.Minute)
	for _, n := range mt.WorkerNames("kubetutor", 2) {
		tr.SetLease(mt.Lease(n, at.Add(-time.Second)), at.Add(-time.Second))
	}
	tr.SetNode(mt.Node("kubetutor-control-plane", true, corev1.ConditionUnknown), at)
	return tr.Snapshot(at)
}

// crashLoop: the scheduler and kube-proxy of a worker crash-loop with many restarts,
// and a lab pod waits on its image: the longest statuses of the boxes.
func crashLoop() mapstate.State {
	tr := mt.Cluster{Workers: 2, Pods: 6}.Tracker()
	at := t0.Add(10 * time.Second)
	for _, n := range append([]string{"kubetutor-control-plane"}, mt.WorkerNames("kubetutor", 2)...) {
		tr.SetLease(mt.Lease(n, at.Add(-time.Second)), at.Add(-time.Second))
	}
	crash := func(p *corev1.Pod, reason string) *corev1.Pod {
		cs := &p.Status.ContainerStatuses[0]
		cs.RestartCount, cs.Ready = 127, false
		cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: reason}}
		return p
	}
	tr.SetPod(crash(mt.StaticPod("kube-scheduler", "kubetutor-control-plane", t0), "CrashLoopBackOff"), at)
	tr.SetPod(crash(mt.StaticPod("etcd", "kubetutor-control-plane", t0), "CreateContainerConfigError"), at)
	tr.SetPod(crash(mt.SystemPod("kube-proxy-w000", "kubetutor-worker", t0), "CrashLoopBackOff"), at)
	tr.SetPod(crash(mt.Pod(mt.LabNamespace, "web-7d4b9c-00000", "kubetutor-worker", corev1.PodRunning, t0), "ImagePullBackOff"), at)
	return tr.Snapshot(at)
}
