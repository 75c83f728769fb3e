package checks_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/testenv"
)

// TestMain shares one test control plane between the integration tests of the package;
// it starts only when one of them runs.
func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }

// live is a test control plane and an Env of checks on it.
type live struct {
	t   *testing.T
	env *testenv.Env
	ce  *checks.Env
	ctx context.Context
}

func newLive(t *testing.T) *live {
	t.Helper()
	env := testenv.Shared(t)
	ce, err := checks.NewEnv(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	ce.Nodes = env.NodeAccess()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return &live{t: t, env: env, ce: ce, ctx: ctx}
}

func (l *live) kubectl(args ...string) string {
	l.t.Helper()
	out, err := l.env.Kubectl(l.ctx, args...)
	if err != nil {
		l.t.Fatal(err)
	}
	return out
}

func (l *live) check(id, params string) checks.Result {
	l.t.Helper()
	p, err := checks.Decode(id, []byte(params))
	if err != nil {
		l.t.Fatalf("params %s: %v", params, err)
	}
	c, _ := checks.Lookup(id)
	res, err := c.Run(l.ctx, l.ce, p)
	if err != nil {
		l.t.Fatalf("%s %s could not run: %v", id, params, err)
	}
	return res
}

// expect asserts the check's status now.
func (l *live) expect(id, params string, want checks.Status, contains ...string) {
	l.t.Helper()
	res := l.check(id, params)
	text := render(res)
	if res.Status != want {
		l.t.Errorf("%s %s: %s (%s), want %s", id, params, res.Status, text, want)
	}
	for _, c := range contains {
		if !strings.Contains(text, c) {
			l.t.Errorf("%s %s: %q lacks %q", id, params, text, c)
		}
	}
}

// eventually waits until the check reaches want (Kubernetes converging), failing after
// a generous deadline.
func (l *live) eventually(id, params string, want checks.Status) checks.Result {
	l.t.Helper()
	var last checks.Result
	err := testenv.WaitFor(l.ctx, func(context.Context) (bool, error) {
		last = l.check(id, params)
		return last.Status == want, nil
	})
	if err != nil {
		l.t.Fatalf("%s %s never %s; last: %s %s", id, params, want, last.Status, render(last))
	}
	return last
}

func render(r checks.Result) string {
	tr := i18n.New(i18n.FR)
	parts := []string{tr.Msg(r.Reason)}
	for _, e := range r.Evidence {
		parts = append(parts, tr.Msg(e))
	}
	return strings.Join(parts, " | ")
}

func writeFile(t *testing.T, body string) string {
	t.Helper()
	f, err := os.CreateTemp(t.TempDir(), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(body); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return f.Name()
}
