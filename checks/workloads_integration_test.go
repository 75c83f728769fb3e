package checks_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/checks"
)

// TestIntegrationWorkloadAndPods: a Deployment made and scaled with kubectl; wrong
// namespace and wrong label are near misses.
func TestIntegrationWorkloadAndPods(t *testing.T) {
	l := newLive(t)
	ns := l.env.NewNamespace(t)
	other := l.env.NewNamespace(t)
	workload := `{"namespace": "` + ns + `", "name": "web", "replicas": 3}`
	pods := `{"namespace": "` + ns + `", "selector": "app=web", "min": 3}`

	l.expect("workload", workload, checks.Pending, "n’existe pas encore")
	l.expect("pods-running", pods, checks.Pending)

	l.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=1", "-n", ns)
	l.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=3", "-n", other) // wrong namespace
	l.eventually("workload", `{"namespace": "`+ns+`", "name": "web"}`, checks.Passed)
	l.expect("workload", workload, checks.Failed, "1/3 réplicas")

	l.kubectl("scale", "deployment", "web", "--replicas=3", "-n", ns)
	l.eventually("workload", workload, checks.Passed)
	l.eventually("pods-running", pods, checks.Passed)
	l.expect("pods-running", `{"namespace": "`+ns+`", "selector": "app=api"}`, checks.Pending)  // wrong label
	l.expect("pods-running", `{"namespace": "default", "selector": "app=web"}`, checks.Pending) // wrong namespace
}

// TestIntegrationWorkloadAwayFromNode: after a node failure, the replicas run elsewhere.
func TestIntegrationWorkloadAwayFromNode(t *testing.T) {
	l := newLive(t)
	ns := l.env.NewNamespace(t)
	l.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=4", "-n", ns)
	l.eventually("workload", `{"namespace": "`+ns+`", "name": "web"}`, checks.Passed)
	pods, err := l.env.Client.CoreV1().Pods(ns).List(l.ctx, metav1.ListOptions{})
	if err != nil || len(pods.Items) == 0 {
		t.Fatalf("pods: %v", err)
	}
	victim := pods.Items[0].Spec.NodeName
	away := fmt.Sprintf(`{"namespace": "%s", "name": "web", "awayFrom": "%s"}`, ns, victim)
	l.expect("workload", away, checks.Failed, "tourne encore sur "+victim)

	l.kubectl("cordon", victim) // near miss: cordoning moves nothing
	t.Cleanup(func() { _, _ = l.env.Kubectl(context.Background(), "uncordon", victim) })
	l.expect("workload", away, checks.Failed)

	if err := l.ce.Nodes.StopKubelet(l.ctx, victim); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = l.ce.Nodes.StartKubelet(ctx, victim)
		_ = l.env.WaitNodesReady(ctx)
	})
	res := l.eventually("workload", away, checks.Passed)
	if !strings.Contains(render(res), "4/4") {
		t.Errorf("evidence %q", render(res))
	}
}

// TestIntegrationStaticPodsAndAnswer: the control plane's static pods, and questions
// graded against the live cluster.
func TestIntegrationStaticPodsAndAnswer(t *testing.T) {
	l := newLive(t)
	l.expect("pods-running", `{"namespace": "kube-system", "staticPod": "etcd"}`, checks.Passed)
	l.expect("pods-running", `{"namespace": "kube-system", "staticPod": "etcd", "node": "kubetutor-worker"}`, checks.Pending)
	l.expect("pods-running", `{"namespace": "default", "staticPod": "etcd"}`, checks.Pending)

	where := `{"resource": "pods", "namespace": "kube-system", "selector": "component=etcd", "jsonPath": "{.spec.nodeName}"}`
	workers := `{"resource": "nodes", "selector": "!node-role.kubernetes.io/control-plane", "count": true}`
	for _, tt := range []struct {
		params, answer string
		want           checks.Status
	}{
		{where, "", checks.Pending},
		{where, "kubetutor-control-plane", checks.Passed},
		{where, "kubetutor-worker", checks.Failed},
		{workers, "2", checks.Passed},
		{workers, "3", checks.Failed},
	} {
		l.ce.Answer = tt.answer
		l.expect("answer", tt.params, tt.want)
	}
	l.ce.Answer = ""
}

