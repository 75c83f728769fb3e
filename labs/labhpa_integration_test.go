package labs_test

import (
	"strings"
	"testing"

	"kubetutor/checks"
	"kubetutor/labs"
)

// TestIntegrationLabHPA runs the hpa lab's create step as far as the test control plane
// allows: the solution's « kubectl autoscale » makes the HPA, and the real HPA controller
// reports ScalingActive False (no Metrics API here), which the check shows instead of
// passing. Passing, scale-up and scale-down need real metrics: kind end-to-end only.
func TestIntegrationLabHPA(t *testing.T) {
	r := startLab(t, "hpa", "lab-hpa")
	r.notPassed("create", pending)
	r.solve("create")
	r.notPassed("create", nil, "php-apache")
	if out, err := r.env.Kubectl(r.ctx, "-n", "lab-hpa", "wait", "--for=condition=ScalingActive=False", "hpa/php-apache", "--timeout=120s"); err != nil {
		t.Fatalf("the HPA controller did not report ScalingActive: %v\n%s", err, out)
	}
	r.notPassed("create", failed, "ScalingActive")
	r.notPassed("scale-up", pending, "faites d’abord l’étape «\u00a0create\u00a0»")

	// Cheat: minReplicas raised to 2. The real HPA controller then scales the Deployment
	// to 2 without any load (no metrics are needed for that), which is what scale-up
	// reads; graded directly (the runner holds scale-up until create passed), it fails
	// on the changed spec.
	r.do(`kubectl -n lab-hpa patch hpa php-apache --type=merge -p '{"spec":{"minReplicas":2}}'`)
	if out, err := r.env.Kubectl(r.ctx, "-n", "lab-hpa", "wait", "--for=jsonpath={.status.currentReplicas}=2", "hpa/php-apache", "--timeout=120s"); err != nil {
		t.Fatalf("the HPA controller did not apply minReplicas 2: %v\n%s", err, out)
	}
	ce, err := checks.NewEnv(r.env.Config)
	if err != nil {
		t.Fatal(err)
	}
	step := r.step("scale-up")
	c, _ := checks.Lookup(step.Check.ID)
	res, err := c.Run(r.ctx, ce, step.Check.Params)
	if err != nil {
		t.Fatal(err)
	}
	ev := labs.Event{Kind: labs.EventKind(res.Status), Result: res}
	if res.Status != checks.Failed || !strings.Contains(reason(ev), "minReplicas vaut 2 au lieu de 1") {
		t.Fatalf("scale-up with minReplicas raised: %s (%s), want failed on the spec", res.Status, reason(ev))
	}
	t.Logf("cheat, minReplicas raised: %s", reason(ev))
	t.Log("create (passing), scale-up, scale-down: kind end-to-end only (real metrics)")
}
