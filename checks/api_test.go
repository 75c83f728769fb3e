package checks

import (
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/intstr"
	dynfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
	apiregv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"
	aggfake "k8s.io/kube-aggregator/pkg/client/clientset_generated/clientset/fake"
	metricsv1beta1 "k8s.io/metrics/pkg/apis/metrics/v1beta1"
	metricsfake "k8s.io/metrics/pkg/client/clientset/versioned/fake"
)

func TestAPIService(t *testing.T) {
	svc := func(status apiregv1.ConditionStatus, reason string) *apiregv1.APIService {
		return &apiregv1.APIService{
			ObjectMeta: metav1.ObjectMeta{Name: "v1beta1.metrics.k8s.io"},
			Spec:       apiregv1.APIServiceSpec{Group: "metrics.k8s.io", Version: "v1beta1"},
			Status: apiregv1.APIServiceStatus{Conditions: []apiregv1.APIServiceCondition{
				{Type: apiregv1.Available, Status: status, Reason: reason, Message: "endpoints for service/metrics-server in kube-system have no addresses"},
			}},
		}
	}
	tests := []struct {
		name    string
		objs    []runtime.Object
		serving bool // the metrics API answers discovery
		status  Status
		text    []string
	}{
		{"available", []runtime.Object{svc(apiregv1.ConditionTrue, "Passed")}, true, Passed, nil},
		{"Available patched through the status subresource", []runtime.Object{svc(apiregv1.ConditionTrue, "Passed")}, false, Failed, []string{"l’API metrics.k8s.io/v1beta1 ne répond pas"}},
		{"missing endpoints", []runtime.Object{svc(apiregv1.ConditionFalse, "MissingEndpoints")}, false, Failed, []string{"raison\u00a0: MissingEndpoints", "no addresses"}},
		{"not registered", nil, false, Pending, []string{"n’est pas enregistré"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := fakeEnv()
			if tt.serving {
				env.Kube.(*fake.Clientset).Resources = []*metav1.APIResourceList{{GroupVersion: "metrics.k8s.io/v1beta1"}}
			}
			env.Aggregator = aggfake.NewSimpleClientset(tt.objs...)
			expect(t, run(t, env, "apiservice", `{"name": "v1beta1.metrics.k8s.io"}`), tt.status, tt.text...)
		})
	}
}

func TestMetricsAPI(t *testing.T) {
	nodeGVR := schema.GroupVersionResource{Group: "metrics.k8s.io", Version: "v1beta1", Resource: "nodes"}
	podGVR := schema.GroupVersionResource{Group: "metrics.k8s.io", Version: "v1beta1", Resource: "pods"}
	usage := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("100m")}
	setup := func(t *testing.T, nodes int, podsIn string) *Env {
		env := fakeEnv(node("kubetutor-control-plane", corev1.ConditionTrue), node("kubetutor-worker", corev1.ConditionTrue))
		mc := metricsfake.NewSimpleClientset()
		names := []string{"kubetutor-control-plane", "kubetutor-worker"}
		for i := 0; i < nodes; i++ {
			nm := &metricsv1beta1.NodeMetrics{ObjectMeta: metav1.ObjectMeta{Name: names[i]}, Usage: usage}
			if err := mc.Tracker().Create(nodeGVR, nm, ""); err != nil {
				t.Fatal(err)
			}
		}
		if podsIn != "" {
			pm := &metricsv1beta1.PodMetrics{ObjectMeta: metav1.ObjectMeta{Namespace: podsIn, Name: "web-1"}}
			if err := mc.Tracker().Create(podGVR, pm, podsIn); err != nil {
				t.Fatal(err)
			}
		}
		env.Metrics = mc
		return env
	}
	expect(t, run(t, setup(t, 2, "shop"), "metrics-api", `{"podsNamespace": "shop"}`), Passed, "2 nœuds sur 2", "1 pod dans")
	expect(t, run(t, setup(t, 1, ""), "metrics-api", `{}`), Failed, "1 nœud sur 2")
	expect(t, run(t, setup(t, 1, ""), "metrics-api", `{"minNodes": 1}`), Passed)
	expect(t, run(t, setup(t, 2, "other"), "metrics-api", `{"podsNamespace": "shop"}`), Failed, "0 pod dans shop")
}

