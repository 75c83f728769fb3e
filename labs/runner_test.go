package labs

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	dynfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"

	"kubetutor/checks"
	"kubetutor/internal/progress"
	"kubetutor/labs/shell"
)

var nsGVR = schema.GroupVersionResource{Version: "v1", Resource: "namespaces"}

// testRunner builds a runner for the demo lab on fakes, with a store in a temp dir.
func testRunner(t *testing.T, nodes ...*corev1.Node) (*Runner, *checks.Env, *progress.Store) {
	t.Helper()
	lab, err := Load(mapFS(map[string]string{"lab.yaml": goodLab, "ns.yaml": goodNS}), "demo")
	if err != nil {
		t.Fatal(err)
	}
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	mapper := meta.NewDefaultRESTMapper(nil)
	mapper.Add(corev1.SchemeGroupVersion.WithKind("Namespace"), meta.RESTScopeRoot)
	mapper.Add(corev1.SchemeGroupVersion.WithKind("ConfigMap"), meta.RESTScopeNamespace)
	var objs []runtime.Object
	for _, n := range nodes {
		objs = append(objs, n)
	}
	dyn := dynfake.NewSimpleDynamicClient(scheme)
	// The fake has no server-side apply: an apply patch creates or replaces the object.
	dyn.PrependReactor("patch", "*", func(a k8stesting.Action) (bool, runtime.Object, error) {
		pa := a.(k8stesting.PatchAction)
		if pa.GetPatchType() != types.ApplyPatchType {
			return false, nil, nil
		}
		obj := &unstructured.Unstructured{}
		if err := obj.UnmarshalJSON(pa.GetPatch()); err != nil {
			return true, nil, err
		}
		err := dyn.Tracker().Create(pa.GetResource(), obj, pa.GetNamespace())
		if apierrors.IsAlreadyExists(err) {
			err = dyn.Tracker().Update(pa.GetResource(), obj, pa.GetNamespace())
		}
		return true, obj, err
	})
	env := &checks.Env{
		Kube:    fake.NewSimpleClientset(objs...),
		Dynamic: dyn,
		Mapper:  mapper,
		Now:     time.Now,
	}
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	return NewRunner(lab, env, store, nil), env, store
}

func readyNode(name string, ready bool) *corev1.Node {
	st := corev1.ConditionFalse
	if ready {
		st = corev1.ConditionTrue
	}
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name},
		Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: st}}}}
}

func stepStatus(t *testing.T, store *progress.Store, step string) *progress.StepResult {
	t.Helper()
	doc, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Labs["demo"] == nil || doc.Labs["demo"].Steps[step] == nil {
		return &progress.StepResult{}
	}
	return doc.Labs["demo"].Steps[step]
}

