package checks

import (
	"context"
	"fmt"
	"sort"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"kubetutor/i18n"
)

// RoleControlPlane and RoleWorker are the node roles params name. A worker is a node
// without the control-plane role label (kind sets no worker label).
const (
	RoleControlPlane = "control-plane"
	RoleWorker       = "worker"
	roleLabelPrefix  = "node-role.kubernetes.io/"
)

var nodesGVR = corev1.SchemeGroupVersion.WithResource("nodes")

// NodesReadyParams selects nodes and says how many must be Ready.
type NodesReadyParams struct {
	// Min is the number of selected nodes that must be Ready; 0 means all of them.
	Min int `json:"min,omitempty"`
	// Roles keeps nodes having one of these roles (control-plane, worker, or any
	// node-role.kubernetes.io/<role> label).
	Roles []string `json:"roles,omitempty"`
	// Selector is a label selector on nodes.
	Selector string `json:"selector,omitempty"`
	// Schedulable counts a cordoned node as not ready for work.
	Schedulable bool `json:"schedulable,omitempty"`
}

// Validate checks the selector and the count.
func (p *NodesReadyParams) Validate() error {
	if p.Min < 0 {
		return fmt.Errorf("min must not be negative")
	}
	_, err := labels.Parse(p.Selector)
	return err
}

func nodeDeps[P any](*P) []Dependency { return []Dependency{{Resource: nodesGVR}} }

// nodeStateDeps adds the node Leases when the check reads the heartbeat.
func nodeStateDeps(p *NodeStateParams) []Dependency {
	if p.Heartbeat == "" {
		return nodeDeps(p)
	}
	return []Dependency{{Resource: nodesGVR}, {Resource: leasesGVR, Namespace: corev1.NamespaceNodeLease}}
}

func runNodesReady(ctx context.Context, env *Env, p *NodesReadyParams) (Result, error) {
	nodes, err := selectNodes(ctx, env, p.Selector, p.Roles)
	if err != nil {
		return Result{}, err
	}
	if len(nodes) == 0 {
		return Fail(i18n.M("checks.nodes.none")), nil
	}
	now := env.now()
	ready := 0
	var evidence []i18n.Message
	for _, n := range nodes {
		c := nodeCondition(&n, corev1.NodeReady)
		if c != nil && c.Status == corev1.ConditionTrue {
			if p.Schedulable && n.Spec.Unschedulable {
				evidence = append(evidence, i18n.M("checks.nodes.cordoned", "Node", n.Name))
				continue
			}
			ready++
			continue
		}
		state, at := "Unknown", metav1.Time{}
		if c != nil {
			at = c.LastTransitionTime
			if c.Status == corev1.ConditionFalse {
				state = "NotReady"
			}
		}
		evidence = append(evidence, i18n.M("checks.nodes.notready", "Node", n.Name, "State", state, "Since", since(now, at.Time)))
	}
	want := p.Min
	if want == 0 {
		want = len(nodes)
	}
	reason := i18n.M("checks.nodes.ready.count", "Ready", ready, "Total", len(nodes))
	if ready >= want {
		return Pass(reason, evidence...), nil
	}
	if p.Min > 0 {
		evidence = append([]i18n.Message{i18n.M("checks.nodes.ready.want", "Want", want)}, evidence...)
	}
	return Fail(reason, evidence...), nil
}

// selectNodes lists nodes matching selector and roles, sorted by name.
func selectNodes(ctx context.Context, env *Env, selector string, roles []string) ([]corev1.Node, error) {
	list, err := env.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: selector})
	if err != nil {
		return nil, fmt.Errorf("list nodes: %w", err)
	}
	sel, err := labels.Parse(selector)
	if err != nil {
		return nil, err
	}
	var out []corev1.Node
	for _, n := range list.Items {
		if !sel.Matches(labels.Set(n.Labels)) { // fake clients ignore selectors
			continue
		}
		if len(roles) > 0 && !hasRole(&n, roles) {
			continue
		}
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func hasRole(n *corev1.Node, roles []string) bool {
	for _, r := range roles {
		_, cp := n.Labels[roleLabelPrefix+RoleControlPlane]
		switch r {
		case RoleWorker:
			if !cp {
				return true
			}
		default:
			if _, ok := n.Labels[roleLabelPrefix+r]; ok {
				return true
			}
		}
	}
	return false
}

func nodeCondition(n *corev1.Node, t corev1.NodeConditionType) *corev1.NodeCondition {
	for i := range n.Status.Conditions {
		if n.Status.Conditions[i].Type == t {
			return &n.Status.Conditions[i]
		}
	}
	return nil
}