func TestNetworkPolicy(t *testing.T) {
	tcp := corev1.ProtocolTCP
	port := intstr.FromInt32(5432)
	policy := func(ns string, from map[string]string, p *intstr.IntOrString) *networkingv1.NetworkPolicy {
		return &networkingv1.NetworkPolicy{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: "db-from-api"},
			Spec: networkingv1.NetworkPolicySpec{
				PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{"app": "db"}},
				PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
				Ingress: []networkingv1.NetworkPolicyIngressRule{{
					From:  []networkingv1.NetworkPolicyPeer{{PodSelector: &metav1.LabelSelector{MatchLabels: from}}},
					Ports: []networkingv1.NetworkPolicyPort{{Protocol: &tcp, Port: p}},
				}},
			},
		}
	}
	want := `{"namespace": "shop", "selects": {"app": "db"}, "policyTypes": ["Ingress"], "ingressFrom": {"podLabels": {"app": "api"}}, "ports": [{"port": 5432}]}`
	other := intstr.FromInt32(80)
	tests := []struct {
		name   string
		obj    *networkingv1.NetworkPolicy
		status Status
		text   []string
	}{
		{"matching", policy("shop", map[string]string{"app": "api"}, &port), Passed, []string{"db-from-api"}},
		{"wrong namespace", policy("default", map[string]string{"app": "api"}, &port), Pending, []string{"aucune NetworkPolicy"}},
		{"wrong label", policy("shop", map[string]string{"app": "web"}, &port), Failed, []string{"no ingress rule admits pods app=api on the ports asked"}},
		{"wrong port", policy("shop", map[string]string{"app": "api"}, &other), Failed, nil},
		{"all ports open is fine", policy("shop", map[string]string{"app": "api"}, nil), Passed, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, fakeEnv(tt.obj), "network-policy", want), tt.status, tt.text...)
		})
	}
	t.Run("selects other pods", func(t *testing.T) {
		np := policy("shop", map[string]string{"app": "api"}, &port)
		np.Spec.PodSelector.MatchLabels = map[string]string{"app": "cache"}
		expect(t, run(t, fakeEnv(np), "network-policy", want), Failed, "podSelector")
	})
}

func TestAnswer(t *testing.T) {
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	newEnv := func(answer string) *Env {
		env := fakeEnv()
		env.Dynamic = dynfake.NewSimpleDynamicClient(scheme,
			staticPod("etcd", "kubetutor-control-plane"),
			node("kubetutor-control-plane", corev1.ConditionTrue),
			node("kubetutor-worker", corev1.ConditionTrue),
			node("kubetutor-worker2", corev1.ConditionTrue))
		env.Answer = answer
		return env
	}
	where := `{"resource": "pods", "namespace": "kube-system", "selector": "component=etcd", "jsonPath": "{.spec.nodeName}"}`
	workers := `{"resource": "nodes", "selector": "!node-role.kubernetes.io/control-plane", "count": true}`
	names := `{"resource": "nodes", "jsonPath": "{.metadata.name}", "all": true}`
	tests := []struct {
		name, params, answer string
		status               Status
	}{
		{"no answer yet", where, "", Pending},
		{"right node", where, " Kubetutor-Control-Plane ", Passed},
		{"wrong node", where, "kubetutor-worker", Failed},
		{"count", workers, "2", Passed},
		{"count as decimal", workers, "2.0", Passed},
		{"wrong count", workers, "3", Failed},
		{"all names", names, "kubetutor-worker2, kubetutor-worker kubetutor-control-plane", Passed},
		{"a name missing", names, "kubetutor-worker, kubetutor-control-plane", Failed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, newEnv(tt.answer), "answer", tt.params), tt.status)
		})
	}
	// Nothing to read the answer from: pending with the reason, not an error.
	t.Run("named object missing", func(t *testing.T) {
		marker := `{"resource": "configmaps", "namespace": "lab-etcd", "name": "marqueur", "jsonPath": "{.data.mot}"}`
		expect(t, run(t, newEnv("sauvegarde"), "answer", marker), Pending, "configmaps", "marqueur", "lab-etcd", "introuvable")
	})
	// A count in words is not graded wrong: the question asks for a number.
	t.Run("count in words", func(t *testing.T) {
		r := run(t, newEnv("deux"), "answer", workers)
		expect(t, r, Failed, "«\u00a0deux\u00a0»\u00a0: répondez par un nombre en chiffres")
		if strings.Contains(render(r), "pas la bonne réponse") {
			t.Errorf("a count in words called wrong: %s", render(r))
		}
	})
	t.Run("count with a full stop", func(t *testing.T) {
		expect(t, run(t, newEnv("2."), "answer", workers), Passed)
	})
	t.Run("no object matches", func(t *testing.T) {
		where := `{"resource": "pods", "namespace": "kube-system", "selector": "component=kube-apiserver", "jsonPath": "{.spec.nodeName}"}`
		expect(t, run(t, newEnv("kubetutor-control-plane"), "answer", where), Pending, "component=kube-apiserver", "kube-system")
	})
}
