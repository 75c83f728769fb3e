package labs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
)

// TestIntegrationLabsOnAnotherClusterName runs the failure lab's node steps on a test
// control plane whose nodes are named as kind names a cluster called autre
// (autre-control-plane, autre-worker, autre-worker2): the runner binds the lab to them,
// the solution the student reads names autre-worker2, the kubelet stopped there passes
// the step and started again passes the repair, while the same check with the tutor's
// cluster's names (the lab as loaded) finds no such node.
func TestIntegrationLabsOnAnotherClusterName(t *testing.T) {
	env := testenv.Start(t, testenv.Options{ClusterName: "autre"})
	lab, err := labs.Load(assets.FS, "failure")
	if err != nil {
		t.Fatal(err)
	}
	ce, err := checks.NewEnv(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	ce.Nodes = env.NodeAccess()
	r := labs.NewRunner(lab, ce, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	if err := r.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = r.Reset(context.Background(), nil) })
	const worker = "autre-worker2"
	t.Cleanup(func() { _ = env.NodeAccess().StartKubelet(context.Background(), worker) })

	bound := r.Lab()
	stop := bound.Step("stop-kubelet")
	if stop.Solution[0] != "docker exec "+worker+" systemctl stop kubelet" || !strings.Contains(stop.Instructions["fr"], "`"+worker+"`") {
		t.Fatalf("stop-kubelet bound to autre: %q\n%s", stop.Solution, stop.Instructions["fr"])
	}
	if ev := r.Evaluate(ctx, lab.Step("stop-kubelet")); ev.Kind == labs.EventPassed || ev.Kind == labs.EventError {
		t.Fatalf("stop-kubelet before the kubelet stops: %s %v", ev.Kind, ev.Err)
	}
	if err := env.NodeAccess().StopKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	passes := func(id string) {
		t.Helper()
		var last labs.Event
		err := testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
			last = r.Evaluate(ctx, lab.Step(id)) // the step as loaded: the runner grades its own
			return last.Kind == labs.EventPassed, nil
		})
		if err != nil {
			t.Fatalf("%s not passed on autre: %s %v %v", id, last.Kind, last.Result.Reason, last.Err)
		}
	}
	passes("stop-kubelet")

	// The lab as loaded names kubetutor-worker2: on this cluster that node does not exist.
	c, _ := checks.Lookup("node-state")
	res, err := c.Run(ctx, ce, lab.Step("stop-kubelet").Check.Params)
	if err != nil || res.Status == checks.Passed {
		t.Fatalf("the tutor's cluster's names on autre: %s %v", res.Status, err)
	}
	t.Logf("with the tutor's cluster's names: %s %s", res.Status, res.Reason.ID)

	if err := env.NodeAccess().StartKubelet(ctx, worker); err != nil {
		t.Fatal(err)
	}
	passes("repair")
}