func TestRunnerStartEvaluateReset(t *testing.T) {
	r, env, store := testRunner(t, readyNode("a", true), readyNode("b", false))
	ctx := context.Background()
	if err := r.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Dynamic.Resource(nsGVR).Get(ctx, "demo", metav1.GetOptions{}); err != nil {
		t.Fatalf("setup did not create the namespace: %v", err)
	}
	cm := schema.GroupVersionResource{Version: "v1", Resource: "configmaps"}
	if _, err := env.Dynamic.Resource(cm).Namespace("demo").Get(ctx, "settings", metav1.GetOptions{}); err != nil {
		t.Fatalf("setup did not create the config map: %v", err)
	}
	doc, _ := store.Load()
	if doc.Labs["demo"].Started.IsZero() {
		t.Error("start not recorded")
	}

	step := r.Lab().Step("ready")
	ev := r.Evaluate(ctx, step)
	if ev.Kind != EventFailed || stepStatus(t, store, "ready").Status != StatusFailed {
		t.Fatalf("event %+v, stored %+v", ev, stepStatus(t, store, "ready"))
	}
	if r.Current() != step {
		t.Error("current step is not the failing one")
	}
	hints, _ := r.NextHint(step)
	hints, _ = r.NextHint(step) // only one hint: stays at one
	if len(hints) != 1 || stepStatus(t, store, "ready").HintsShown != 1 {
		t.Errorf("hints %v, shown %d", hints, stepStatus(t, store, "ready").HintsShown)
	}
	if sol, _ := r.RevealSolution(step); len(sol) != 1 {
		t.Errorf("solution %v", sol)
	}

	node, _ := env.Kube.CoreV1().Nodes().Get(ctx, "b", metav1.GetOptions{})
	node.Status.Conditions[0].Status = corev1.ConditionTrue
	if _, err := env.Kube.CoreV1().Nodes().UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	if ev := r.Evaluate(ctx, step); ev.Kind != EventPassed {
		t.Fatalf("after the fix: %+v", ev)
	}
	if got := stepStatus(t, store, "ready").Status; got != StatusSolvedWithHelp {
		t.Errorf("status %q, want %q", got, StatusSolvedWithHelp)
	}
	if r.Current() != nil {
		t.Error("the lab should be done")
	}

	if err := r.Reset(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Dynamic.Resource(nsGVR).Get(ctx, "demo", metav1.GetOptions{}); err == nil {
		t.Error("reset left the namespace")
	}
	if doc, _ := store.Load(); doc.Labs["demo"] != nil {
		t.Error("reset left the progress")
	}
}

func TestPassedStaysPassed(t *testing.T) {
	r, env, store := testRunner(t, readyNode("a", true), readyNode("b", true))
	ctx := context.Background()
	step := r.Lab().Step("ready")
	if ev := r.Evaluate(ctx, step); ev.Kind != EventPassed {
		t.Fatal(ev)
	}
	_ = env.Kube.CoreV1().Nodes().Delete(ctx, "b", metav1.DeleteOptions{})
	if ev := r.Evaluate(ctx, step); ev.Kind != EventFailed {
		t.Fatalf("live status should fail: %+v", ev)
	}
	if got := stepStatus(t, store, "ready").Status; got != StatusPassed {
		t.Errorf("stored %q, want passed kept", got)
	}
}

func TestCheckErrorIsAnEvent(t *testing.T) {
	r, _, store := testRunner(t)
	r.env.Kube = nil
	fk := fake.NewSimpleClientset()
	fk.PrependReactor("list", "nodes", func(a k8stesting.Action) (bool, runtime.Object, error) {
		return true, nil, errUnreachable
	})
	r.env.Kube = fk
	ev := r.Evaluate(context.Background(), r.Lab().Step("ready"))
	if ev.Kind != EventError || ev.Err == nil || stepStatus(t, store, "ready").Status != StatusError {
		t.Errorf("event %+v", ev)
	}
}

// TestWatchFollowsTheShell runs a live watch on a shell-command step: a command appended
// to the history record makes the step pass without polling.
func TestWatchFollowsTheShell(t *testing.T) {
	lab := `id: demo
title: {fr: Démo}
section: s
needs: any-cluster
steps:
  - id: cordon
    instructions: {fr: Isolez le nœud.}
    solution: ['kubectl cordon {{node:worker}}']
    check:
      id: shell-command
      params: {program: kubectl, subcommands: [cordon], args: ['{{node:worker}}']}
`
	l, err := Load(mapFS(map[string]string{"lab.yaml": lab}), "demo")
	if err != nil {
		t.Fatal(err)
	}
	hist := shell.HistoryFile(filepath.Join(t.TempDir(), "shell"))
	env := &checks.Env{ShellHistory: hist, Now: time.Now}
	r := NewRunner(l, env, nil, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var mu sync.Mutex
	var kinds []EventKind
	first := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- r.Watch(ctx, WatchOptions{Recheck: time.Hour, Steps: func() []*Step {
			mu.Lock()
			defer mu.Unlock()
			if len(kinds) > 0 && kinds[len(kinds)-1] == EventPassed {
				return nil
			}
			return l.Steps
		}}, func(ev Event) {
			mu.Lock()
			kinds = append(kinds, ev.Kind)
			if len(kinds) == 1 {
				close(first)
			}
			mu.Unlock()
		})
	}()
	<-first
	if err := shell.Append(hist, shell.Record{Line: "kubectl cordon kubetutor-worker", Exit: 0}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("watch: %v", err)
	}
	if len(kinds) != 2 || kinds[0] != EventPending || kinds[1] != EventPassed {
		t.Errorf("events %v, want pending then passed", kinds)
	}
}

var errUnreachable = errors.New("dial tcp 127.0.0.1:6443: connect: connection refused")
