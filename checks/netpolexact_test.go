package checks

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/yaml"
)

// netpolWorld is the netpol lab's set-up: web in prod, a client in front (stage=front)
// and one in other.
func netpolWorld() []runtime.Object {
	ns := func(name string, l map[string]string) *corev1.Namespace {
		return &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: l}}
	}
	pod := func(ns, name string, l map[string]string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name, Labels: l},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 80}}}}}}
	}
	return []runtime.Object{
		ns("prod", nil), ns("front", map[string]string{"stage": "front"}), ns("other", nil),
		pod("prod", "web", map[string]string{"app": "web"}),
		pod("front", "client", nil), pod("other", "client", nil),
	}
}

func policy(t *testing.T, spec string) *networkingv1.NetworkPolicy {
	t.Helper()
	np := &networkingv1.NetworkPolicy{}
	if err := yaml.UnmarshalStrict([]byte(spec), &np.Spec); err != nil {
		t.Fatalf("policy spec: %v", err)
	}
	np.Name, np.Namespace = "allow-web", "prod"
	return np
}

const exactParams = `{"namespace":"prod","name":"allow-web","selects":{"app":"web"},"policyTypes":["Ingress"],"ingressFrom":{"namespaceLabels":{"stage":"front"}},"ports":[{"port":80}],"exact":true}`

// TestNetworkPolicyExact grades what allow-web lets in: the chapter's policy and
// equivalent ones pass; broader ones (every port, another namespace too, every pod of the
// namespace, an ipBlock, a second policy opening more) and narrower ones fail.
func TestNetworkPolicyExact(t *testing.T) {
	const chapter = `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{protocol: TCP, port: 80}]`
	tests := []struct {
		name  string
		spec  string
		extra string // a second policy in prod, "" for none
		want  Status
		says  string
	}{
		{"the chapter's policy", chapter, "", Passed, "exactement"},
		{"matchExpressions instead of matchLabels", `podSelector: {matchExpressions: [{key: app, operator: In, values: [web]}]}
policyTypes: [Ingress]
ingress:
- from: [{namespaceSelector: {matchExpressions: [{key: stage, operator: In, values: [front, back]}]}}]
  ports: [{port: 80}]`, "", Passed, ""},
		{"the named container port", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{port: http}]`, "", Passed, ""},
		{"a second, identical rule", chapter + `
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{port: 80}]`, "", Passed, ""},
		{"a deny-all besides (policies add up)", chapter, `podSelector: {}
policyTypes: [Ingress]`, Passed, ""},
		{"every port", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]`, "", Failed, "TCP/*"},
		{"a port range", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{port: 80, endPort: 90}]`, "", Failed, "TCP/80-90"},
		{"every namespace too", chapter + `
- from: [{namespaceSelector: {}}]
  ports: [{port: 80}]`, "", Failed, "plus large"},
		{"front or any pod of prod", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}, {podSelector: {}}]
  ports: [{port: 80}]`, "", Failed, "prod/"},
		{"an ingress rule with no from", `podSelector: {matchLabels: {app: web}}
ingress:
- ports: [{port: 80}]`, "", Failed, "plus large"},
		{"every pod of prod selected", `podSelector: {}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{port: 80}]`, "", Failed, "s’applique aussi"},
		{"an ipBlock", chapter + `
- from: [{ipBlock: {cidr: 0.0.0.0/0}}]`, "", Failed, "ipBlock"},
		{"narrower: front and a label only front has", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front, kubernetes.io/metadata.name: front}}}]
  ports: [{port: 80}]`, "", Failed, "plus étroite"},
		{"another policy opening web to other", chapter, `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {}}]`, Failed, "TCP/*"},
		{"podSelector instead of namespaceSelector", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{podSelector: {matchLabels: {stage: front}}}]
  ports: [{port: 80}]`, "", Failed, "front/* devrait entrer"},
		{"UDP as well", `podSelector: {matchLabels: {app: web}}
ingress:
- from: [{namespaceSelector: {matchLabels: {stage: front}}}]
  ports: [{port: 80}, {protocol: UDP, port: 80}]`, "", Failed, "UDP/80"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := append(netpolWorld(), policy(t, tt.spec))
			if tt.extra != "" {
				np := policy(t, tt.extra)
				np.Name = "extra"
				objs = append(objs, np)
			}
			expect(t, run(t, fakeEnv(objs...), "network-policy", exactParams), tt.want, tt.says)
		})
	}
}
