package checks

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func pod(ns, name, nodeName string, phase corev1.PodPhase, ready bool, labels map[string]string) *corev1.Pod {
	st := corev1.ConditionFalse
	if ready {
		st = corev1.ConditionTrue
	}
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: labels},
		Spec:       corev1.PodSpec{NodeName: nodeName},
		Status:     corev1.PodStatus{Phase: phase, Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: st}}},
	}
}

func staticPod(name, nodeName string) *corev1.Pod {
	p := pod("kube-system", name+"-"+nodeName, nodeName, corev1.PodRunning, true, map[string]string{"component": name})
	p.Annotations = map[string]string{mirrorAnnotation: "abc"}
	return p
}

func TestPodsRunning(t *testing.T) {
	web := map[string]string{"app": "web"}
	env := func() *Env {
		return fakeEnv(
			pod("shop", "web-1", "kubetutor-worker", corev1.PodRunning, true, web),
			pod("shop", "web-2", "kubetutor-worker2", corev1.PodRunning, false, web),
			pod("shop", "db-1", "kubetutor-worker", corev1.PodPending, false, map[string]string{"app": "db"}),
			staticPod("etcd", "kubetutor-control-plane"),
			pod("kube-system", "etcd-kubetutor-worker", "kubetutor-worker", corev1.PodRunning, true, nil),
		)
	}
	tests := []struct {
		name, params string
		status       Status
		text         []string
	}{
		{"one ready is enough", `{"namespace": "shop", "selector": "app=web"}`, Passed, []string{"1/2"}},
		{"two needed", `{"namespace": "shop", "selector": "app=web", "min": 2}`, Failed, []string{"web-2\u00a0: Running, not Ready"}},
		{"not ready allowed", `{"namespace": "shop", "selector": "app=web", "min": 2, "allowNotReady": true}`, Passed, nil},
		{"pending pod", `{"namespace": "shop", "selector": "app=db"}`, Failed, []string{"db-1\u00a0: Pending"}},
		{"wrong namespace", `{"namespace": "default", "selector": "app=web"}`, Pending, []string{"aucun pod"}},
		{"wrong label", `{"namespace": "shop", "selector": "app=api"}`, Pending, nil},
		{"static pod", `{"namespace": "kube-system", "staticPod": "etcd"}`, Passed, nil},
		{"static pod on a node", `{"namespace": "kube-system", "staticPod": "etcd", "node": "kubetutor-worker"}`, Pending, nil},
		{"a pod named like a static pod is not one", `{"namespace": "kube-system", "staticPod": "etcd", "node": "kubetutor-worker"}`, Pending, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, env(), "pods-running", tt.params), tt.status, tt.text...)
		})
	}
}

func deployment(ns, name string, replicas, available int32) *appsv1.Deployment {
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
		Spec: appsv1.DeploymentSpec{Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": name}}},
		Status: appsv1.DeploymentStatus{AvailableReplicas: available},
	}
}

func TestWorkload(t *testing.T) {
	web := map[string]string{"app": "web"}
	env := func() *Env {
		return fakeEnv(
			deployment("shop", "web", 3, 2),
			pod("shop", "web-1", "kubetutor-worker", corev1.PodRunning, true, web),
			pod("shop", "web-2", "kubetutor-worker", corev1.PodRunning, true, web),
			pod("shop", "web-3", "kubetutor-worker2", corev1.PodRunning, false, web),
			&appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "kindnet"},
				Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: 3, NumberAvailable: 3}},
		)
	}
	tests := []struct {
		name, params string
		status       Status
		text         []string
	}{
		{"desired not reached", `{"namespace": "shop", "name": "web"}`, Failed, []string{"2/3 réplicas disponibles"}},
		{"asked count reached", `{"namespace": "shop", "name": "web", "replicas": 2}`, Passed, nil},
		{"missing", `{"namespace": "shop", "name": "api"}`, Pending, []string{"n’existe pas encore"}},
		{"wrong namespace", `{"namespace": "default", "name": "web"}`, Pending, nil},
		{"away from a node", `{"namespace": "shop", "name": "web", "replicas": 2, "awayFrom": "kubetutor-worker2"}`, Failed, []string{"2/2", "web-3 tourne encore sur kubetutor-worker2"}},
		{"still on the node", `{"namespace": "shop", "name": "web", "replicas": 1, "awayFrom": "kubetutor-worker"}`, Failed, []string{"web-1 tourne encore"}},
		{"daemonset", `{"kind": "DaemonSet", "namespace": "kube-system", "name": "kindnet"}`, Passed, []string{"3/3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, env(), "workload", tt.params), tt.status, tt.text...)
		})
	}
	t.Run("away once the pod moved", func(t *testing.T) {
		e := fakeEnv(deployment("shop", "web", 2, 2),
			pod("shop", "web-1", "kubetutor-worker", corev1.PodRunning, true, web),
			pod("shop", "web-4", "kubetutor-worker", corev1.PodRunning, true, web))
		expect(t, run(t, e, "workload", `{"namespace": "shop", "name": "web", "awayFrom": "kubetutor-worker2"}`), Passed)
	})
}

func TestHPA(t *testing.T) {
	hpa := &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "web"},
		Status: autoscalingv2.HorizontalPodAutoscalerStatus{
			CurrentReplicas: 3, DesiredReplicas: 3,
			Conditions: []autoscalingv2.HorizontalPodAutoscalerCondition{
				{Type: autoscalingv2.AbleToScale, Status: corev1.ConditionTrue},
				{Type: autoscalingv2.ScalingActive, Status: corev1.ConditionFalse, Reason: "FailedGetResourceMetric"},
			},
		},
	}
	tests := []struct {
		name, params string
		status       Status
		text         []string
	}{
		{"replicas in range", `{"namespace": "shop", "name": "web", "minReplicas": 2, "maxReplicas": 5}`, Passed, []string{"3 réplicas"}},
		{"too few", `{"namespace": "shop", "name": "web", "minReplicas": 4}`, Failed, []string{"3 réplicas, il en faut au moins 4"}},
		{"too many", `{"namespace": "shop", "name": "web", "maxReplicas": 1}`, Failed, []string{"3 réplicas, il en faut au plus 1"}},
		{"out of range", `{"namespace": "shop", "name": "web", "minReplicas": 4, "maxReplicas": 6}`, Failed, []string{"attendu entre 4 et 6"}},
		{"metrics not read", `{"namespace": "shop", "name": "web", "conditions": {"ScalingActive": "True"}}`, Failed, []string{"ScalingActive = False", "FailedGetResourceMetric"}},
		{"no current metrics", `{"namespace": "shop", "name": "web", "metricsReported": true}`, Failed, []string{"aucune métrique"}},
		{"missing", `{"namespace": "other", "name": "web"}`, Pending, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, fakeEnv(hpa.DeepCopy()), "hpa", tt.params), tt.status, tt.text...)
		})
	}
}
