package labs

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/i18n"
)

// dirNode is node access to local directories standing for each node's « / »: argv runs
// on this machine, each absolute path argument mapped under the node's directory (as
// internal/testenv does), and the calls are logged in order.
type dirNode struct {
	root string
	mu   sync.Mutex
	log  []string
}

func (d *dirNode) path(node, p string) string { return filepath.Join(d.root, node, p) }

func (d *dirNode) ReadFile(_ context.Context, node, p string) ([]byte, error) {
	return os.ReadFile(d.path(node, p))
}

func (d *dirNode) Exec(ctx context.Context, node string, argv ...string) ([]byte, error) {
	args := make([]string, len(argv))
	for i, a := range argv {
		if strings.HasPrefix(a, "/") {
			a = d.path(node, a)
		}
		args[i] = a
	}
	d.mu.Lock()
	d.log = append(d.log, node+": "+strings.Join(argv, " "))
	d.mu.Unlock()
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	cmd.Env = []string{"PATH=/usr/bin:/bin"} // no crictl: not a kind node, nothing to wait for
	return cmd.CombinedOutput()
}

func (d *dirNode) StopKubelet(_ context.Context, node string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.log = append(d.log, node+": stop kubelet")
	return nil
}

func (d *dirNode) StartKubelet(_ context.Context, node string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.log = append(d.log, node+": start kubelet")
	return nil
}

var _ checks.NodeAccess = (*dirNode)(nil)

