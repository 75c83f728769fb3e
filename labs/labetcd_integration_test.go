package labs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// etcdManifest is the part of kubeadm's etcd static pod manifest the restore step edits.
const etcdManifest = `apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system, labels: {component: etcd, tier: control-plane}}
spec:
  containers:
  - name: etcd
    image: etcd:3.7.3-0
    command: [etcd, --data-dir=/var/lib/etcd]
  volumes:
  - hostPath:
      path: /etc/kubernetes/pki/etcd
      type: DirectoryOrCreate
    name: etcd-certs
  - hostPath:
      path: /var/lib/etcd
      type: DirectoryOrCreate
    name: etcd-data
`

// TestIntegrationLabEtcd runs the etcd lab's snapshot, status and defrag steps: each
// « kubectl -n kube-system exec etcd-kubetutor-control-plane -- CMD » runs CMD through
// NodeAccess on the control-plane node, against the test etcd (TLS with client
// certificates, as kubeadm sets it up). The restore step edits the etcd static pod's
// manifest and waits for the kubelet to restart etcd: kind end-to-end only.
func TestIntegrationLabEtcd(t *testing.T) {
	r := startLab(t, "etcd", "lab-etcd")
	const pod = "kubectl -n kube-system exec etcd-kubetutor-control-plane -- "

	// snapshot: near miss, etcdctl without --cacert, refused by etcd.
	r.notPassed("snapshot", pending, "pas encore de fichier", "/var/lib/etcd/etcd-")
	out := r.do(pod + "etcdctl snapshot save /var/lib/etcd/etcd-$(date +%F).db")
	if !strings.Contains(out, "certificate signed by unknown authority") {
		t.Errorf("etcdctl without --cacert: %q, want etcd's TLS refusal", out)
	}
	r.notPassed("snapshot", failed, "sans --cacert")
	// Alternative: « --flag=value » and the healthcheck client certificate.
	r.do(pod + "etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/healthcheck-client.crt --key=/etc/kubernetes/pki/etcd/healthcheck-client.key snapshot save /var/lib/etcd/etcd-$(date +%F).db")
	r.passes("snapshot")
	r.solve("snapshot")
	r.passes("snapshot")

	// status: near miss, the deprecated « etcdctl snapshot status ».
	r.notPassed("status", pending)
	r.do(pod + "etcdctl snapshot status /var/lib/etcd/etcd-$(date +%F).db -w table")
	r.notPassed("status", pending)
	if out := r.solve("status"); !strings.Contains(out, "HASH") {
		t.Errorf("etcdutl snapshot status printed %q", out)
	}
	r.passes("status")

	// defrag: near miss, the size looked at (endpoint status) but no defragmentation.
	r.notPassed("defrag", pending)
	r.do(pod + "etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt --cert /etc/kubernetes/pki/etcd/server.crt --key /etc/kubernetes/pki/etcd/server.key endpoint status -w table")
	r.notPassed("defrag", pending)
	r.solve("defrag")
	r.passes("defrag")

	// restore: a stand-in static pod manifest like kubeadm's (the test control plane's
	// etcd does not run from one, so it never restarts: the cheats are what is proven here).
	root := r.env.NodeRoot("kubetutor-control-plane")
	manifest := filepath.Join(root, "etc/kubernetes/manifests/etcd.yaml")
	if err := os.WriteFile(manifest, []byte(etcdManifest), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Remove(manifest) })
	r.notPassed("restore", pending, "répertoire d’origine /var/lib/etcd")
	// Cheat: the word read from the marker the setup made, nothing restored.
	word := strings.TrimSpace(r.do("kubectl -n lab-etcd get configmap marqueur -o jsonpath='{.data.mot}'"))
	r.answer("restore", word)
	r.notPassed("restore", failed, "le ConfigMap marqueur est là, mais etcd sert toujours ses anciennes données\u00a0: la restauration n’a pas eu lieu")
	// Cheat: the manifest pointed at a copy of the old data (no restore).
	r.do("docker exec kubetutor-control-plane sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-copy#' /etc/kubernetes/manifests/etcd.yaml")
	r.notPassed("restore", failed, "le manifeste pointe sur /var/lib/etcd-copy, mais etcd sert toujours ses anciennes données")
	// Cheat: the marker deleted and made again by hand.
	r.do("kubectl -n lab-etcd delete configmap marqueur")
	r.do("kubectl -n lab-etcd create configmap marqueur --from-literal=mot=" + word)
	r.notPassed("restore", failed, "anciennes données")
	t.Log("restore, passing: kind end-to-end only (the kubelet restarts etcd from the edited static pod manifest)")
}
