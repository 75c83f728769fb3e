package app

import (
	"context"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	dynfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/checks"
	"kubetutor/internal/progress"
	"kubetutor/labs"
)

// Without a cluster the lab screen still records hints, the solution and the answer; lab
// check, once the cluster is there, grades the answer kept instead of asking again.
func TestLabWithoutClusterRecordsAndLabCheckUsesTheAnswer(t *testing.T) {
	deps := testDeps(t)
	cfg, err := newLabSource(deps, "").Open("nodes-ready")
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Runner != nil || cfg.Recorder == nil {
		t.Fatalf("without a cluster: runner %v, recorder %v (want none and one)", cfg.Runner, cfg.Recorder)
	}
	lab := cfg.Lab
	question := lab.Step("count-workers")
	if _, err := cfg.Recorder.NextHint(lab.Steps[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.Recorder.RevealSolution(lab.Steps[0]); err != nil {
		t.Fatal(err)
	}
	if err := cfg.Recorder.SetAnswer(question, "2"); err != nil {
		t.Fatal(err)
	}
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	pl := doc.Labs["nodes-ready"]
	if pl == nil || pl.Steps[lab.Steps[0].ID].HintsShown != 1 || !pl.Steps[lab.Steps[0].ID].SolutionShown || pl.Steps["count-workers"].Answer != "2" {
		t.Fatalf("progress after the screen without a cluster: %+v", pl)
	}

	// The cluster is there now: a runner on it (as lab check makes) grades the kept answer.
	node := func(name string, cp bool) *corev1.Node {
		n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}}}
		if cp {
			n.Labels["node-role.kubernetes.io/control-plane"] = ""
		}
		return n
	}
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	env := &checks.Env{Kube: fake.NewClientset(), Dynamic: dynfake.NewSimpleDynamicClient(scheme, node("cp", true), node("w1", false), node("w2", false))}
	ev := labs.NewRunner(lab, env, store, nil).Evaluate(context.Background(), question)
	if ev.Kind != labs.EventPassed {
		t.Errorf("lab check does not grade the answer kept without a cluster: %s %v %v", ev.Kind, deps.Tr.Msg(ev.Result.Reason), ev.Err)
	}
}
