package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// kindEtcdReset breaks etcd as a student who gets the restore wrong: the etcd lab opened
// (it saves etcd's manifest and data directory on the node), then the manifest's data
// hostPath pointed at a directory that does not exist. The kubelet restarts etcd on an
// empty directory, and the lab's marker is gone from what the API serves. `kubetutor lab
// reset etcd --yes` (the built binary, on this cluster through KUBETUTOR_CLUSTER) puts the
// manifest and the directory back: the API answers again with the cluster's own data,
// and the etcd lab that follows is done again from its start.
func kindEtcdReset(t *testing.T, k *kindLabs) {
	r := k.start(t, "etcd")
	cp := k.m.Name() + "-control-plane"
	if out := r.shell("kubectl -n lab-etcd get configmap marqueur -o name"); !strings.Contains(out, "configmap/marqueur") {
		t.Fatalf("the marker before the break: %q", out)
	}
	broke := time.Now()
	r.shell("docker exec " + cp + " sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-typo#' /etc/kubernetes/manifests/etcd.yaml")
	for {
		c := exec.Command(filepath.Join(k.binDir, "kubectl"), "--kubeconfig", k.m.KubeconfigPath(), "--request-timeout=5s",
			"-n", "lab-etcd", "get", "configmap", "marqueur", "-o", "name")
		out, err := c.CombinedOutput()
		if err != nil {
			t.Logf("%.0f s after the wrong hostPath, the API no longer serves the marker: %s", time.Since(broke).Seconds(), strings.TrimSpace(string(out)))
			break
		}
		if time.Since(broke) > 4*time.Minute {
			t.Fatalf("etcd on a wrong hostPath: the marker is still served after 4 min")
		}
		time.Sleep(3 * time.Second)
	}

	start := time.Now()
	cmd := exec.CommandContext(r.ctx, filepath.Join(k.binDir, "kubetutor"), "lab", "reset", "etcd", "--yes", "--lang", "fr")
	cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+k.home, "KUBETUTOR_CLUSTER="+k.m.Name())
	out, err := cmd.CombinedOutput()
	t.Logf("kubetutor lab reset etcd --yes (%.1f s):\n%s", time.Since(start).Seconds(), out)
	if err != nil {
		t.Fatalf("lab reset: %v", err)
	}
	for _, want := range []string{"/etc/kubernetes/manifests/etcd.yaml remis en place sur " + cp, "l’API répond de nouveau", "TP «\u00a0etcd\u00a0» remis à zéro"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("reset output lacks %q", want)
		}
	}
	t.Logf("TIMING etcd reset after a wrong hostPath → API answers: %.1f s", time.Since(start).Seconds())
	manifest := r.shell("docker exec " + cp + " grep -A1 'hostPath' /etc/kubernetes/manifests/etcd.yaml")
	if strings.Contains(manifest, "etcd-typo") || !strings.Contains(manifest, "path: /var/lib/etcd") {
		t.Errorf("the manifest after the reset:\n%s", manifest)
	}
	// The cluster's own data again: kubeadm's ConfigMap (never in a fresh etcd) and the
	// three nodes of this cluster.
	ctx, cancel := context.WithTimeout(r.ctx, 3*time.Minute)
	defer cancel()
	for {
		got := r.shell("kubectl -n kube-system get configmap kubeadm-config -o name; kubectl get nodes -o name")
		if strings.Contains(got, "configmap/kubeadm-config") && strings.Count(got, "node/"+k.m.Name()) == 3 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("after the reset, the API does not serve the cluster's data:\n%s", got)
		}
		time.Sleep(5 * time.Second)
	}
}
