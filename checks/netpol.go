package checks

import (
	"context"
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"kubetutor/i18n"
)

// NetworkPolicyParams describes a NetworkPolicy that must exist in a namespace: the pods
// it selects, its policy types, and optionally an ingress rule admitting some peer on
// some ports. Name, when set, pins the policy; otherwise any policy of the namespace may
// match.
type NetworkPolicyParams struct {
	Namespace string `json:"namespace"`
	Name      string `json:"name,omitempty"`
	// Selects are labels of pods the policy must select.
	Selects     map[string]string `json:"selects,omitempty"`
	PolicyTypes []string          `json:"policyTypes,omitempty"`
	IngressFrom *PeerParams       `json:"ingressFrom,omitempty"`
	Ports       []PortParams      `json:"ports,omitempty"`
	// Exact grades what the policies let in, not only that the asked rule is there: with
	// every policy of the namespace that selects the Selects pods, the IngressFrom peers
	// must get in on exactly Ports and nobody else on any port, judged on the cluster's
	// namespaces and pods (and probes standing for those it lacks). Selectors are
	// evaluated, so matchExpressions and matchLabels written differently pass alike.
	Exact bool `json:"exact,omitempty"`
}

// PeerParams are the labels of the pods (and their namespace) a rule must admit.
type PeerParams struct {
	PodLabels       map[string]string `json:"podLabels,omitempty"`
	NamespaceLabels map[string]string `json:"namespaceLabels,omitempty"`
}

// PortParams is a port a rule must open (protocol TCP by default).
type PortParams struct {
	Protocol string `json:"protocol,omitempty"`
	Port     int32  `json:"port"`
}

// Validate checks the namespace, the types and the ports.
func (p *NetworkPolicyParams) Validate() error {
	if p.Namespace == "" {
		return fmt.Errorf("namespace is required")
	}
	for _, t := range p.PolicyTypes {
		if t != "Ingress" && t != "Egress" {
			return fmt.Errorf("policy type %q: want Ingress or Egress", t)
		}
	}
	for i := range p.Ports {
		if p.Ports[i].Protocol == "" {
			p.Ports[i].Protocol = "TCP"
		}
		if p.Ports[i].Port <= 0 {
			return fmt.Errorf("a port needs a positive number")
		}
	}
	if len(p.Ports) > 0 && p.IngressFrom == nil {
		return fmt.Errorf("ports need ingressFrom")
	}
	if p.Exact && (p.Name == "" || p.Selects == nil) {
		return fmt.Errorf("exact needs name and selects")
	}
	return nil
}

func netpolDeps(p *NetworkPolicyParams) []Dependency {
	ns := p.Namespace
	if p.Name != "" { // a policy of that name elsewhere is reported too
		ns = ""
	}
	deps := []Dependency{{Resource: networkingv1.SchemeGroupVersion.WithResource("networkpolicies"), Namespace: ns}}
	if p.Exact { // what the policies let in depends on the pods' and namespaces' labels
		deps = append(deps, Dependency{Resource: podsGVR}, Dependency{Resource: corev1.SchemeGroupVersion.WithResource("namespaces")})
	}
	return deps
}

func runNetworkPolicy(ctx context.Context, env *Env, p *NetworkPolicyParams) (Result, error) {
	var policies []networkingv1.NetworkPolicy
	if p.Name != "" {
		np, err := env.Kube.NetworkingV1().NetworkPolicies(p.Namespace).Get(ctx, p.Name, metav1.GetOptions{})
		if err != nil && !apierrors.IsNotFound(err) {
			return Result{}, fmt.Errorf("get NetworkPolicy %s/%s: %w", p.Namespace, p.Name, err)
		}
		if err == nil {
			policies = append(policies, *np)
		}
	} else {
		list, err := env.Kube.NetworkingV1().NetworkPolicies(p.Namespace).List(ctx, metav1.ListOptions{})
		if err != nil {
			return Result{}, fmt.Errorf("list NetworkPolicies in %s: %w", p.Namespace, err)
		}
		policies = list.Items
	}
	if len(policies) == 0 {
		if p.Name != "" {
			if ns, err := elsewhere(ctx, env, p); err != nil {
				return Result{}, err
			} else if ns != "" {
				return Fail(i18n.M("checks.netpol.elsewhere", "Name", p.Name, "Found", ns, "Namespace", p.Namespace)), nil
			}
		}
		return Wait(i18n.M("checks.netpol.none", "Namespace", p.Namespace)), nil
	}
	var evidence []i18n.Message
	for _, np := range policies {
		if p.Exact { // the rules are judged on what they let in, not on how they are written
			shape := *p
			shape.IngressFrom, shape.Ports = nil, nil
			if miss := netpolMiss(&np, &shape); miss != "" {
				evidence = append(evidence, i18n.M("checks.netpol.miss", "Name", np.Name, "What", miss))
				continue
			}
			return exactResult(ctx, env, p, &np)
		}
		miss := netpolMiss(&np, p)
		if miss == "" {
			return Pass(i18n.M("checks.netpol.ok", "Name", np.Name)), nil
		}
		evidence = append(evidence, i18n.M("checks.netpol.miss", "Name", np.Name, "What", miss))
	}
	return Fail(i18n.M("checks.netpol.nomatch", "Namespace", p.Namespace), evidence...), nil
}

