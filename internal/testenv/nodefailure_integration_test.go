package testenv_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/testenv"
)

// runningPods returns the node of each Running pod of ns that is not being deleted.
func runningPods(ctx context.Context, env *testenv.Env, ns string) ([]string, error) {
	pods, err := env.Client.CoreV1().Pods(ns).List(ctx, metav1.ListOptions{LabelSelector: "app=web"})
	if err != nil {
		return nil, err
	}
	var nodes []string
	for _, p := range pods.Items {
		if p.Status.Phase == corev1.PodRunning && p.DeletionTimestamp == nil {
			nodes = append(nodes, p.Spec.NodeName)
		}
	}
	return nodes, nil
}

// nodeState returns node's Ready condition status and taint keys.
func nodeState(ctx context.Context, env *testenv.Env, name string) (corev1.ConditionStatus, []string, error) {
	n, err := env.Client.CoreV1().Nodes().Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", nil, err
	}
	var ready corev1.ConditionStatus
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			ready = c.Status
		}
	}
	var taints []string
	for _, t := range n.Spec.Taints {
		taints = append(taints, t.Key+":"+string(t.Effect))
	}
	return ready, taints, nil
}

func TestIntegrationTestenvNodeFailure(t *testing.T) {
	env := testenv.Shared(t)
	ns := env.NewNamespace(t)
	ctx := waitCtx(t)
	worker, other := env.Nodes()[1], env.Nodes()[2]

	if out, err := env.Kubectl(ctx, "-n", ns, "create", "deployment", "web", "--image=nginx",
		"--replicas=4"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	began := time.Now()
	err := testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
		nodes, err := runningPods(ctx, env, ns)
		return len(nodes) == 4, err
	})
	if err != nil {
		t.Fatalf("4 pods Running: %v", err)
	}
	t.Logf("4 replicas Running %s after kubectl create", time.Since(began).Round(10*time.Millisecond))
	nodes, _ := runningPods(ctx, env, ns)
	if slices.Contains(nodes, env.Nodes()[0]) {
		t.Errorf("a pod runs on the tainted control-plane node: %v", nodes)
	}
	if !slices.Contains(nodes, worker) {
		t.Fatalf("no pod on %s to reschedule: %v", worker, nodes)
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
	var last string
	err = testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
		ready, taints, err := nodeState(ctx, env, worker)
		last = fmt.Sprintf("Ready=%s taints=%v", ready, taints)
		return ready != corev1.ConditionTrue &&
			slices.Contains(taints, corev1.TaintNodeUnreachable+":NoExecute"), err
	})
	if err != nil {
		t.Fatalf("%s NotReady and tainted: %v (last: %s)", worker, err, last)
	}
	t.Logf("%s NotReady and tainted %s after StopKubelet (%s)", worker,
		time.Since(stopped).Round(10*time.Millisecond), last)
	if ready, _, _ := nodeState(ctx, env, other); ready != corev1.ConditionTrue {
		t.Errorf("%s should stay Ready while %s is down, is %s", other, worker, ready)
	}

	err = testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
		nodes, err := runningPods(ctx, env, ns)
		return len(nodes) == 4 && !slices.Contains(nodes, worker), err
	})
	if err != nil {
		nodes, _ := runningPods(ctx, env, ns)
		t.Fatalf("4 pods Running away from %s: %v (pods on %v)", worker, err, nodes)
	}
	t.Logf("4 pods Running on %s %s after StopKubelet", other, time.Since(stopped).Round(10*time.Millisecond))

	if err := na.StartKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	if err := env.WaitNodesReady(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s Ready and untainted %s after StartKubelet", worker, time.Since(restarted).Round(10*time.Millisecond))
}
