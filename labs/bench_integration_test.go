package labs_test

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/watch"

	"kubetutor/checks"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
)

// oneStepLab is a lab with a single step on check id with params (YAML flow).
func oneStepLab(b *testing.B, id, params string) *labs.Lab {
	b.Helper()
	y := fmt.Sprintf(`id: bench
title: {fr: Banc}
section: s
needs: node-access
steps:
  - id: step
    instructions: {fr: x}
    check: {id: %s, params: %s}
`, id, params)
	lab, err := labs.Load(fstest.MapFS{"labs/bench/lab.yaml": {Data: []byte(y)}}, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return lab
}

// latencies collects, per change, how long the live evaluator took to report the step
// passed after the change was visible in the API (beyond Kubernetes' own delay), and
// after the action (Kubernetes' delay included).
type latencies struct{ beyond, total []time.Duration }

func (l *latencies) report(b *testing.B) {
	pct := func(ds []time.Duration, p float64) float64 {
		s := slices.Clone(ds)
		slices.Sort(s)
		i := int(p*float64(len(s)-1) + 0.5)
		return float64(s[i].Microseconds()) / 1000
	}
	if len(l.beyond) == 0 {
		return
	}
	b.ReportMetric(pct(l.beyond, 0.5), "ms-p50-beyond-k8s")
	b.ReportMetric(pct(l.beyond, 0.95), "ms-p95-beyond-k8s")
	b.ReportMetric(pct(l.total, 0.5), "ms-p50-total")
	b.ReportMetric(pct(l.total, 0.95), "ms-p95-total")
	b.Logf("%d changes: beyond k8s %v; total %v", len(l.beyond), l.beyond, l.total)
}

// measure runs a live watch of lab, calls act once the step is reported not passed, and
// returns when the step passed: act's time, when visible() first held in an API watch
// opened before act, and when the runner emitted the pass.
func measure(b *testing.B, env *testenv.Env, lab *labs.Lab, w watch.Interface, visible func(watch.Event) bool, act func(context.Context)) (acted, seen, passed time.Time) {
	b.Helper()
	ce, err := checks.NewEnv(env.Config)
	if err != nil {
		b.Fatal(err)
	}
	ce.Nodes = env.NodeAccess()
	r := labs.NewRunner(lab, ce, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	events := make(chan labs.Event, 16)
	done := make(chan error, 1)
	var over atomic.Bool // the step passed: the watch ends
	go func() {
		done <- r.Watch(ctx, labs.WatchOptions{Steps: func() []*labs.Step {
			if over.Load() {
				return nil
			}
			return lab.Steps
		}}, func(ev labs.Event) {
			if ev.Kind == labs.EventPassed {
				over.Store(true)
			}
			events <- ev
		})
	}()
	if ev := <-events; ev.Kind == labs.EventPassed || ev.Kind == labs.EventError {
		b.Fatalf("step before the change: %s %v", ev.Kind, ev.Err)
	}
	sawCh := make(chan time.Time, 1)
	go func() {
		for ev := range w.ResultChan() {
			if visible(ev) {
				sawCh <- time.Now()
				return
			}
		}
	}()
	acted = time.Now()
	act(ctx)
	for passed.IsZero() {
		select {
		case ev := <-events:
			if ev.Kind == labs.EventPassed {
				passed = ev.At
			}
		case <-ctx.Done():
			b.Fatal("the step never passed")
		}
	}
	select {
	case seen = <-sawCh:
	case <-ctx.Done():
		b.Fatal("the API never showed the change")
	}
	cancel()
	<-done
	return acted, seen, passed
}

// BenchmarkIntegrationLiveNodeFailure: a worker stops heartbeating; the node-state step
// passes once the node lifecycle controller marks it NotReady.
func BenchmarkIntegrationLiveNodeFailure(b *testing.B) {
	env := testenv.Shared(b)
	worker := env.Options.WorkerNodes()[len(env.Options.WorkerNodes())-1]
	lab := oneStepLab(b, "node-state", `{node: `+worker+`, status: NotTrue}`)
	na := env.NodeAccess()
	var l latencies
	for i := 0; i < b.N; i++ {
		w, err := env.Client.CoreV1().Nodes().Watch(context.Background(), metav1.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", worker).String()})
		if err != nil {
			b.Fatal(err)
		}
		notReady := func(ev watch.Event) bool {
			n, ok := ev.Object.(*corev1.Node)
			if !ok {
				return false
			}
			for _, c := range n.Status.Conditions {
				if c.Type == corev1.NodeReady {
					return c.Status != corev1.ConditionTrue
				}
			}
			return false
		}
		acted, seen, passed := measure(b, env, lab, w, notReady, func(ctx context.Context) {
			if err := na.StopKubelet(ctx, worker); err != nil {
				b.Fatal(err)
			}
		})
		w.Stop()
		l.beyond = append(l.beyond, passed.Sub(seen))
		l.total = append(l.total, passed.Sub(acted))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		if err := na.StartKubelet(ctx, worker); err != nil {
			b.Fatal(err)
		}
		if err := env.WaitNodesReady(ctx); err != nil {
			b.Fatal(err)
		}
		cancel()
	}
	l.report(b)
}

// BenchmarkIntegrationLiveNodeFailureHeartbeat: the failure lab's stop-kubelet check,
// which also reads the node's Lease (a kubelet that stopped renewing it).
func BenchmarkIntegrationLiveNodeFailureHeartbeat(b *testing.B) {
	env := testenv.Shared(b)
	worker := env.Options.WorkerNodes()[len(env.Options.WorkerNodes())-1]
	lab := oneStepLab(b, "node-state", `{node: `+worker+`, status: NotTrue, heartbeat: stopped}`)
	na := env.NodeAccess()
	var l latencies
	for i := 0; i < b.N; i++ {
		w, err := env.Client.CoreV1().Nodes().Watch(context.Background(), metav1.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", worker).String()})
		if err != nil {
			b.Fatal(err)
		}
		notReady := func(ev watch.Event) bool {
			n, ok := ev.Object.(*corev1.Node)
			if !ok {
				return false
			}
			for _, c := range n.Status.Conditions {
				if c.Type == corev1.NodeReady {
					return c.Status != corev1.ConditionTrue
				}
			}
			return false
		}
		acted, seen, passed := measure(b, env, lab, w, notReady, func(ctx context.Context) {
			if err := na.StopKubelet(ctx, worker); err != nil {
				b.Fatal(err)
			}
		})
		w.Stop()
		l.beyond = append(l.beyond, passed.Sub(seen))
		l.total = append(l.total, passed.Sub(acted))
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		if err := na.StartKubelet(ctx, worker); err != nil {
			b.Fatal(err)
		}
		if err := env.WaitNodesReady(ctx); err != nil {
			b.Fatal(err)
		}
		cancel()
	}
	l.report(b)
}

// BenchmarkIntegrationLiveNetworkPolicyExact: the netpol lab's policy step (what the
// namespace's policies let in, evaluated on every namespace and pod) after the policy is
// created.
func BenchmarkIntegrationLiveNetworkPolicyExact(b *testing.B) {
	env := testenv.Shared(b)
	ns := env.NewNamespace(b)
	ctx := context.Background()
	front := env.NewNamespace(b)
	if _, err := env.Kubectl(ctx, "label", "namespace", front, "stage=front"); err != nil {
		b.Fatal(err)
	}
	if _, err := env.Kubectl(ctx, "-n", ns, "run", "web", "--image=nginx", "--labels=app=web"); err != nil {
		b.Fatal(err)
	}
	lab := oneStepLab(b, "network-policy", `{namespace: `+ns+`, name: allow-web, selects: {app: web}, policyTypes: [Ingress], ingressFrom: {namespaceLabels: {stage: front}}, ports: [{port: 80}], exact: true}`)
	policies := env.Client.NetworkingV1().NetworkPolicies(ns)
	tcp := corev1.ProtocolTCP
	port := intstr.FromInt32(80)
	np := &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Name: "allow-web"},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			Ingress: []networkingv1.NetworkPolicyIngressRule{{
				From:  []networkingv1.NetworkPolicyPeer{{NamespaceSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"stage": "front"}}}},
				Ports: []networkingv1.NetworkPolicyPort{{Protocol: &tcp, Port: &port}},
			}},
		},
	}
	var l latencies
	for i := 0; i < b.N; i++ {
		_ = policies.Delete(ctx, "allow-web", metav1.DeleteOptions{})
		w, err := policies.Watch(ctx, metav1.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		created := func(ev watch.Event) bool { return ev.Type == watch.Added }
		acted, seen, passed := measure(b, env, lab, w, created, func(ctx context.Context) {
			if _, err := policies.Create(ctx, np.DeepCopy(), metav1.CreateOptions{}); err != nil {
				b.Fatal(err)
			}
		})
		w.Stop()
		l.beyond = append(l.beyond, passed.Sub(seen))
		l.total = append(l.total, passed.Sub(acted))
	}
	l.report(b)
}

