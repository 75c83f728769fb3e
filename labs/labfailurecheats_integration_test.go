package labs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/testenv"
)

// TestIntegrationLabFailureCheats runs the failure lab the way a student in a hurry
// might: the node's Ready condition patched through the status subresource and the
// unreachable taint added by hand instead of stopping the kubelet; the pods drained away
// before the kubelet stops instead of waiting for their eviction; Ready patched back
// instead of starting the kubelet. None of them passes; the honest steps then do.
func TestIntegrationLabFailureCheats(t *testing.T) {
	r := startLab(t, "failure", "lab-panne")
	const worker = "kubetutor-worker2"
	na := r.env.NodeAccess()
	t.Cleanup(func() {
		_ = na.StartKubelet(context.Background(), worker)
		_, _ = r.env.Kubectl(context.Background(), "uncordon", worker)
		_, _ = r.env.Kubectl(context.Background(), "taint", "nodes", worker, "node.kubernetes.io/unreachable-")
	})
	r.solve("spread")
	r.passes("spread")

	// Cheat: the pods moved away by hand (a drain) before the node fails.
	r.do("kubectl drain " + worker + " --ignore-daemonsets --delete-emptydir-data --timeout=60s")
	if err := testenv.WaitFor(r.ctx, func(ctx context.Context) (bool, error) {
		out := r.do("kubectl -n lab-panne get pods --field-selector spec.nodeName=" + worker + " --no-headers")
		return strings.TrimSpace(out) == "", nil
	}); err != nil {
		t.Fatal(err)
	}
	// Cheat: the node made to look failed, its kubelet still running.
	// (The drain first: no pod is left there for the taint to evict.)
	r.do("kubectl taint nodes " + worker + " node.kubernetes.io/unreachable:NoExecute")
	r.do(`kubectl patch node ` + worker + ` --subresource=status --type=strategic -p '{"status":{"conditions":[{"type":"Ready","status":"Unknown","reason":"Cheat"}]}}'`)
	r.notPassed("stop-kubelet", failed)
	r.do("kubectl taint nodes " + worker + " node.kubernetes.io/unreachable-")

	r.solve("stop-kubelet") // the honest stop, now that the pods are gone
	r.passes("stop-kubelet")
	r.passes("spread")
	r.notPassed("rescheduled", failed, "aucun n’a été évincé par le contrôleur de taints")

	// Cheat: Ready patched back and the taint removed, the kubelet still stopped. Its
	// Lease must have gone stale first (the check's threshold).
	if err := testenv.WaitFor(r.ctx, func(ctx context.Context) (bool, error) {
		l, err := r.env.Client.CoordinationV1().Leases("kube-node-lease").Get(ctx, worker, metav1.GetOptions{})
		return err == nil && l.Spec.RenewTime != nil && time.Since(l.Spec.RenewTime.Time) > 5*time.Second, nil
	}); err != nil {
		t.Fatal(err)
	}
	r.do(`kubectl patch node ` + worker + ` --subresource=status --type=strategic -p '{"status":{"conditions":[{"type":"Ready","status":"True","reason":"KubeletReady"}]}}'`)
	r.do("kubectl taint nodes " + worker + " node.kubernetes.io/unreachable-")
	r.notPassed("repair", failed)
	r.solve("repair")
	r.passes("repair")
}
