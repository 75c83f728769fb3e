package checks

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"kubetutor/i18n"
)

// peer is a pod a connection could come from: its namespace (name and labels) and its
// labels. Probes are made-up peers that stand for what the cluster does not have (yet):
// a pod without labels in each namespace, a namespace carrying exactly the asked labels,
// a namespace without labels.
type peer struct {
	namespace string
	nsLabels  labels.Set
	pod       string
	labels    labels.Set
}

func (p peer) String() string {
	if strings.HasPrefix(p.namespace, "kubetutor-probe-") {
		return fmt.Sprintf("*/* (%s)", p.nsLabels) // a namespace the cluster does not have
	}
	if p.pod == "" {
		return p.namespace + "/*"
	}
	return p.namespace + "/" + p.pod
}

// exactMiss evaluates what the policies of p.Namespace let into the pods p.Selects
// describes, against every namespace and pod of the cluster and the probes: the peers
// p.IngressFrom names must get in on exactly p.Ports, and no other peer on any port.
// policies are all the NetworkPolicies of the namespace; named is the one the step
// names. It returns a localized reason for the first difference, or nil.
func exactMiss(ctx context.Context, env *Env, p *NetworkPolicyParams, named *networkingv1.NetworkPolicy, policies []networkingv1.NetworkPolicy) (*i18n.Message, error) {
	want := labels.Set(p.Selects)
	// The named policy must apply to the asked pods only (a policy on every pod of the
	// namespace is another policy, with effects on pods the step does not mention).
	sel, err := metav1.LabelSelectorAsSelector(&named.Spec.PodSelector)
	if err != nil {
		return nil, fmt.Errorf("podSelector of %s: %w", named.Name, err)
	}
	pods, err := env.Kube.CoreV1().Pods(metav1.NamespaceAll).List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("list pods: %w", err)
	}
	var targets []corev1.Pod
	for _, pod := range pods.Items {
		if pod.Namespace != p.Namespace {
			continue
		}
		has := labels.SelectorFromSet(want).Matches(labels.Set(pod.Labels))
		if sel.Matches(labels.Set(pod.Labels)) && !has {
			m := i18n.M("checks.netpol.exact.selectsmore", "Name", named.Name, "Pod", pod.Name, "Want", want.String())
			return &m, nil
		}
		if has {
			targets = append(targets, pod)
		}
	}
	if sel.Matches(labels.Set{}) && len(want) > 0 {
		m := i18n.M("checks.netpol.exact.selectsmore", "Name", named.Name, "Pod", "*", "Want", want.String())
		return &m, nil
	}
	if len(targets) == 0 { // no such pod yet: judge on a pod with exactly those labels
		targets = []corev1.Pod{{ObjectMeta: metav1.ObjectMeta{Namespace: p.Namespace, Labels: want}}}
	}
	nsList, err := env.Kube.CoreV1().Namespaces().List(ctx, metav1.ListOptions{})
	if err != nil {
		return nil, fmt.Errorf("list namespaces: %w", err)
	}
	peers := probePeers(nsList.Items, pods.Items, p)
	wantPorts := make([]string, 0, len(p.Ports))
	for _, wp := range p.Ports {
		wantPorts = append(wantPorts, fmt.Sprintf("%s/%d", wp.Protocol, wp.Port))
	}
	sort.Strings(wantPorts)
	for _, target := range targets {
		var applying []networkingv1.NetworkPolicy
		for _, np := range policies {
			if appliesToIngress(&np, &target) {
				applying = append(applying, np)
			}
		}
		for _, pr := range peers {
			got, block := allowedPorts(applying, &target, pr)
			if block != "" {
				m := i18n.M("checks.netpol.exact.ipblock", "Name", block)
				return &m, nil
			}
			admitted := p.IngressFrom != nil && peerWanted(pr, p.IngressFrom)
			switch {
			case admitted && len(got) == 0:
				m := i18n.M("checks.netpol.exact.narrower", "Peer", pr.String())
				return &m, nil
			case admitted && !slices.Equal(got, wantPorts) && len(wantPorts) > 0:
				m := i18n.M("checks.netpol.exact.ports", "Peer", pr.String(), "Got", strings.Join(got, ", "), "Want", strings.Join(wantPorts, ", "))
				return &m, nil
			case !admitted && len(got) > 0:
				m := i18n.M("checks.netpol.exact.broader", "Peer", pr.String(), "Ports", strings.Join(got, ", "))
				return &m, nil
			}
		}
	}
	return nil, nil
}

