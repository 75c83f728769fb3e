package checks_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kubetutor/checks"
)

// TestIntegrationNodeFailure: a worker whose kubelet stops turns NotReady and tainted;
// a cordoned worker that still heartbeats is the near miss.
func TestIntegrationNodeFailure(t *testing.T) {
	l := newLive(t)
	worker := "kubetutor-worker2"
	failed := `{"node": "` + worker + `", "status": "NotTrue", "taints": [{"key": "node.kubernetes.io/unreachable", "effect": "NoExecute"}]}`

	l.expect("nodes-ready", `{}`, checks.Passed, "3/3 nœuds Ready")
	l.expect("node-state", failed, checks.Failed, "Ready=True")

	l.kubectl("cordon", worker)
	t.Cleanup(func() { _, _ = l.env.Kubectl(context.Background(), "uncordon", worker) })
	l.expect("node-state", `{"node": "`+worker+`", "unschedulable": true}`, checks.Passed)
	l.expect("node-state", failed, checks.Failed, "Ready=True") // cordoned, still Ready
	l.expect("nodes-ready", `{}`, checks.Passed)

	if err := l.ce.Nodes.StopKubelet(l.ctx, worker); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = l.ce.Nodes.StartKubelet(ctx, worker)
		_ = l.env.WaitNodesReady(ctx)
	})
	l.eventually("node-state", failed, checks.Passed)
	res := l.eventually("nodes-ready", `{}`, checks.Failed)
	if got := render(res); !contains(got, "2/3 nœuds Ready", worker) {
		t.Errorf("evidence %q", got)
	}
	l.expect("nodes-ready", `{"roles": ["control-plane"]}`, checks.Passed)
	l.expect("nodes-ready", `{"roles": ["worker"], "min": 1}`, checks.Passed)

	if err := l.ce.Nodes.StartKubelet(l.ctx, worker); err != nil {
		t.Fatal(err)
	}
	l.eventually("nodes-ready", `{}`, checks.Passed)
}

func contains(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}
