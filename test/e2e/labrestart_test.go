package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// tutor runs the built kubetutor on the labs cluster as a student's session does
// (KUBETUTOR_HOME, KUBETUTOR_CLUSTER), in French, and returns its output and exit error.
func (k *kindLabs) tutor(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(k.binDir, "kubetutor"), append(args, "--lang", "fr")...)
	cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+k.home, "KUBETUTOR_CLUSTER="+k.m.Name())
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// kindResetThenOpen: `kubetutor lab reset netpol --yes` returns once the lab's three
// namespaces are gone (it says what it waits for), and the lab opens again at once: its
// setup applies, where it failed before on « namespace … is being terminated ».
func kindResetThenOpen(t *testing.T, k *kindLabs) {
	r := k.start(t, "netpol")
	r.shell("kubectl wait --for=condition=Ready pod --all -n front --timeout=180s",
		"kubectl wait --for=condition=Ready pod --all -n other --timeout=180s")
	start := time.Now()
	out, err := k.tutor(r.ctx, "lab", "reset", "netpol", "--yes")
	took := time.Since(start)
	t.Logf("kubetutor lab reset netpol --yes (%.1f s):\n%s", took.Seconds(), out)
	if err != nil {
		t.Fatalf("lab reset: %v", err)
	}
	for _, want := range []string{"il finit de supprimer les namespaces «\u00a0", "TP «\u00a0netpol\u00a0» remis à zéro"} {
		if !strings.Contains(out, want) {
			t.Errorf("reset output lacks %q", want)
		}
	}
	k.start(t, "netpol") // fails the test if the setup does not apply
	t.Logf("TIMING netpol reset (namespaces gone) %.1f s, reset to open %.1f s", took.Seconds(), time.Since(start).Seconds())
}

// kindRestart: the node containers stopped, as after Docker restarted or the machine
// rebooted. `kubetutor cluster status` says stopped (it said « à moitié créé », and
// cluster up offered to delete the cluster), `kubetutor cluster up` starts them again, and
// the cluster comes back with what it held.
func kindRestart(t *testing.T, k *kindLabs) {
	rc, err := clientcmd.BuildConfigFromFlags("", k.m.KubeconfigPath())
	if err != nil {
		t.Fatal(err)
	}
	cs := kubernetes.NewForConfigOrDie(rc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	marker := &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "e2e-restart-marker", Namespace: "default"}}
	if _, err := cs.CoreV1().ConfigMaps("default").Create(ctx, marker, metav1.CreateOptions{}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cs.CoreV1().ConfigMaps("default").Delete(context.Background(), marker.Name, metav1.DeleteOptions{})
	}()
	nodes := []string{k.m.Name() + "-control-plane", k.m.Name() + "-worker", k.m.Name() + "-worker2"}
	if out, err := exec.CommandContext(ctx, "docker", append([]string{"stop"}, nodes...)...).CombinedOutput(); err != nil {
		t.Fatalf("docker stop: %v\n%s", err, out)
	}
	out, err := k.tutor(ctx, "cluster", "status")
	if err == nil || !strings.Contains(out, "arrêté (ses conteneurs ne tournent plus") || strings.Contains(out, "moitié") {
		t.Errorf("cluster status of the stopped cluster (%v):\n%s", err, out)
	}
	start := time.Now()
	out, err = k.tutor(ctx, "cluster", "up")
	t.Logf("kubetutor cluster up (%.1f s):\n%s", time.Since(start).Seconds(), out)
	if err != nil || !strings.Contains(out, "relancé en") {
		t.Fatalf("cluster up of the stopped cluster: %v", err)
	}
	waitNodesReady(ctx, t, cs, len(nodes))
	t.Logf("TIMING stopped cluster → cluster up → every node Ready: %.1f s", time.Since(start).Seconds())
	if _, err := cs.CoreV1().ConfigMaps("default").Get(ctx, marker.Name, metav1.GetOptions{}); err != nil {
		t.Errorf("the marker made before the stop: %v", err)
	}
	waitSystemPods(ctx, t, cs)
}