// probePeers lists the cluster's pods as peers, plus the probes.
func probePeers(nss []corev1.Namespace, pods []corev1.Pod, p *NetworkPolicyParams) []peer {
	nsLabels := map[string]labels.Set{}
	var out []peer
	for _, ns := range nss {
		nsLabels[ns.Name] = labels.Set(ns.Labels)
		out = append(out, peer{namespace: ns.Name, nsLabels: labels.Set(ns.Labels)})
	}
	for _, pod := range pods {
		out = append(out, peer{namespace: pod.Namespace, nsLabels: nsLabels[pod.Namespace], pod: pod.Name, labels: labels.Set(pod.Labels)})
	}
	probe := labels.Set{}
	if p.IngressFrom != nil {
		probe = labels.Set(p.IngressFrom.NamespaceLabels)
	}
	out = append(out,
		peer{namespace: "kubetutor-probe-asked", nsLabels: probe, labels: labels.Set(p.IngressFrom.podLabelsOrNil())},
		peer{namespace: "kubetutor-probe-bare", nsLabels: labels.Set{}})
	return out
}

func (pp *PeerParams) podLabelsOrNil() map[string]string {
	if pp == nil {
		return nil
	}
	return pp.PodLabels
}

// peerWanted reports whether the step wants pr let in.
func peerWanted(pr peer, want *PeerParams) bool {
	if want.NamespaceLabels != nil && !labels.SelectorFromSet(want.NamespaceLabels).Matches(pr.nsLabels) {
		return false
	}
	if want.PodLabels != nil && !labels.SelectorFromSet(want.PodLabels).Matches(pr.labels) {
		return false
	}
	return true
}

// appliesToIngress reports whether np isolates pod for ingress.
func appliesToIngress(np *networkingv1.NetworkPolicy, pod *corev1.Pod) bool {
	if np.Namespace != pod.Namespace && np.Namespace != "" {
		return false
	}
	sel, err := metav1.LabelSelectorAsSelector(&np.Spec.PodSelector)
	if err != nil || !sel.Matches(labels.Set(pod.Labels)) {
		return false
	}
	if len(np.Spec.PolicyTypes) == 0 {
		return true // Ingress is implied
	}
	return slices.Contains(np.Spec.PolicyTypes, networkingv1.PolicyTypeIngress)
}

// allowedPorts returns the ports (« TCP/80 », « TCP/* » for all) on which the policies let
// pr into target, sorted, or the name of a policy with an ipBlock peer that could admit
// pr by address (such a rule is not about namespaces at all).
func allowedPorts(policies []networkingv1.NetworkPolicy, target *corev1.Pod, pr peer) ([]string, string) {
	set := map[string]bool{}
	for _, np := range policies {
		for _, rule := range np.Spec.Ingress {
			matched := len(rule.From) == 0
			for _, from := range rule.From {
				if from.IPBlock != nil {
					return nil, np.Name
				}
				if peerMatches(&from, np.Namespace, target.Namespace, pr) {
					matched = true
				}
			}
			if !matched {
				continue
			}
			if len(rule.Ports) == 0 {
				for _, proto := range []string{"TCP", "UDP", "SCTP"} {
					set[proto+"/*"] = true
				}
				continue
			}
			for _, port := range rule.Ports {
				proto := "TCP"
				if port.Protocol != nil {
					proto = string(*port.Protocol)
				}
				switch {
				case port.Port == nil:
					set[proto+"/*"] = true
				case port.EndPort != nil && *port.EndPort > port.Port.IntVal:
					set[fmt.Sprintf("%s/%d-%d", proto, port.Port.IntVal, *port.EndPort)] = true
				case port.Port.StrVal != "":
					if n := namedPort(target, port.Port.StrVal, proto); n > 0 {
						set[fmt.Sprintf("%s/%d", proto, n)] = true
					}
				default:
					set[fmt.Sprintf("%s/%d", proto, port.Port.IntVal)] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out, ""
}

// peerMatches applies a NetworkPolicyPeer's semantics: a podSelector alone means pods of
// the policy's namespace, a namespaceSelector alone every pod of those namespaces, both
// together the pods of those namespaces that match.
func peerMatches(from *networkingv1.NetworkPolicyPeer, policyNS, targetNS string, pr peer) bool {
	if from.NamespaceSelector == nil {
		ns := policyNS
		if ns == "" {
			ns = targetNS
		}
		if pr.namespace != ns {
			return false
		}
	} else if !selectorOn(from.NamespaceSelector, pr.nsLabels) {
		return false
	}
	return from.PodSelector == nil || selectorOn(from.PodSelector, pr.labels)
}

func selectorOn(s *metav1.LabelSelector, set labels.Set) bool {
	sel, err := metav1.LabelSelectorAsSelector(s)
	return err == nil && sel.Matches(set)
}

// namedPort resolves a named container port of pod (0 when it has none by that name).
func namedPort(pod *corev1.Pod, name, proto string) int32 {
	for _, c := range pod.Spec.Containers {
		for _, cp := range c.Ports {
			pp := string(cp.Protocol)
			if pp == "" {
				pp = "TCP"
			}
			if cp.Name == name && pp == proto {
				return cp.ContainerPort
			}
		}
	}
	return 0
}
