package labs_test

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/testenv"
)

// TestIntegrationLabCluster runs the cluster lab on the test control plane, which stands
// for the cluster « kubetutor cluster up » makes (that command itself, with kind, is proven
// by the cluster package's kind end-to-end test): the solution's kubectl lines run in the
// lab shell, « kubetutor cluster up » is skipped. The cluster exists from the start, so the
// node and pod steps are shown not passed by breaking what they check: a worker's kubelet
// stopped, a static pod missing. CoreDNS is a stand-in Deployment named like kind's
// (labelled kubetutor.dev/stand-in=true).
func TestIntegrationLabCluster(t *testing.T) {
	r := startLab(t, "cluster")
	ctx := r.ctx

	// create: near miss, cluster-info on a kubeconfig that is not the tutor's.
	r.notPassed("create", pending)
	r.do("kubectl cluster-info --kubeconfig /nonexistent/kubeconfig")
	r.notPassed("create", failed, "ne parle pas au cluster du TP (--kubeconfig)")
	// Cheat: the right command against another cluster that answers (the student's own
	// kubeconfig): it succeeds, and proves nothing about the lab's cluster.
	r.do("kubectl cluster-info --kubeconfig " + r.env.Kubeconfig)
	r.notPassed("create", failed, "(--kubeconfig)")
	r.do("kubectl cluster-info --help")
	r.notPassed("create", failed, "l’aide")
	r.do("KUBECONFIG=" + r.env.Kubeconfig + " kubectl cluster-info")
	r.notPassed("create", failed, "KUBECONFIG=")
	for _, line := range r.step("create").Solution {
		if line == "kubetutor cluster up" {
			continue // the test control plane is already up
		}
		r.do(line)
	}
	r.passes("create")

	// nodes-ready: a worker's kubelet stopped, then the solution's wait.
	const worker = "kubetutor-worker"
	na := r.env.NodeAccess()
	t.Cleanup(func() { _ = na.StartKubelet(context.Background(), worker) })
	if err := na.StopKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	if out, err := r.env.Kubectl(ctx, "wait", "--for=condition=Ready=Unknown", "node/"+worker, "--timeout=120s"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	r.notPassed("nodes-ready", failed, worker)
	if err := na.StartKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	r.solve("nodes-ready")
	r.passes("nodes-ready")

	// static-pods: near miss, one of the four missing (testenv's mirror pods, put back).
	pods := r.env.Client.CoreV1().Pods("kube-system")
	sched, err := pods.Get(ctx, "kube-scheduler-kubetutor-control-plane", metav1.GetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	zero := int64(0)
	if err := pods.Delete(ctx, sched.Name, metav1.DeleteOptions{GracePeriodSeconds: &zero}); err != nil {
		t.Fatal(err)
	}
	putBack := func(ctx context.Context) {
		_ = testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
			_, err := pods.Get(ctx, sched.Name, metav1.GetOptions{})
			return err != nil, nil
		})
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: sched.Name, Namespace: sched.Namespace,
			Labels: sched.Labels, Annotations: sched.Annotations}, Spec: sched.Spec}
		if _, err := pods.Create(ctx, p, metav1.CreateOptions{}); err != nil {
			t.Errorf("put back %s: %v", sched.Name, err)
		}
	}
	restored := false
	t.Cleanup(func() { // the shared control plane keeps its four static pods
		if !restored {
			putBack(context.Background())
		}
	})
	r.notPassed("static-pods", failed, "il en faut 4")
	// Cheat: a pod made by hand with the static pods' label is not one of them.
	r.do("kubectl -n kube-system run fake-scheduler --image=pause:stand-in --labels=tier=control-plane,kubetutor.dev/stand-in=true")
	t.Cleanup(func() {
		_, _ = r.env.Kubectl(context.Background(), "-n", "kube-system", "delete", "pod", "fake-scheduler", "--ignore-not-found", "--wait=false")
	})
	if out, err := r.env.Kubectl(ctx, "-n", "kube-system", "wait", "--for=condition=Ready", "pod/fake-scheduler", "--timeout=60s"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	r.notPassed("static-pods", failed, "il en faut 4")
	putBack(ctx)
	restored = true
	r.solve("static-pods")
	r.passes("static-pods")

	// cni-dns: no CoreDNS yet; near miss, CoreDNS scaled to zero.
	r.notPassed("cni-dns", pending, "aucun pod")
	// Cheat: a pod made by hand with CoreDNS's label is not CoreDNS.
	r.do("kubectl -n kube-system run fake-dns --image=coredns:stand-in --labels=k8s-app=kube-dns,kubetutor.dev/stand-in=true")
	t.Cleanup(func() {
		_, _ = r.env.Kubectl(context.Background(), "-n", "kube-system", "delete", "pod", "fake-dns", "--ignore-not-found", "--wait=false")
	})
	if out, err := r.env.Kubectl(ctx, "-n", "kube-system", "wait", "--for=condition=Ready", "pod/fake-dns", "--timeout=60s"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	r.notPassed("cni-dns", pending, "aucun pod")
	r.standIn(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: coredns
  namespace: kube-system
  labels: {k8s-app: kube-dns, kubetutor.dev/stand-in: "true"}
spec:
  replicas: 0
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: coredns, image: coredns:stand-in}]
`)
	r.notPassed("cni-dns", pending, "aucun pod")
	if out, err := r.env.Kubectl(ctx, "-n", "kube-system", "scale", "deployment/coredns", "--replicas=2"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	r.solve("cni-dns")
	r.passes("cni-dns")
	if cur := r.runner.Current(); cur != nil {
		t.Errorf("lab not done: current step %s", cur.ID)
	}
}
