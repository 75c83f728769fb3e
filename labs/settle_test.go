package labs

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/checks"
	"kubetutor/i18n"
)

// terminatingNS puts the demo lab's namespace in env's cluster, being deleted, with the
// namespace controller's condition when remaining is not "".
func terminatingNS(t *testing.T, env *checks.Env, remaining string) {
	t.Helper()
	now := metav1.Now()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "demo", DeletionTimestamp: &now, Finalizers: []string{"kubernetes"}},
		Status: corev1.NamespaceStatus{Phase: corev1.NamespaceTerminating}}
	if remaining != "" {
		ns.Status.Conditions = []corev1.NamespaceCondition{
			{Type: corev1.NamespaceDeletionDiscoveryFailure, Status: corev1.ConditionFalse, Message: "All resources successfully discovered"},
			{Type: corev1.NamespaceContentRemaining, Status: corev1.ConditionTrue, Message: remaining},
		}
	}
	if _, err := env.Kube.CoreV1().Namespaces().Create(context.Background(), ns, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// notes collects what a wait reports.
type notes struct {
	mu   sync.Mutex
	msgs []i18n.Message
}

func (n *notes) report(m i18n.Message) { n.mu.Lock(); n.msgs = append(n.msgs, m); n.mu.Unlock() }

func (n *notes) count() int { n.mu.Lock(); defer n.mu.Unlock(); return len(n.msgs) }

// TestStartWaitsForATerminatingNamespace: the lab's namespace still being deleted (a
// reset just before), Start says so and applies nothing until it is gone, then applies
// the setup: no « namespace demo is being terminated ».
func TestStartWaitsForATerminatingNamespace(t *testing.T) {
	r, env, _ := testRunner(t, readyNode("a", true))
	terminatingNS(t, env, "Some resources are remaining: configmaps. has 1 resource instances, deployments.apps has 2 resource instances")
	n := &notes{}
	done := make(chan error, 1)
	go func() { done <- r.Start(context.Background(), n.report) }()
	deadline := time.Now().Add(10 * time.Second)
	for n.count() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("Start reported nothing while the namespace was being deleted")
		}
		time.Sleep(10 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("Start returned (%v) while the namespace was being deleted", err)
	default:
	}
	if _, err := env.Dynamic.Resource(nsGVR).Get(context.Background(), "demo", metav1.GetOptions{}); err == nil {
		t.Fatal("the setup was applied while its namespace was being deleted")
	}
	fr := i18n.New(i18n.FR).Msg(n.msgs[0])
	for _, want := range []string{"«\u00a0demo\u00a0»", "1 configmaps", "2 deployments.apps"} {
		if !strings.Contains(fr, want) {
			t.Errorf("progress %q lacks %q", fr, want)
		}
	}
	if err := env.Kube.CoreV1().Namespaces().Delete(context.Background(), "demo", metav1.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Start still waiting after the namespace went")
	}
	if _, err := env.Dynamic.Resource(nsGVR).Get(context.Background(), "demo", metav1.GetOptions{}); err != nil {
		t.Fatalf("the setup was not applied once the namespace was gone: %v", err)
	}
}

// TestWaitSetupGoneLive: a namespace that is there and not being deleted (the lab opened
// again) is no reason to wait, nor is one that is gone.
func TestWaitSetupGoneLive(t *testing.T) {
	r, env, _ := testRunner(t)
	n := &notes{}
	if err := r.WaitSetupGone(context.Background(), n.report); err != nil {
		t.Fatal(err)
	}
	if _, err := env.Kube.CoreV1().Namespaces().Create(context.Background(), &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "demo"}}, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := r.WaitSetupGone(context.Background(), n.report); err != nil {
		t.Fatal(err)
	}
	if n.count() != 0 {
		t.Errorf("reported %v with nothing being deleted", n.msgs)
	}
}

