package labs_test

import (
	"strings"
	"testing"
)

// TestIntegrationLabInspect runs the inspect lab: its shell steps with the real kubectl
// against the test control plane, and its questions graded against the cluster. The test
// control plane has the control-plane static pods (testenv's stand-ins) but no kube-proxy
// and no CNI: the test creates stand-in DaemonSets named like kind's (kube-proxy, kindnet,
// labelled kubetutor.dev/stand-in=true), which kwok runs on its three nodes.
func TestIntegrationLabInspect(t *testing.T) {
	r := startLab(t, "inspect")
	r.standIn(standInDaemonSet("kube-proxy") + "---\n" + standInDaemonSet("kindnet"))
	for _, ds := range []string{"kube-proxy", "kindnet"} {
		if out, err := r.env.Kubectl(r.ctx, "-n", "kube-system", "rollout", "status", "daemonset/"+ds, "--timeout=120s"); err != nil {
			t.Fatalf("stand-in %s: %v\n%s", ds, err, out)
		}
	}

	// Shell steps: each one's near miss is a close command that is not it.
	shellSteps := []struct{ step, nearMiss, cheat, alternative string }{
		{"system-pods", "kubectl get pods -n kube-system -o yaml", "kubectl get pods -n kube-system -o wide --help", "k get po --namespace=kube-system --output wide"},
		{"readyz", "kubectl get --raw=/readyz", "kubectl get --raw='/readyz?verbose' --kubeconfig " + r.env.Kubeconfig, "k get --raw '/readyz?verbose'"},
		{"componentstatuses", "kubectl describe componentstatuses", "kubectl get componentstatuses -h", "kubectl get cs"},
	}
	for _, s := range shellSteps {
		r.notPassed(s.step, pending)
		r.do(s.nearMiss)
		r.notPassed(s.step, pending)
		// Cheat: the command's help, or the command against a kubeconfig given by hand.
		r.do(s.cheat)
		r.notPassed(s.step, failed)
		// Alternative: short names, long flags, the k alias, « --flag value ».
		r.do(s.alternative)
		r.passes(s.step)
		out := r.solve(s.step)
		r.passes(s.step)
		t.Logf("%s printed:\n%s", s.step, out)
	}

	// Questions: the solution's output is the answer; the near miss a likely wrong one.
	questions := []struct{ step, nearMiss, want string }{
		{"etcd-node", "kubetutor-worker", "kubetutor-control-plane"},
		{"kube-proxy-count", "2", "3"},
		{"cni", "kube-proxy", "kindnet"},
	}
	for _, q := range questions {
		r.notPassed(q.step, pending)
		r.answer(q.step, q.nearMiss)
		r.notPassed(q.step, failed)
		got := strings.TrimSpace(r.solve(q.step))
		if got != q.want {
			t.Errorf("%s: the solution printed %q, want %q", q.step, got, q.want)
		}
		r.answer(q.step, got)
		r.passes(q.step)
	}
	if cur := r.runner.Current(); cur != nil {
		t.Errorf("lab not done: current step %s", cur.ID)
	}
}
