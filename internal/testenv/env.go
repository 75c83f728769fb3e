package testenv

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"kubetutor/checks"
)

// KeepEnv, when set to a non-empty value, keeps an environment's directory (logs, etcd
// data, certificates) after the test instead of removing it.
const KeepEnv = "KUBETUTOR_TESTENV_KEEP"

// Env is a running control plane with kwok nodes.
type Env struct {
	// Dir holds everything of this environment: logs/, nodes/<name>/ (node roots), kubeconfigs.
	Dir string
	// Kubeconfig is the path of an admin kubeconfig (also at /etc/kubernetes/admin.conf in the
	// control-plane node's root).
	Kubeconfig string
	// Config is the admin REST config.
	Config *rest.Config
	// Client is an admin clientset.
	Client kubernetes.Interface
	// BinDir is where the binaries come from.
	BinDir string
	// Options are the options the environment runs with, defaults filled in.
	Options Options
	// EtcdEndpoint is the etcd client URL (https, client certificates required; see
	// EtcdClientTLS).
	EtcdEndpoint string
	// etcdMetricsAddr is where etcd serves /metrics over plain HTTP (kubeadm's
	// 127.0.0.1:2381 on a kind node).
	etcdMetricsAddr string

	pki      pki
	procs    map[string]*process
	stopOnce sync.Once
}

// Component names, also the names of their log files in Dir/logs.
const (
	compEtcd      = "etcd"
	compAPIServer = "kube-apiserver"
	compKCM       = "kube-controller-manager"
	compScheduler = "kube-scheduler"
	compKwok      = "kwok"
)

// Start starts an environment for t and stops it when t ends. It skips t when the binaries
// are missing and fails t when the environment does not come up; either way the components'
// log tails are printed when t has failed.
func Start(t testing.TB, opts Options) *Env {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("testenv: the test control plane runs on Linux and macOS")
	}
	bin, err := BinDir()
	if err != nil {
		t.Skip("testenv: " + err.Error())
	}
	began := time.Now()
	env, err := start(bin, opts)
	if err != nil {
		if env != nil {
			t.Log(env.LogTails(40))
			env.Stop()
		}
		t.Fatalf("testenv: start: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Log(env.LogTails(40))
		}
		env.Stop()
	})
	t.Logf("testenv: control plane with %d node(s) ready in %s (%s)", len(env.Nodes()),
		time.Since(began).Round(10*time.Millisecond), env.Dir)
	return env
}

// start brings the control plane up. On error it returns the partial Env (for its logs)
// with whatever was started still running: the caller stops it.
func start(bin string, opts Options) (*Env, error) {
	opts = opts.withDefaults()
	removeStale()
	dir, err := os.MkdirTemp("", "kubetutor-testenv-")
	if err != nil {
		return nil, err
	}
	if err := writeOwner(dir); err != nil {
		return nil, err
	}
	env := &Env{Dir: dir, BinDir: bin, Options: opts, procs: map[string]*process{}}
	env.pki = pki{dir: env.nodePath(opts.ControlPlaneNode(), "/etc/kubernetes/pki")}
	ctx, cancel := context.WithTimeout(context.Background(), opts.StartTimeout)
	defer cancel()
	for _, step := range []func(context.Context) error{
		env.prepareDirs, env.startEtcd, env.startAPIServer, env.startControllers,
		env.createNodes, env.createStaticPods, env.waitReady,
	} {
		if err := step(ctx); err != nil {
			return env, err
		}
	}
	return env, nil
}

// prepareDirs makes the log dir, the node roots and the certificates.
func (e *Env) prepareDirs(context.Context) error {
	if err := os.MkdirAll(filepath.Join(e.Dir, "logs"), 0o755); err != nil {
		return err
	}
	for _, n := range e.Nodes() {
		for _, d := range []string{"/etc/kubernetes/manifests", "/var/lib/kubelet", "/tmp", "/root"} {
			if err := os.MkdirAll(e.nodePath(n, d), 0o755); err != nil {
				return err
			}
		}
	}
	return e.pki.generate()
}

// run starts a component and records it for Stop.
func (e *Env) run(name string, args []string, env ...string) error {
	base := append(os.Environ(), "HOME="+filepath.Join(e.Dir, "home-"+name))
	p, err := startProcess(name, filepath.Join(e.BinDir, name), args, filepath.Join(e.Dir, "logs"),
		append(base, env...))
	if err != nil {
		return err
	}
	e.procs[name] = p
	return nil
}

// checkAlive returns an error naming the first component that has exited.
func (e *Env) checkAlive() error {
	for _, p := range e.procs {
		if done, err := p.exited(); done {
			return fmt.Errorf("%s %w (%v); last lines of its log:\n%s", p.name, errExited, err, p.tail(20))
		}
	}
	return nil
}

// WaitFor calls cond every 100 ms until it returns true, an error, or ctx ends. It bounds
// how long a test waits; it asserts nothing about how long things take.
func WaitFor(ctx context.Context, cond func(context.Context) (bool, error)) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		ok, err := cond(ctx)
		if err != nil || ok {
			return err
		}
		select {
		case <-ctx.Done():
			return context.Cause(ctx)
		case <-tick.C:
		}
	}
}

// Kubectl runs the real kubectl with the admin kubeconfig and returns its combined output.
// A non-zero exit is an error that still comes with the output.
func (e *Env) Kubectl(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(e.BinDir, "kubectl"), args...)
	cmd.Env = append(os.Environ(), "KUBECONFIG="+e.Kubeconfig,
		"KUBECACHEDIR="+filepath.Join(e.Dir, "kube-cache"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("kubectl %s: %w: %s", strings.Join(args, " "), err,
			strings.TrimSpace(string(out)))
	}
	return string(out), nil
}

// NodeAccess returns the stand-in for node access on this environment's kwok nodes.
func (e *Env) NodeAccess() checks.NodeAccess { return nodeAccess{e} }

// LogTails returns the last n lines of each component's log, for a failed test's output.
func (e *Env) LogTails(n int) string {
	var b strings.Builder
	for _, name := range []string{compEtcd, compAPIServer, compKCM, compScheduler, compKwok} {
		if p := e.procs[name]; p != nil {
			fmt.Fprintf(&b, "\n===== %s (last %d lines of %s) =====\n%s\n", name, n, p.log, p.tail(n))
		}
	}
	return b.String()
}

// Stop stops the components in an order that lets each exit quickly (kwok and the
// controllers before the API server, etcd last), kills their process groups, and removes
// Dir unless KUBETUTOR_TESTENV_KEEP is set. It is safe to call more than once.
func (e *Env) Stop() {
	e.stopOnce.Do(func() {
		var wg sync.WaitGroup
		for _, name := range []string{compKwok, compScheduler, compKCM} {
			if p := e.procs[name]; p != nil {
				wg.Go(func() { p.stop(5 * time.Second) })
			}
		}
		wg.Wait()
		if p := e.procs[compAPIServer]; p != nil {
			p.stop(10 * time.Second)
		}
		if p := e.procs[compEtcd]; p != nil {
			p.stop(5 * time.Second)
		}
		if os.Getenv(KeepEnv) == "" {
			_ = os.RemoveAll(e.Dir)
		}
	})
}

// errNotReady wraps what a start-up wait last saw when its time ran out.
var errNotReady = errors.New("not ready")