func write(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

const etcdManifest = `apiVersion: v1
kind: Pod
metadata:
  name: etcd
  namespace: kube-system
spec:
  volumes:
  - hostPath: {path: /var/lib/etcd, type: DirectoryOrCreate}
    name: etcd-data
`

// TestRecoverEtcdAfterAWrongHostPath: the etcd lab's reset after the student pointed
// etcd's manifest at a wrong path, lost the data directory's member/ and left a restored
// directory and a snapshot: the manifest and member/ come back from what the lab saved
// when it started (not from a later save), what was added goes, and the manifest is
// taken away before the directory is touched.
func TestRecoverEtcdAfterAWrongHostPath(t *testing.T) {
	lab, err := Load(assets.FS, "etcd")
	if err != nil {
		t.Fatal(err)
	}
	nodes := &dirNode{root: t.TempDir()}
	cp := "kubetutor-control-plane"
	manifest, data := nodes.path(cp, "/etc/kubernetes/manifests/etcd.yaml"), nodes.path(cp, "/var/lib/etcd")
	write(t, manifest, etcdManifest)
	write(t, filepath.Join(data, "member/snap/db"), "the original data")
	r := NewRunner(lab, &checks.Env{Nodes: nodes}, nil, nil)
	ctx := context.Background()
	if err := r.SaveRecovery(ctx); err != nil {
		t.Fatal(err)
	}

	broken := strings.Replace(etcdManifest, "path: /var/lib/etcd,", "path: /var/lib/etcd-typo,", 1)
	write(t, manifest, broken)
	write(t, filepath.Join(data, "restore/member/snap/db"), "restored")
	write(t, filepath.Join(data, "etcd-2026-12-01.db"), "a snapshot")
	if err := os.RemoveAll(filepath.Join(data, "member")); err != nil {
		t.Fatal(err)
	}
	// Opened again once broken: the save made before is kept.
	if err := r.SaveRecovery(ctx); err != nil {
		t.Fatal(err)
	}

	var said []string
	tr := i18n.New(i18n.FR)
	if err := r.RecoverNodes(ctx, func(m i18n.Message) { said = append(said, tr.Msg(m)) }); err != nil {
		t.Fatalf("RecoverNodes: %v\n%s", err, strings.Join(nodes.log, "\n"))
	}
	if got := read(t, manifest); got != etcdManifest {
		t.Errorf("manifest after reset:\n%s", got)
	}
	if got := read(t, filepath.Join(data, "member/snap/db")); got != "the original data" {
		t.Errorf("member/snap/db = %q", got)
	}
	for _, gone := range []string{"restore", "etcd-2026-12-01.db"} {
		if _, err := os.Stat(filepath.Join(data, gone)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still in the data directory (%v)", gone, err)
		}
	}
	if _, err := os.Stat(nodes.path(cp, SaveDir+"/etcd")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the save is still on the node (%v)", err)
	}
	moved, fixed := -1, -1
	for i, l := range nodes.log {
		if strings.Contains(l, moveAway) && moved < 0 {
			moved = i
		}
		if strings.Contains(l, "tar -C \"$dir\" -xpf") && fixed < 0 {
			fixed = i
		}
	}
	if moved < 0 || fixed < 0 || moved > fixed {
		t.Errorf("the manifest must be taken away (%d) before the directory is put back (%d):\n%s", moved, fixed, strings.Join(nodes.log, "\n"))
	}
	text := strings.Join(said, "\n")
	for _, want := range []string{"etcd-kubetutor-control-plane", "/etc/kubernetes/manifests/etcd.yaml", "retiré\u00a0: etcd-2026-12-01.db, restore", "remis\u00a0: member", "kube-apiserver-kubetutor-control-plane"} {
		if !strings.Contains(text, want) {
			t.Errorf("report lacks %q:\n%s", want, text)
		}
	}

	// Nothing changed since a fresh save: the reset touches nothing.
	if err := r.SaveRecovery(ctx); err != nil {
		t.Fatal(err)
	}
	nodes.log = nil
	said = nil
	if err := r.RecoverNodes(ctx, func(m i18n.Message) { said = append(said, tr.Msg(m)) }); err != nil {
		t.Fatal(err)
	}
	if len(said) != 0 || strings.Contains(strings.Join(nodes.log, "\n"), moveAway) {
		t.Errorf("a reset with nothing to put back stopped etcd or said %q:\n%s", said, strings.Join(nodes.log, "\n"))
	}
}

// TestRecoverWithoutSave: a node without the saved paths (not a kubeadm node) saves
// nothing and fails no start; its reset says there was no save and changes nothing.
func TestRecoverWithoutSave(t *testing.T) {
	lab, err := Load(assets.FS, "etcd")
	if err != nil {
		t.Fatal(err)
	}
	nodes := &dirNode{root: t.TempDir()}
	if err := os.MkdirAll(nodes.path("kubetutor-control-plane", "/"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := NewRunner(lab, &checks.Env{Nodes: nodes}, nil, nil)
	if err := r.SaveRecovery(context.Background()); err != nil {
		t.Fatal(err)
	}
	var said []string
	tr := i18n.New(i18n.EN)
	if err := r.RecoverNodes(context.Background(), func(m i18n.Message) { said = append(said, tr.Msg(m)) }); err != nil {
		t.Fatal(err)
	}
	if len(said) != 2 || !strings.Contains(said[0], "/etc/kubernetes/manifests/etcd.yaml on kubetutor-control-plane: no save") {
		t.Errorf("said %q", said)
	}
}

func TestRecoverFailureStartsTheKubelets(t *testing.T) {
	lab, err := Load(assets.FS, "failure")
	if err != nil {
		t.Fatal(err)
	}
	nodes := &dirNode{root: t.TempDir()}
	r := NewRunner(lab, &checks.Env{Nodes: nodes}, nil, nil)
	if err := r.BindTo(KindNodes("autre")); err != nil {
		t.Fatal(err)
	}
	if err := r.RecoverNodes(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(nodes.log, "\n")
	for _, n := range []string{"autre-worker", "autre-worker2"} {
		if !strings.Contains(got, n+": start kubelet") {
			t.Errorf("kubelet of %s not started:\n%s", n, got)
		}
	}
	// Without node access, the reset says it cannot put the nodes back.
	r = NewRunner(lab, &checks.Env{}, nil, nil)
	if err := r.RecoverNodes(context.Background(), nil); !errors.Is(err, ErrNoNodeAccess) {
		t.Errorf("no node access: %v", err)
	}
}