// exactResult grades the named policy np, which has the asked rule, on what the
// namespace's policies let in (Exact).
func exactResult(ctx context.Context, env *Env, p *NetworkPolicyParams, np *networkingv1.NetworkPolicy) (Result, error) {
	list, err := env.Kube.NetworkingV1().NetworkPolicies(p.Namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return Result{}, fmt.Errorf("list NetworkPolicies in %s: %w", p.Namespace, err)
	}
	miss, err := exactMiss(ctx, env, p, np, list.Items)
	if err != nil {
		return Result{}, err
	}
	if miss != nil {
		return Fail(i18n.M("checks.netpol.exact.not", "Name", np.Name), *miss), nil
	}
	return Pass(i18n.M("checks.netpol.exact.ok", "Name", np.Name, "Namespace", p.Namespace)), nil
}

// netpolMiss says, in Kubernetes terms, the first way np differs from p ("" when it
// matches).
func netpolMiss(np *networkingv1.NetworkPolicy, p *NetworkPolicyParams) string {
	if p.Selects != nil && !selectorMatches(&np.Spec.PodSelector, p.Selects) {
		return fmt.Sprintf("podSelector does not select %v", labels.Set(p.Selects))
	}
	types := np.Spec.PolicyTypes
	if len(types) == 0 { // the API defaults Ingress, and Egress when egress rules exist
		types = []networkingv1.PolicyType{networkingv1.PolicyTypeIngress}
		if len(np.Spec.Egress) > 0 {
			types = append(types, networkingv1.PolicyTypeEgress)
		}
	}
	for _, t := range p.PolicyTypes {
		if !slices.Contains(types, networkingv1.PolicyType(t)) {
			return "policyTypes lacks " + t
		}
	}
	if p.IngressFrom == nil {
		return ""
	}
	for _, rule := range np.Spec.Ingress {
		if ruleAdmits(rule, p.IngressFrom) && rulePorts(rule.Ports, p.Ports) {
			return ""
		}
	}
	return fmt.Sprintf("no ingress rule admits %s on the ports asked", p.IngressFrom)
}

// String describes the peer in Kubernetes terms: « pods app=api », « namespaces
// stage=front », « pods app=api in namespaces stage=front ».
func (pp *PeerParams) String() string {
	pods, nss := labels.Set(pp.PodLabels).String(), labels.Set(pp.NamespaceLabels).String()
	switch {
	case nss == "":
		return "pods " + pods
	case pods == "":
		return "namespaces " + nss
	default:
		return "pods " + pods + " in namespaces " + nss
	}
}

func ruleAdmits(rule networkingv1.NetworkPolicyIngressRule, want *PeerParams) bool {
	for _, peer := range rule.From {
		if peer.IPBlock != nil {
			continue
		}
		if peer.PodSelector == nil && peer.NamespaceSelector == nil {
			continue
		}
		if want.PodLabels != nil && (peer.PodSelector == nil || !selectorMatches(peer.PodSelector, want.PodLabels)) {
			continue
		}
		if want.NamespaceLabels == nil {
			if peer.NamespaceSelector != nil {
				continue
			}
		} else if peer.NamespaceSelector == nil || !selectorMatches(peer.NamespaceSelector, want.NamespaceLabels) {
			continue
		}
		return true
	}
	return false
}

func rulePorts(have []networkingv1.NetworkPolicyPort, want []PortParams) bool {
	if len(have) == 0 {
		return true
	}
	for _, w := range want {
		found := false
		for _, h := range have {
			proto := corev1.ProtocolTCP
			if h.Protocol != nil {
				proto = *h.Protocol
			}
			if string(proto) == w.Protocol && (h.Port == nil || h.Port.IntValue() == int(w.Port)) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func selectorMatches(s *metav1.LabelSelector, set map[string]string) bool {
	sel, err := metav1.LabelSelectorAsSelector(s)
	return err == nil && sel.Matches(labels.Set(set))
}

// elsewhere returns a namespace other than p.Namespace holding a policy named p.Name (the
// usual mistake: applied without its namespace, it lands in « default »), or "".
func elsewhere(ctx context.Context, env *Env, p *NetworkPolicyParams) (string, error) {
	list, err := env.Kube.NetworkingV1().NetworkPolicies(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return "", fmt.Errorf("list NetworkPolicies: %w", err)
	}
	for _, np := range list.Items {
		if np.Name == p.Name && np.Namespace != p.Namespace {
			return np.Namespace, nil
		}
	}
	return "", nil
}