// TestIntegrationNetworkPolicy: a policy applied with kubectl; wrong namespace and wrong
// peer label are near misses.
func TestIntegrationNetworkPolicy(t *testing.T) {
	l := newLive(t)
	ns := l.env.NewNamespace(t)
	other := l.env.NewNamespace(t)
	params := `{"namespace": "` + ns + `", "selects": {"app": "db"}, "policyTypes": ["Ingress"], "ingressFrom": {"podLabels": {"app": "api"}}, "ports": [{"port": 5432}]}`
	policy := func(namespace, from string) string {
		return writeFile(t, fmt.Sprintf(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db-from-%s, namespace: %s}
spec:
  podSelector: {matchLabels: {app: db}}
  policyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: %s}}}]
      ports: [{protocol: TCP, port: 5432}]
`, from, namespace, from))
	}
	l.expect("network-policy", params, checks.Pending)
	l.kubectl("apply", "-f", policy(other, "api"))
	l.expect("network-policy", params, checks.Pending)
	l.kubectl("apply", "-f", policy(ns, "web"))
	l.expect("network-policy", params, checks.Failed, "db-from-web")
	l.kubectl("apply", "-f", policy(ns, "api"))
	l.expect("network-policy", params, checks.Passed, "db-from-api")
}

// TestIntegrationAPIServiceAndMetrics: an APIService whose service is missing is not
// Available and says why; the metrics API is not served without metrics-server.
func TestIntegrationAPIServiceAndMetrics(t *testing.T) {
	l := newLive(t)
	const name = "v1beta1.metrics.k8s.io"
	l.expect("apiservice", `{"name": "`+name+`"}`, checks.Pending, "n’est pas enregistré")
	l.expect("apiservice", `{"name": "v1.apps"}`, checks.Passed)
	l.expect("metrics-api", `{}`, checks.Failed, "ne répond pas")

	l.kubectl("apply", "-f", writeFile(t, `apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata: {name: `+name+`}
spec:
  service: {name: metrics-server, namespace: kube-system}
  group: metrics.k8s.io
  version: v1beta1
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
`))
	t.Cleanup(func() { _, _ = l.env.Kubectl(context.Background(), "delete", "apiservice", name) })
	res := l.eventually("apiservice", `{"name": "`+name+`"}`, checks.Failed)
	if !strings.Contains(render(res), "ServiceNotFound") {
		t.Errorf("reason %q lacks ServiceNotFound", render(res))
	}
	l.expect("metrics-api", `{}`, checks.Failed, "ne répond pas")
}

// TestIntegrationHPA: an HPA made by kubectl autoscale; without a metrics API it can
// scale but reads no metric (the near miss for ScalingActive).
func TestIntegrationHPA(t *testing.T) {
	l := newLive(t)
	ns := l.env.NewNamespace(t)
	l.kubectl("create", "deployment", "web", "--image=nginx", "--replicas=2", "-n", ns)
	l.kubectl("set", "resources", "deployment", "web", "--requests=cpu=100m", "-n", ns)
	params := `{"namespace": "` + ns + `", "name": "web", "conditions": {"AbleToScale": "True"}, "minReplicas": 2, "maxReplicas": 5}`
	l.expect("hpa", params, checks.Pending)
	l.kubectl("autoscale", "deployment", "web", "--min=2", "--max=5", "--cpu=50%", "-n", ns)
	l.eventually("hpa", params, checks.Passed)
	l.expect("hpa", `{"namespace": "`+ns+`", "name": "web", "conditions": {"ScalingActive": "True"}}`, checks.Failed, "ScalingActive")
}
