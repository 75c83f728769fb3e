package labs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"kubetutor/i18n"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
)

// reports collects a runner's progress messages.
type reports struct {
	mu   sync.Mutex
	msgs []string
	hook func()
}

func (r *reports) add(m i18n.Message) {
	r.mu.Lock()
	r.msgs = append(r.msgs, i18n.New(i18n.FR).Msg(m))
	hook := r.hook
	r.mu.Unlock()
	if hook != nil {
		hook()
	}
}

func (r *reports) all() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.msgs...)
}

// TestIntegrationResetThenOpen: on the test control plane (its namespace controller
// deletes the lab's namespace, kwok's pods in it), `lab reset` then `lab open` at once.
// Reset returns once the lab's namespace is gone, and Start right after it applies the
// setup again (before, it failed: « namespace lab-hpa … is being terminated »). A reset
// interrupted while a finalizer holds the namespace says so; the Start that follows waits
// for the namespace, says what it waits for, and applies the setup once it is gone.
func TestIntegrationResetThenOpen(t *testing.T) {
	lab := loadLab(t, "hpa")
	s := newStudent(t, lab)
	cs := s.env.Client
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	t.Cleanup(func() { _ = s.runner.Reset(context.Background(), nil) })
	if err := s.runner.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	running := func(ctx context.Context) (bool, error) {
		pods, err := cs.CoreV1().Pods("lab-hpa").List(ctx, metav1.ListOptions{})
		return err == nil && len(pods.Items) > 0 && pods.Items[0].Status.Phase == corev1.PodRunning, nil
	}
	if err := testenv.WaitFor(ctx, running); err != nil {
		t.Fatal("the setup's pod does not run")
	}

	// Reset, then open at once.
	rep := &reports{}
	start := time.Now()
	if err := s.runner.Reset(ctx, rep.add); err != nil {
		t.Fatalf("reset: %v", err)
	}
	resetTook := time.Since(start)
	if _, err := cs.CoreV1().Namespaces().Get(ctx, "lab-hpa", metav1.GetOptions{}); !apierrors.IsNotFound(err) {
		t.Fatalf("after Reset the namespace is still there (%v)", err)
	}
	if err := s.runner.Start(ctx, nil); err != nil {
		t.Fatalf("Start right after Reset: %v", err)
	}
	t.Logf("TIMING reset (namespace gone) %.2f s, reset to open %.2f s; reported: %q", resetTook.Seconds(), time.Since(start).Seconds(), rep.all())

	// A finalizer holds the namespace: the reset is interrupted while it waits.
	hold := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "hold", Namespace: "lab-hpa", Finalizers: []string{"kubetutor.test/hold"}}}
	if _, err := cs.CoreV1().ConfigMaps("lab-hpa").Create(ctx, hold, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	release := func() {
		_, _ = cs.CoreV1().ConfigMaps("lab-hpa").Patch(context.Background(), "hold", types.JSONPatchType,
			[]byte(`[{"op":"remove","path":"/metadata/finalizers"}]`), metav1.PatchOptions{})
	}
	t.Cleanup(release)
	rctx, interrupt := context.WithCancel(ctx)
	rep = &reports{}
	var once sync.Once
	rep.hook = func() { once.Do(func() { time.AfterFunc(time.Second, interrupt) }) }
	err := s.runner.Reset(rctx, rep.add)
	interrupt()
	left, ok := errors.AsType[*labs.SetupLeftError](err)
	if !ok || !errors.Is(err, context.Canceled) {
		t.Fatalf("interrupted reset: %v, want a SetupLeftError for Ctrl-C", err)
	}
	if len(left.Left) != 1 || left.Left[0].Namespace != "lab-hpa" {
		t.Errorf("left %+v", left.Left)
	}
	t.Logf("interrupted: %s; reported %q", i18n.New(i18n.FR).Msg(left.Message()), rep.all())

	rep = &reports{}
	done := make(chan error, 1)
	go func() { done <- s.runner.Start(ctx, rep.add) }()
	if err := testenv.WaitFor(ctx, func(context.Context) (bool, error) { return len(rep.all()) > 0, nil }); err != nil {
		t.Fatal("Start on a namespace being deleted reported nothing")
	}
	select {
	case err := <-done:
		t.Fatalf("Start returned (%v) while the finalizer holds the namespace", err)
	default:
	}
	release()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Start after the namespace went: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("Start still waiting after the finalizer was removed")
	}
	ns, err := cs.CoreV1().Namespaces().Get(ctx, "lab-hpa", metav1.GetOptions{})
	if err != nil || ns.DeletionTimestamp != nil {
		t.Fatalf("after Start the namespace is %v (%v)", ns, err)
	}
	if _, err := cs.AppsV1().Deployments("lab-hpa").Get(ctx, "php-apache", metav1.GetOptions{}); err != nil {
		t.Errorf("the setup's Deployment: %v", err)
	}
	t.Logf("Start waited, reporting %q", rep.all())
}