// TestWaitSetupGoneEnds: when the wait's time runs out, or Ctrl-C cancels it, the error
// says which namespace is still there, what is left in it, and what to do, in both
// languages.
func TestWaitSetupGoneEnds(t *testing.T) {
	for _, tc := range []struct {
		name     string
		cancel   bool
		id       string
		frWant   []string
		enWant   []string
		sentinel error
	}{
		{"timeout", false, "labs.setup.left.timeout",
			[]string{"«\u00a0demo\u00a0»", "reste\u00a0: 3 pods", "«\u00a0kubectl get namespace demo -o yaml\u00a0»", "«\u00a0kubetutor lab reset demo\u00a0»"},
			[]string{"“demo”", "left: 3 pods", "kubectl get namespace demo -o yaml"}, context.DeadlineExceeded},
		{"interrupted", true, "labs.setup.left.interrupted",
			[]string{"attente interrompue", "«\u00a0demo\u00a0»", "«\u00a0kubetutor lab open demo\u00a0»"},
			[]string{"wait interrupted", "“kubetutor lab open demo”"}, context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, env, _ := testRunner(t)
			terminatingNS(t, env, "Some resources are remaining: pods. has 3 resource instances")
			ctx, cancel := context.WithTimeout(context.Background(), 1200*time.Millisecond)
			defer cancel()
			if tc.cancel {
				time.AfterFunc(700*time.Millisecond, cancel)
			}
			err := r.WaitSetupGone(ctx, nil)
			left, ok := errors.AsType[*SetupLeftError](err)
			if !ok {
				t.Fatalf("error %v, want a SetupLeftError", err)
			}
			if !errors.Is(err, tc.sentinel) || left.Message().ID != tc.id {
				t.Errorf("error %v (message %s), want %v and %s", err, left.Message().ID, tc.sentinel, tc.id)
			}
			if len(left.Left) != 1 || left.Left[0].Namespace != "demo" || left.Left[0].Remaining != "3 pods" {
				t.Errorf("left %+v", left.Left)
			}
			for lang, wants := range map[i18n.Lang][]string{i18n.FR: tc.frWant, i18n.EN: tc.enWant} {
				got := i18n.New(lang).Msg(left.Message())
				for _, w := range wants {
					if !strings.Contains(got, w) {
						t.Errorf("%s: %q lacks %q", lang, got, w)
					}
				}
			}
		})
	}
}

// TestRemaining reads what the namespace controller says is left.
func TestRemaining(t *testing.T) {
	for _, tc := range []struct {
		conds []corev1.NamespaceCondition
		want  string
	}{
		{nil, ""},
		{[]corev1.NamespaceCondition{{Type: corev1.NamespaceContentRemaining, Status: corev1.ConditionTrue,
			Message: "Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances"}}, "1 deployments.apps, 2 pods"},
		{[]corev1.NamespaceCondition{{Type: corev1.NamespaceContentRemaining, Status: corev1.ConditionFalse, Message: "All content successfully removed"}}, ""},
		{[]corev1.NamespaceCondition{{Type: corev1.NamespaceFinalizersRemaining, Status: corev1.ConditionTrue,
			Message: "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"}},
			"Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances"},
	} {
		ns := &corev1.Namespace{Status: corev1.NamespaceStatus{Conditions: tc.conds}}
		if got := remaining(ns); got != tc.want {
			t.Errorf("remaining(%v) = %q, want %q", tc.conds, got, tc.want)
		}
	}
}

// TestSetupLeftPlural: a lab with several namespaces (netpol: prod, front, other) is told
// in the plural.
func TestSetupLeftPlural(t *testing.T) {
	e := &SetupLeftError{Lab: "netpol", Left: []Leftover{{Namespace: "front"}, {Namespace: "other"}}, Waited: time.Minute, Err: context.DeadlineExceeded}
	for lang, want := range map[i18n.Lang]string{
		i18n.FR: "les namespaces «\u00a0front, other\u00a0» sont toujours en cours de suppression après 60\u00a0s\u00a0: «\u00a0kubectl get namespace front -o yaml\u00a0» dit ce qui les retient",
		i18n.EN: "namespaces “front, other” are still being deleted after 60\u00a0s: “kubectl get namespace front -o yaml” shows what holds them",
	} {
		if got := i18n.New(lang).Msg(e.Message()); !strings.HasPrefix(got, want) {
			t.Errorf("%s: %q, want it to start with %q", lang, got, want)
		}
	}
	one := &SetupLeftError{Lab: "hpa", Left: []Leftover{{Namespace: "lab-hpa"}}, Waited: time.Minute, Err: context.Canceled}
	if got := i18n.New(i18n.FR).Msg(one.Message()); !strings.Contains(got, "le namespace «\u00a0lab-hpa\u00a0»") || !strings.HasSuffix(got, "attendra qu’il ait disparu") {
		t.Errorf("singular: %q", got)
	}
}
