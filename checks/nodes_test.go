package checks

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

func TestNodesReady(t *testing.T) {
	T, F := corev1.ConditionTrue, corev1.ConditionFalse
	tests := []struct {
		name   string
		nodes  []*corev1.Node
		params string
		status Status
		text   []string
	}{
		{"all ready", []*corev1.Node{node("kubetutor-control-plane", T), node("kubetutor-worker", T), node("kubetutor-worker2", T)}, `{}`, Passed, []string{"3/3 nœuds Ready"}},
		{"one not ready", []*corev1.Node{node("kubetutor-control-plane", T), node("kubetutor-worker", T), node("kubetutor-worker2", F)}, `{}`, Failed,
			[]string{"2/3 nœuds Ready", "kubetutor-worker2\u00a0: NotReady depuis 12 s"}},
		{"unknown shows as Unknown", []*corev1.Node{node("kubetutor-worker", corev1.ConditionUnknown)}, `{}`, Failed, []string{"Unknown"}},
		{"min is enough", []*corev1.Node{node("a", T), node("b", F)}, `{"min": 1}`, Passed, []string{"1/2"}},
		{"min not reached", []*corev1.Node{node("a", T), node("b", F)}, `{"min": 2}`, Failed, []string{"au moins 2"}},
		{"workers only", []*corev1.Node{node("kubetutor-control-plane", F), node("kubetutor-worker", T)}, `{"roles": ["worker"]}`, Passed, []string{"1/1"}},
		{"control plane only", []*corev1.Node{node("kubetutor-control-plane", F), node("kubetutor-worker", T)}, `{"roles": ["control-plane"]}`, Failed, []string{"0/1"}},
		{"no node selected", []*corev1.Node{node("kubetutor-worker", T)}, `{"selector": "zone=b"}`, Failed, []string{"aucun nœud"}},
		{"cordoned but ready counts as ready", []*corev1.Node{node("kubetutor-worker", T, cordoned)}, `{}`, Passed, nil},
		{"unless schedulable is asked", []*corev1.Node{node("kubetutor-worker", T, cordoned), node("kubetutor-worker2", T)}, `{"schedulable": true}`, Failed,
			[]string{"1/2", "kubetutor-worker\u00a0: Ready mais isolé"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var objs []runtimeObject
			for _, n := range tt.nodes {
				objs = append(objs, n)
			}
			expect(t, run(t, fakeEnv(objs...), "nodes-ready", tt.params), tt.status, tt.text...)
		})
	}
}

func TestNodeState(t *testing.T) {
	T, F, U := corev1.ConditionTrue, corev1.ConditionFalse, corev1.ConditionUnknown
	unreachable := tainted("node.kubernetes.io/unreachable", corev1.TaintEffectNoExecute)
	tests := []struct {
		name   string
		nodes  []*corev1.Node
		params string
		status Status
		text   []string
	}{
		{"failed node", []*corev1.Node{node("kubetutor-worker2", U, unreachable)},
			`{"node": "kubetutor-worker2", "status": "NotTrue", "taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"}]}`, Passed, nil},
		{"cordoned but still Ready is a near miss", []*corev1.Node{node("kubetutor-worker2", T, cordoned)},
			`{"node": "kubetutor-worker2", "status": "NotTrue"}`, Failed, []string{"Ready=True"}},
		{"not ready but taint missing", []*corev1.Node{node("kubetutor-worker2", F)},
			`{"node": "kubetutor-worker2", "status": "False", "taints": [{"key": "node.kubernetes.io/unreachable"}]}`, Failed, []string{"no taint node.kubernetes.io/unreachable"}},
		{"cordoned", []*corev1.Node{node("kubetutor-worker", T, cordoned)}, `{"node": "kubetutor-worker", "unschedulable": true}`, Passed, nil},
		{"not cordoned", []*corev1.Node{node("kubetutor-worker", T)}, `{"node": "kubetutor-worker", "unschedulable": true}`, Failed, []string{"unschedulable=false"}},
		{"taint must be gone", []*corev1.Node{node("kubetutor-worker", T, tainted("dedicated", corev1.TaintEffectNoSchedule))},
			`{"node": "kubetutor-worker", "taints": [{"key": "dedicated", "absent": true}]}`, Failed, []string{"taint dedicated"}},
		{"any worker", []*corev1.Node{node("kubetutor-worker", T), node("kubetutor-worker2", U)}, `{"roles": ["worker"], "status": "Unknown"}`, Passed, []string{"kubetutor-worker2"}},
		{"missing node", []*corev1.Node{node("kubetutor-worker", T)}, `{"node": "kubetutor-worker9", "status": "True"}`, Failed, []string{"n’existe pas"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var objs []runtimeObject
			for _, n := range tt.nodes {
				objs = append(objs, n)
			}
			expect(t, run(t, fakeEnv(objs...), "node-state", tt.params), tt.status, tt.text...)
		})
	}
}
