package checks

import (
	"context"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"

	"kubetutor/i18n"
)

// NodeStateParams describes the state one node must be in: a condition's status, taints
// present or absent, cordoned or not. Node names the node; otherwise any node matching
// Roles and Selector may satisfy it.
type NodeStateParams struct {
	Node     string   `json:"node,omitempty"`
	Roles    []string `json:"roles,omitempty"`
	Selector string   `json:"selector,omitempty"`
	// Condition is a node condition type (Ready, MemoryPressure…), Status its wanted
	// status: True, False, Unknown, or NotTrue (False or Unknown).
	Condition string `json:"condition,omitempty"`
	Status    string `json:"status,omitempty"`
	// Taints lists taints that must be on the node (or absent when Absent is set).
	Taints []TaintParams `json:"taints,omitempty"`
	// Unschedulable, when set, is the wanted cordon state.
	Unschedulable *bool `json:"unschedulable,omitempty"`
	// Heartbeat, when set, is the state of the node's kubelet as its Lease shows it:
	// « stopped » (not renewed for one and a half renewal periods) or « running ». A
	// condition patched
	// through the status subresource does not change it.
	Heartbeat string `json:"heartbeat,omitempty"`
}

// TaintParams matches a taint by key and, when given, effect.
type TaintParams struct {
	Key    string `json:"key"`
	Effect string `json:"effect,omitempty"`
	Absent bool   `json:"absent,omitempty"`
}

// Validate checks the status and the taints.
func (p *NodeStateParams) Validate() error {
	switch p.Status {
	case "", "True", "False", "Unknown", "NotTrue":
	default:
		return fmt.Errorf("status %q: want True, False, Unknown or NotTrue", p.Status)
	}
	if p.Status != "" && p.Condition == "" {
		p.Condition = string(corev1.NodeReady)
	}
	switch p.Heartbeat {
	case "", HeartbeatStopped, HeartbeatRunning:
	default:
		return fmt.Errorf("heartbeat %q: want %s or %s", p.Heartbeat, HeartbeatStopped, HeartbeatRunning)
	}
	if p.Condition == "" && len(p.Taints) == 0 && p.Unschedulable == nil && p.Heartbeat == "" {
		return fmt.Errorf("give a condition status, taints or unschedulable")
	}
	for _, t := range p.Taints {
		if t.Key == "" {
			return fmt.Errorf("a taint needs a key")
		}
	}
	_, err := labels.Parse(p.Selector)
	return err
}

func runNodeState(ctx context.Context, env *Env, p *NodeStateParams) (Result, error) {
	nodes, err := selectNodes(ctx, env, p.Selector, p.Roles)
	if err != nil {
		return Result{}, err
	}
	if p.Node != "" {
		var kept []corev1.Node
		for _, n := range nodes {
			if n.Name == p.Node {
				kept = append(kept, n)
			}
		}
		nodes = kept
	}
	if len(nodes) == 0 {
		if p.Node != "" {
			return Fail(i18n.M("checks.node.missing", "Node", p.Node)), nil
		}
		return Fail(i18n.M("checks.nodes.none")), nil
	}
	var evidence []i18n.Message
	for _, n := range nodes {
		misses := nodeMisses(&n, p)
		if len(misses) == 0 && p.Heartbeat != "" {
			hb, err := heartbeatMiss(ctx, env, &n, p.Heartbeat)
			if err != nil {
				return Result{}, err
			}
			if hb != nil {
				evidence = append(evidence, *hb)
				continue
			}
		}
		if len(misses) == 0 {
			return Pass(i18n.M("checks.node.state.ok", "Node", n.Name)), nil
		}
		evidence = append(evidence, i18n.M("checks.node.state.miss", "Node", n.Name, "What", strings.Join(misses, ", ")))
	}
	return Fail(i18n.M("checks.node.state.none"), evidence...), nil
}

// nodeMisses lists, in plain Kubernetes terms, how n differs from p.
func nodeMisses(n *corev1.Node, p *NodeStateParams) []string {
	var misses []string
	if p.Condition != "" && p.Status != "" {
		got := "absent"
		if c := nodeCondition(n, corev1.NodeConditionType(p.Condition)); c != nil {
			got = string(c.Status)
		}
		ok := got == p.Status || (p.Status == "NotTrue" && (got == "False" || got == "Unknown"))
		if !ok {
			misses = append(misses, fmt.Sprintf("%s=%s", p.Condition, got))
		}
	}
	for _, want := range p.Taints {
		has := false
		for _, t := range n.Spec.Taints {
			if t.Key == want.Key && (want.Effect == "" || string(t.Effect) == want.Effect) {
				has = true
			}
		}
		switch {
		case has && want.Absent:
			misses = append(misses, "taint "+taintString(want))
		case !has && !want.Absent:
			misses = append(misses, "no taint "+taintString(want))
		}
	}
	if p.Unschedulable != nil && n.Spec.Unschedulable != *p.Unschedulable {
		misses = append(misses, fmt.Sprintf("unschedulable=%t", n.Spec.Unschedulable))
	}
	return misses
}

func taintString(t TaintParams) string {
	if t.Effect == "" {
		return t.Key
	}
	return t.Key + ":" + t.Effect
}
