package checks

import (
	"context"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/i18n"
)

var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// fakeEnv returns an Env on a fake clientset holding objs.
type runtimeObject = runtime.Object

func fakeEnv(objs ...runtime.Object) *Env {
	return &Env{Kube: fake.NewSimpleClientset(objs...), Now: func() time.Time { return testNow }}
}

// run decodes params (JSON) for check id and runs it.
func run(t *testing.T, env *Env, id, params string) Result {
	t.Helper()
	p, err := Decode(id, []byte(params))
	if err != nil {
		t.Fatalf("decode %s params %s: %v", id, params, err)
	}
	c, _ := Lookup(id)
	res, err := c.Run(context.Background(), env, p)
	if err != nil {
		t.Fatalf("run %s: %v", id, err)
	}
	return res
}

// render renders a result in French, reason then evidence, for assertions.
func render(r Result) string {
	tr := i18n.New(i18n.FR)
	parts := []string{tr.Msg(r.Reason)}
	for _, e := range r.Evidence {
		parts = append(parts, tr.Msg(e))
	}
	return strings.Join(parts, " | ")
}

func expect(t *testing.T, r Result, status Status, contains ...string) {
	t.Helper()
	text := render(r)
	if r.Status != status {
		t.Errorf("status %s, want %s (%s)", r.Status, status, text)
	}
	for _, c := range contains {
		if !strings.Contains(text, c) {
			t.Errorf("%q does not contain %q", text, c)
		}
	}
	if strings.Contains(text, "[checks.") {
		t.Errorf("untranslated message in %q", text)
	}
}

type nodeOpt func(*corev1.Node)

func node(name string, ready corev1.ConditionStatus, opts ...nodeOpt) *corev1.Node {
	n := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{}},
		Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{{
			Type: corev1.NodeReady, Status: ready, LastTransitionTime: metav1.NewTime(testNow.Add(-12 * time.Second)),
		}}},
	}
	if strings.HasSuffix(name, "control-plane") {
		n.Labels[roleLabelPrefix+RoleControlPlane] = ""
	}
	for _, o := range opts {
		o(n)
	}
	return n
}

func cordoned(n *corev1.Node) { n.Spec.Unschedulable = true }

func tainted(key string, effect corev1.TaintEffect) nodeOpt {
	return func(n *corev1.Node) { n.Spec.Taints = append(n.Spec.Taints, corev1.Taint{Key: key, Effect: effect}) }
}

// fakeNodes is a NodeAccess over in-memory files and an exec function.
type fakeNodes struct {
	files map[string][]byte // node + ":" + path
	exec  func(node string, argv []string) ([]byte, error)
}

func (f *fakeNodes) ReadFile(_ context.Context, node, path string) ([]byte, error) {
	b, ok := f.files[node+":"+path]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
	return b, nil
}

func (f *fakeNodes) Exec(_ context.Context, node string, argv ...string) ([]byte, error) {
	if f.exec == nil {
		return nil, errors.New("no exec")
	}
	return f.exec(node, argv)
}

func (f *fakeNodes) StopKubelet(context.Context, string) error  { return nil }
func (f *fakeNodes) StartKubelet(context.Context, string) error { return nil }
