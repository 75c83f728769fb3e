package checks_test

import (
	"os/exec"
	"strconv"
	"testing"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/checks"
)

// TestIntegrationEtcdSnapshot takes a snapshot of the test control plane's etcd with the
// real etcdctl, as the student does on the control-plane node; a truncated copy and a
// snapshot older than the lab are near misses.
func TestIntegrationEtcdSnapshot(t *testing.T) {
	l := newLive(t)
	cp := l.env.Options.ControlPlaneNode()
	list, err := l.env.Client.CoreV1().Namespaces().List(l.ctx, metav1.ListOptions{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	start, _ := strconv.ParseInt(list.ResourceVersion, 10, 64)
	l.ce.StartRevision = start
	t.Cleanup(func() { l.ce.StartRevision = 0 })
	snap := `{"path": "/var/lib/etcd/kubetutor-it.db", "minKeys": 20}`
	trunc := `{"path": "/var/lib/etcd/kubetutor-it-truncated.db"}`

	l.expect("etcd-snapshot", snap, checks.Pending, "pas encore de fichier")
	exec := func(argv ...string) {
		t.Helper()
		if out, err := l.ce.Nodes.Exec(l.ctx, cp, argv...); err != nil {
			t.Fatalf("%v: %v\n%s", argv, err, out)
		}
	}
	exec("etcdctl", "snapshot", "save", "/var/lib/etcd/kubetutor-it.db")
	l.expect("etcd-snapshot", snap, checks.Passed, "clés sous /registry/")

	exec("cp", "/var/lib/etcd/kubetutor-it.db", "/var/lib/etcd/kubetutor-it-truncated.db")
	exec("truncate", "-s", "-4096", "/var/lib/etcd/kubetutor-it-truncated.db")
	l.expect("etcd-snapshot", trunc, checks.Failed, "n’est pas un snapshot etcd valide")

	l.ce.StartRevision = 1 << 40 // a lab started after this snapshot
	l.expect("etcd-snapshot", snap, checks.Failed, "avant le début du TP")
}

// TestIntegrationEtcdDefrag defragments the test control plane's etcd with the real
// etcdctl on the control-plane node; the check reads etcd's metrics with curl there.
func TestIntegrationEtcdDefrag(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	l := newLive(t)
	cp := l.env.Options.ControlPlaneNode()
	params := `{"metricsURL": "https://127.0.0.1:2379/metrics", "caCert": "/etc/kubernetes/pki/etcd/ca.crt",
		"cert": "/etc/kubernetes/pki/etcd/healthcheck-client.crt", "key": "/etc/kubernetes/pki/etcd/healthcheck-client.key"}`
	res := l.check("etcd-defrag", params)
	if res.Status == checks.Passed {
		t.Skip("etcd of the shared control plane was already defragmented")
	}
	l.expect("etcd-defrag", params, checks.Pending, "pas encore été défragmenté")
	if out, err := l.ce.Nodes.Exec(l.ctx, cp, "etcdctl", "defrag"); err != nil {
		t.Fatalf("etcdctl defrag: %v\n%s", err, out)
	}
	l.expect("etcd-defrag", params, checks.Passed, "défragmenté (1 fois")
}
