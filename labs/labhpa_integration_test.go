package labs_test

import (
	"testing"
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
	r.notPassed("scale-up", nil)
	t.Log("create (passing), scale-up, scale-down: kind end-to-end only (real metrics)")
}
