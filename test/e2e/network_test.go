package e2e

import (
	"context"
	"fmt"
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/client-go/kubernetes"
)

// checkPodNetwork proves the node image's network: a Service whose pods are
// spread over the nodes answers a client through cluster DNS (so pod traffic
// crosses nodes), then a deny-all-ingress NetworkPolicy cuts it off.
func checkPodNetwork(ctx context.Context, t *testing.T, cs kubernetes.Interface, replicas int32) {
	t.Helper()
	const ns = "e2e-net"
	labels := map[string]string{"app": "web"}
	if _, err := cs.CoreV1().Namespaces().Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: ns}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	dep := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{
					TopologySpreadConstraints: []corev1.TopologySpreadConstraint{{
						MaxSkew: 1, TopologyKey: "kubernetes.io/hostname",
						WhenUnsatisfiable: corev1.DoNotSchedule,
						LabelSelector:     &metav1.LabelSelector{MatchLabels: labels},
					}},
					Containers: []corev1.Container{{
						Name: "web", Image: "kubetutor/demoweb:v1", ImagePullPolicy: corev1.PullIfNotPresent,
						Ports:          []corev1.ContainerPort{{ContainerPort: 8080}},
						ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/readyz", Port: intstr.FromInt32(8080)}}},
					}},
				},
			},
		},
	}
	if _, err := cs.AppsV1().Deployments(ns).Create(ctx, dep, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.ServiceSpec{Selector: labels, Ports: []corev1.ServicePort{{Port: 80, TargetPort: intstr.FromInt32(8080)}}},
	}
	if _, err := cs.CoreV1().Services(ns).Create(ctx, svc, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, "web pods ready on distinct nodes", func() (bool, string) {
		d, err := cs.AppsV1().Deployments(ns).Get(ctx, "web", metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		return d.Status.ReadyReplicas == replicas, fmt.Sprintf("%d/%d ready", d.Status.ReadyReplicas, replicas)
	})

	// Routes to other nodes' pod subnets come from kube-router's BGP sessions,
	// which may still be opening just after the nodes turn Ready: up to 3 tries.
	var ok, failed int
	for try := 1; try <= 3; try++ {
		ok, failed = runClient(ctx, t, cs, ns, fmt.Sprintf("client-open-%d", try))
		if ok > 0 && failed == 0 {
			break
		}
	}
	if ok == 0 || failed != 0 {
		t.Fatalf("before any policy: ok=%d failed=%d, want every request answered", ok, failed)
	}
	np := &networkingv1.NetworkPolicy{
		ObjectMeta: metav1.ObjectMeta{Name: "deny-web"},
		Spec: networkingv1.NetworkPolicySpec{
			PodSelector: metav1.LabelSelector{MatchLabels: labels},
			PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
		},
	}
	if _, err := cs.NetworkingV1().NetworkPolicies(ns).Create(ctx, np, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	ok, failed = runClient(ctx, t, cs, ns, "client-denied")
	if ok != 0 || failed == 0 {
		t.Fatalf("with a deny-all NetworkPolicy: ok=%d failed=%d, want every request refused", ok, failed)
	}
}

// runClient runs a loadgen pod against the web Service for a few seconds and
// returns its final counts.
func runClient(ctx context.Context, t *testing.T, cs kubernetes.Interface, ns, name string) (ok, failed int) {
	t.Helper()
	pod := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.PodSpec{
			RestartPolicy: corev1.RestartPolicyNever,
			Containers: []corev1.Container{{
				Name: "loadgen", Image: "kubetutor/loadgen:v1", ImagePullPolicy: corev1.PullIfNotPresent,
				Args: []string{"-url", "http://web/", "-c", "1", "-qps", "10", "-d", "4s", "-report", "1m"},
			}},
		},
	}
	if _, err := cs.CoreV1().Pods(ns).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFor(ctx, t, name+" done", func() (bool, string) {
		p, err := cs.CoreV1().Pods(ns).Get(ctx, name, metav1.GetOptions{})
		if err != nil {
			return false, err.Error()
		}
		return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed, string(p.Status.Phase)
	})
	raw, err := cs.CoreV1().Pods(ns).GetLogs(name, &corev1.PodLogOptions{}).DoRaw(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscanf(lastLine(string(raw)), "done: ok=%d failed=%d", &ok, &failed); err != nil {
		t.Fatalf("%s output %q: %v", name, raw, err)
	}
	t.Logf("%s: ok=%d failed=%d", name, ok, failed)
	return ok, failed
}

// lastLine returns the last non-empty line of s.
func lastLine(s string) string {
	last := ""
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == '\n' {
			if line := s[start:i]; line != "" {
				last = line
			}
			start = i + 1
		}
	}
	return last
}
