package labs_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// TestIntegrationLabFailure runs the failure lab. « docker exec kubetutor-worker2
// systemctl stop|start kubelet » becomes NodeAccess.StopKubelet/StartKubelet: kwok stops
// (resumes) the node's heartbeat, and the real node lifecycle controller does the rest with
// the test environment's short grace period and tolerations.
func TestIntegrationLabFailure(t *testing.T) {
	r := startLab(t, "failure", "lab-panne")
	const worker = "kubetutor-worker2"
	t.Cleanup(func() { _ = r.env.NodeAccess().StartKubelet(context.Background(), worker) })

	// spread: its solution waits for the setup's rollout, which kwok may finish at once.
	// To see the step not passed without racing kwok, the Deployment is held at 0
	// replicas, then given back its 4 before the solution.
	// rollout status returns once the controller has observed the new generation, so the
	// check cannot read the old status (4 available) either.
	r.do("kubectl -n lab-panne scale deployment web --replicas=0")
	r.do("kubectl -n lab-panne rollout status deployment/web --timeout=60s")
	r.notPassed("spread", nil)
	r.do("kubectl -n lab-panne scale deployment web --replicas=4")
	r.solve("spread")
	r.passes("spread")
	// Near miss: 3 replicas where the step wants 4.
	r.do("kubectl -n lab-panne scale deployment web --replicas=3")
	r.do("kubectl -n lab-panne rollout status deployment/web --timeout=60s")
	r.notPassed("spread", failed, "3/4")
	r.do("kubectl -n lab-panne scale deployment web --replicas=4")
	r.passes("spread")
	onWorker := r.do("kubectl -n lab-panne get pods -o wide --field-selector spec.nodeName=" + worker + " --no-headers")
	if strings.TrimSpace(onWorker) == "" {
		t.Fatalf("no web pod on %s: the lab needs one there to show the eviction", worker)
	}

	// Before the kubelet stops, rescheduled waits for stop-kubelet (it requires it).
	r.notPassed("rescheduled", pending, "faites d’abord l’étape «\u00a0stop-kubelet\u00a0»")

	// stop-kubelet: near miss, the node cordoned instead of its kubelet stopped.
	r.notPassed("stop-kubelet", nil)
	r.do("kubectl cordon " + worker)
	r.notPassed("stop-kubelet", failed, "Ready=True")
	r.do("kubectl uncordon " + worker)
	r.solve("stop-kubelet")
	r.passes("stop-kubelet")
	// The kubelet stopped, the toleration not over: the pods still run on the worker.
	r.notPassed("rescheduled", failed, "tourne encore sur "+worker)

	// toleration: graded against the pods' actual tolerationSeconds (the test
	// environment's, not the 300 s default the student may remember).
	r.notPassed("toleration", pending)
	got := strings.TrimSpace(r.solve("toleration"))
	if _, err := strconv.Atoi(got); err != nil || got == "300" {
		t.Fatalf("solution printed %q, want the environment's tolerationSeconds", got)
	}
	r.answer("toleration", "300")
	r.notPassed("toleration", failed)
	r.answer("toleration", got)
	r.passes("toleration")

	r.solve("rescheduled")
	r.passes("rescheduled")

	// repair: near miss, uncordon does not restart a kubelet.
	r.notPassed("repair", nil)
	r.do("kubectl uncordon " + worker)
	r.notPassed("repair", failed, "Ready=Unknown")
	r.solve("repair")
	r.passes("repair")
	if cur := r.runner.Current(); cur != nil {
		t.Errorf("lab not done: current step %s", cur.ID)
	}
}
