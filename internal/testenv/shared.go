package testenv

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// shared is the package-wide environment of Main and Shared.
var shared struct {
	mu     sync.Mutex
	inMain bool
	opts   Options
	tried  bool
	env    *Env
	err    error // start error: every Shared caller fails with it
	skip   string
}

// Main runs a package's tests with one environment shared by every test that calls Shared.
// The environment starts when the first such test runs (a package whose integration tests
// are all filtered out starts nothing) and stops after the last test; component log tails
// are printed when a test failed. Call it from TestMain:
//
//	func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }
func Main(m *testing.M, opts Options) {
	shared.mu.Lock()
	shared.inMain, shared.opts = true, opts
	shared.mu.Unlock()
	code := m.Run()
	shared.mu.Lock()
	if env := shared.env; env != nil {
		if code != 0 {
			fmt.Fprintln(os.Stderr, env.LogTails(40))
		}
		env.Stop()
	}
	shared.mu.Unlock()
	os.Exit(code)
}

// Shared returns the package's shared environment, starting it on first use. It skips t
// when the binaries are missing. Tests sharing it should work in their own namespace
// (NewNamespace) and undo what they do to nodes.
func Shared(t testing.TB) *Env {
	t.Helper()
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if !shared.inMain {
		t.Fatal("testenv.Shared needs a TestMain that calls testenv.Main")
	}
	if !shared.tried {
		shared.tried = true
		bin, err := BinDir()
		switch {
		case err != nil:
			shared.skip = "testenv: " + err.Error()
		default:
			began := time.Now()
			shared.env, shared.err = start(bin, shared.opts)
			if shared.err != nil && shared.env != nil {
				t.Log(shared.env.LogTails(40))
				shared.env.Stop()
				shared.env = nil
			}
			if shared.err == nil {
				t.Logf("testenv: shared control plane ready in %s (%s)",
					time.Since(began).Round(10*time.Millisecond), shared.env.Dir)
			}
		}
	}
	switch {
	case shared.skip != "":
		t.Skip(shared.skip)
	case shared.err != nil:
		t.Fatalf("testenv: start: %v", shared.err)
	}
	env := shared.env
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(env.LogTails(20))
		}
	})
	return env
}

// NewNamespace creates a namespace named after t and deletes it when t ends (without
// waiting for it to be gone).
func (e *Env) NewNamespace(t testing.TB) string {
	t.Helper()
	suffix := make([]byte, 3)
	_, _ = rand.Read(suffix)
	base := strings.Trim(nonDNS.ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	if len(base) > 50 {
		base = base[:50]
	}
	name := strings.Trim(base, "-") + "-" + hex.EncodeToString(suffix)
	ctx := context.Background()
	ns := &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}
	if _, err := e.Client.CoreV1().Namespaces().Create(ctx, ns, metav1.CreateOptions{}); err != nil {
		t.Fatalf("testenv: create namespace %s: %v", name, err)
	}
	t.Cleanup(func() {
		_ = e.Client.CoreV1().Namespaces().Delete(context.Background(), name, metav1.DeleteOptions{})
	})
	return name
}

// nonDNS matches what a namespace name cannot contain.
var nonDNS = regexp.MustCompile(`[^a-z0-9-]+`)

// WaitNodesReady waits until every node is Ready and carries no not-ready or unreachable
// taint, e.g. after StartKubelet.
func (e *Env) WaitNodesReady(ctx context.Context) error {
	var last string
	err := WaitFor(ctx, func(ctx context.Context) (bool, error) {
		ok, why, err := e.nodesReady(ctx)
		last = why
		return ok, err
	})
	if err != nil {
		return fmt.Errorf("nodes not ready (%s): %w", last, err)
	}
	return nil
}
