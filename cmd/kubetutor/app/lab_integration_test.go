package app

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
)

// TestIntegrationLabCheck grades the example lab headless on a real control plane: exit
// 1 with JSON while steps are not done, exit 0 once a step passes, an answer included.
func TestIntegrationLabCheck(t *testing.T) {
	env := testenv.Start(t, testenv.Options{})
	home := t.TempDir()
	code, out, errOut := runCLI(t, home, "", "lab", "check", "nodes-ready", "--kubeconfig", env.Kubeconfig, "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	var res struct {
		Lab   string
		Steps []struct{ Step, Status, Reason string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	want := map[string]string{"list-nodes": "pending", "cordon-worker": "failed", "all-ready": "passed", "count-workers": "pending"}
	for _, s := range res.Steps {
		if want[s.Step] != s.Status {
			t.Errorf("step %s: %s (%s), want %s", s.Step, s.Status, s.Reason, want[s.Step])
		}
	}
	if len(res.Steps) != 4 {
		t.Errorf("%d steps", len(res.Steps))
	}

	code, out, errOut = runCLI(t, home, "", "lab", "check", "nodes-ready", "--kubeconfig", env.Kubeconfig, "--step", "count-workers", "--answer", "2", "--lang", "fr")
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s\n%s", code, out, errOut)
	}
	if _, err := env.Kubectl(context.Background(), "cordon", "kubetutor-worker"); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, home, "", "lab", "check", "nodes-ready", "--kubeconfig", env.Kubeconfig, "--step", "cordon-worker", "--watch", "--lang", "en")
	if code != 0 {
		t.Errorf("watch: exit %d\n%s", code, out)
	}
	code, out, _ = runCLI(t, home, "", "lab", "list", "--lang", "en")
	if code != 0 || !strings.Contains(out, "3/4 steps") {
		t.Errorf("lab list: exit %d\n%s", code, out)
	}
}

// TestIntegrationLabResetWaits: `kubetutor lab reset` on a lab whose setup runs a pod
// returns once the lab's namespace is gone, saying what it waits for, so that the lab
// opens again at once (its setup applies; before, « namespace … is being terminated »).
func TestIntegrationLabResetWaits(t *testing.T) {
	env := testenv.Start(t, testenv.Options{})
	ctx := context.Background()
	lab, err := labs.Load(assets.FS, "hpa")
	if err != nil {
		t.Fatal(err)
	}
	ce, err := checks.NewEnv(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	if err := labs.NewRunner(lab, ce, nil, nil).Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, t.TempDir(), "", "lab", "reset", "hpa", "--kubeconfig", env.Kubeconfig, "--yes")
	if code != 0 {
		t.Fatalf("exit %d\nstdout %s\nstderr %s", code, out, errOut)
	}
	for _, want := range []string{"il finit de supprimer le namespace «\u00a0lab-hpa\u00a0» du TP", "TP «\u00a0hpa\u00a0» remis à zéro"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if _, err := env.Client.CoreV1().Namespaces().Get(ctx, "lab-hpa", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Errorf("after lab reset the namespace is still there (%v)", err)
	}
	if err := labs.NewRunner(lab, ce, nil, nil).Start(ctx, nil); err != nil {
		t.Errorf("the lab opened right after lab reset: %v", err)
	}
	t.Logf("lab reset:\n%s", out)
}
