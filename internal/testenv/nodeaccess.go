package testenv

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"syscall"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"kubetutor/checks"
)

// nodeAccess implements checks.NodeAccess on the kwok nodes of an Env.
//
// The contract, which makes lab commands written for a kind node run unchanged:
//   - Each node has a root directory (Env.NodeRoot) standing for its "/". The control-plane
//     node's holds what kubeadm puts there: /etc/kubernetes/{admin,controller-manager,
//     scheduler}.conf, /etc/kubernetes/pki (the real certificates, etcd/ca.crt,
//     etcd/server.crt, etcd/healthcheck-client.crt ... included) and /var/lib/etcd, the live
//     etcd data directory. Workers have an empty /etc/kubernetes/manifests, /var/lib/kubelet,
//     /tmp and /root.
//   - ReadFile(node, p) reads p under the node's root; p is cleaned first, so ".." never
//     leaves the root.
//   - Exec(node, argv...) runs argv on this machine, not in a container: argv[0] is looked up
//     in the test binaries first (etcdctl, etcdutl, kubectl, etcd...), then in PATH. Every
//     argument that is an absolute path, or a flag value "--flag=/abs", is mapped under the
//     node's root, "127.0.0.1:2379" or "localhost:2379" becomes the test etcd's address and
//     "127.0.0.1:2381" its plain-HTTP metrics address (kubeadm's), so
//     « curl http://127.0.0.1:2381/metrics » reads the test etcd's metrics.
//     The working directory is the node's root; the environment has NODE_NAME, NODE_ROOT,
//     HOME (its /root) and, on the control-plane node, KUBECONFIG (admin) and the
//     ETCDCTL_ENDPOINTS, ETCDCTL_CACERT, ETCDCTL_CERT, ETCDCTL_KEY of the test etcd, each
//     left out when argv sets the same flag (etcdctl refuses both). Paths inside a shell
//     script string ("sh -c ...") are not mapped: use $NODE_ROOT there.
//   - StopKubelet removes the label that makes kwok manage the node: its lease and status
//     stop being renewed, the node lifecycle controller marks it NotReady (Unknown) and
//     taints it unreachable after Options.NodeMonitorGracePeriod, and its pods stay as they
//     are (Terminating once evicted) until StartKubelet gives the node back to kwok, which
//     marks it Ready again and finishes them.
type nodeAccess struct{ env *Env }

var _ checks.NodeAccess = nodeAccess{}

// ReadFile returns the content of p under node's root.
func (a nodeAccess) ReadFile(_ context.Context, node, p string) ([]byte, error) {
	if !a.env.isNode(node) {
		return nil, fmt.Errorf("testenv: no node %q", node)
	}
	return os.ReadFile(a.env.nodePath(node, path.Clean("/"+p)))
}

// Exec runs argv as if on node (see nodeAccess for what that means here).
func (a nodeAccess) Exec(ctx context.Context, node string, argv ...string) ([]byte, error) {
	if !a.env.isNode(node) {
		return nil, fmt.Errorf("testenv: no node %q", node)
	}
	if len(argv) == 0 {
		return nil, fmt.Errorf("testenv: exec on %s: empty command", node)
	}
	e := a.env
	root := e.NodeRoot(node)
	etcdAddr := strings.TrimPrefix(e.EtcdEndpoint, "https://")
	args := make([]string, len(argv)-1)
	for i, arg := range argv[1:] {
		args[i] = strings.ReplaceAll(mapArg(root, arg, etcdAddr), "127.0.0.1:2381", e.etcdMetricsAddr)
	}
	cmd := exec.CommandContext(ctx, a.program(argv[0], root), args...)
	cmd.Dir = root
	cmd.Env = a.environ(node, argv[1:])
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error {
		killGroup(cmd.Process.Pid, syscall.SIGKILL)
		return nil
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("exec on %s: %s: %w", node, strings.Join(argv, " "), err)
	}
	return out, nil
}

// program resolves argv[0]: a test binary by that name, else an absolute path under the
// node's root when it exists there, else the name as is (found in PATH).
func (a nodeAccess) program(name, root string) string {
	base := filepath.Base(name)
	if fi, err := os.Stat(filepath.Join(a.env.BinDir, base)); err == nil && !fi.IsDir() {
		return filepath.Join(a.env.BinDir, base)
	}
	if filepath.IsAbs(name) {
		if _, err := os.Stat(filepath.Join(root, name)); err == nil {
			return filepath.Join(root, name)
		}
	}
	return name
}

// mapArg maps an absolute path, or the value of "--flag=/path", under root, and the
// default etcd address to the test etcd's.
func mapArg(root, arg, etcdAddr string) string {
	for _, def := range []string{"127.0.0.1:2379", "localhost:2379"} {
		arg = strings.ReplaceAll(arg, def, etcdAddr)
	}
	if strings.HasPrefix(arg, "/") {
		return filepath.Join(root, arg)
	}
	if strings.HasPrefix(arg, "-") {
		if k, v, ok := strings.Cut(arg, "="); ok && strings.HasPrefix(v, "/") {
			return k + "=" + filepath.Join(root, v)
		}
	}
	return arg
}

// environ is the environment of a command run on node.
func (a nodeAccess) environ(node string, args []string) []string {
	e := a.env
	root := e.NodeRoot(node)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ETCDCTL_") && !strings.HasPrefix(kv, "KUBECONFIG=") &&
			!strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	env = append(env, "NODE_NAME="+node, "NODE_ROOT="+root, "HOME="+filepath.Join(root, "root"),
		"PATH="+e.BinDir+string(os.PathListSeparator)+os.Getenv("PATH"))
	if node != e.Options.ControlPlaneNode() {
		return env
	}
	env = append(env, "KUBECONFIG="+e.Kubeconfig)
	for flag, value := range map[string]string{
		"endpoints": e.EtcdEndpoint,
		"cacert":    e.pki.path(etcdCACert),
		"cert":      e.pki.path(etcdHealthCert),
		"key":       e.pki.path(etcdHealthKey),
	} {
		if !hasFlag(args, flag) {
			env = append(env, "ETCDCTL_"+strings.ToUpper(flag)+"="+value)
		}
	}
	return env
}

// hasFlag reports whether args set --name (or -name), with "=value" or as a separate word.
func hasFlag(args []string, name string) bool {
	for _, a := range args {
		a = strings.TrimLeft(a, "-")
		if a == name || strings.HasPrefix(a, name+"=") {
			return true
		}
	}
	return false
}

// StopKubelet stops kwok's heartbeat for node only.
func (a nodeAccess) StopKubelet(ctx context.Context, node string) error {
	return a.setKubeletLabel(ctx, node, nil)
}

// StartKubelet gives node back to kwok, which makes it Ready again.
func (a nodeAccess) StartKubelet(ctx context.Context, node string) error {
	running := kubeletRunning
	return a.setKubeletLabel(ctx, node, &running)
}

// setKubeletLabel sets or (value nil) removes the label kwok selects its nodes by.
func (a nodeAccess) setKubeletLabel(ctx context.Context, node string, value *string) error {
	if !a.env.isNode(node) {
		return fmt.Errorf("testenv: no node %q", node)
	}
	patch, err := json.Marshal(map[string]any{
		"metadata": map[string]any{"labels": map[string]any{kubeletLabel: value}},
	})
	if err != nil {
		return err
	}
	_, err = a.env.Client.CoreV1().Nodes().Patch(ctx, node, types.MergePatchType, patch, metav1.PatchOptions{})
	return err
}
