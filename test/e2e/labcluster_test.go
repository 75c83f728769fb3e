package e2e

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"

	"kubetutor/internal/paths"
	"kubetutor/labs/cluster"
)

// TestIntegrationLabClusterOnNodeImage brings the lab cluster up through
// kubetutor's own cluster code (labs/cluster, as `kubetutor cluster up --image`
// does) with the node image in KUBETUTOR_E2E_IMAGE and KUBETUTOR_E2E_NODES-1
// workers, proves its pod network and NetworkPolicy, and takes it down.
func TestIntegrationLabClusterOnNodeImage(t *testing.T) {
	image := os.Getenv("KUBETUTOR_E2E_IMAGE")
	if image == "" {
		t.Skip("KUBETUTOR_E2E_IMAGE is not set: run make e2e")
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skipf("no container engine answers docker info: %v", err)
	}
	nodes := e2eNodes()
	m := cluster.New(cluster.WithName("kubetutor-e2e-lab"), cluster.WithDirs(paths.Under(t.TempDir())))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if _, err := m.Preflight(ctx); err != nil {
		t.Fatalf("preflight: %v", err)
	}
	start := time.Now()
	upOwnCluster(t, ctx, m, cluster.UpOptions{Workers: nodes - 1, Image: image}, func(e cluster.Event) {
		if e.Phase == cluster.PhaseDone {
			t.Logf("%.1f s: %v done", time.Since(start).Seconds(), e.Step)
		}
	})
	t.Logf("TIMING lab cluster up (%d nodes): %.1f s", nodes, time.Since(start).Seconds())
	rc, err := clientcmd.BuildConfigFromFlags("", m.KubeconfigPath())
	if err != nil {
		t.Fatal(err)
	}
	cs := kubernetes.NewForConfigOrDie(rc)
	waitNodesReady(ctx, t, cs, nodes)
	waitSystemPods(ctx, t, cs)
	t.Logf("TIMING lab cluster ready: %.1f s", time.Since(start).Seconds())
	checkPodNetwork(ctx, t, cs, int32(max(nodes-1, 1)))
}