// BenchmarkIntegrationLiveScale: a Deployment is scaled from 1 to 3; the workload step
// passes once 3 replicas are available.
func BenchmarkIntegrationLiveScale(b *testing.B) {
	env := testenv.Shared(b)
	ns := env.NewNamespace(b)
	ctx := context.Background()
	if _, err := env.Kubectl(ctx, "create", "deployment", "web", "--image=nginx", "--replicas=1", "-n", ns); err != nil {
		b.Fatal(err)
	}
	lab := oneStepLab(b, "workload", `{namespace: `+ns+`, name: web, replicas: 3}`)
	deployments := env.Client.AppsV1().Deployments(ns)
	scale := func(ctx context.Context, n int32) {
		patch := fmt.Sprintf(`{"spec":{"replicas":%d}}`, n)
		if _, err := deployments.Patch(ctx, "web", types.MergePatchType, []byte(patch), metav1.PatchOptions{}); err != nil {
			b.Fatal(err)
		}
	}
	available := func(n int32) func(watch.Event) bool {
		return func(ev watch.Event) bool {
			d, ok := ev.Object.(*appsv1.Deployment)
			return ok && d.Status.AvailableReplicas >= n
		}
	}
	var l latencies
	for i := 0; i < b.N; i++ {
		scale(ctx, 1)
		if err := testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
			d, err := deployments.Get(ctx, "web", metav1.GetOptions{})
			return err == nil && d.Status.AvailableReplicas == 1 && d.Status.Replicas == 1, err
		}); err != nil {
			b.Fatal(err)
		}
		w, err := deployments.Watch(ctx, metav1.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", "web").String()})
		if err != nil {
			b.Fatal(err)
		}
		acted, seen, passed := measure(b, env, lab, w, available(3), func(ctx context.Context) { scale(ctx, 3) })
		w.Stop()
		l.beyond = append(l.beyond, passed.Sub(seen))
		l.total = append(l.total, passed.Sub(acted))
	}
	l.report(b)
}
