package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
	"sigs.k8s.io/kind/pkg/cluster"
)

// kubeadmPatch points kubeadm at the images preloaded in the node image, by
// repository name only (no registry host).
const kubeadmPatch = `kind: ClusterConfiguration
imageRepository: kubetutor
`

// TestIntegrationNodeImageCluster creates a kind cluster from the node image in
// KUBETUTOR_E2E_IMAGE (KUBETUTOR_E2E_NODES nodes, default 3), checks that every
// node is Ready, the system pods run, pods reach each other across nodes and a
// NetworkPolicy is enforced, and deletes it.
func TestIntegrationNodeImageCluster(t *testing.T) {
	image := os.Getenv("KUBETUTOR_E2E_IMAGE")
	if image == "" {
		t.Skip("KUBETUTOR_E2E_IMAGE is not set: run make e2e")
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skipf("no container engine answers docker info: %v", err)
	}
	nodes := e2eNodes()
	cfg := &v1alpha4.Cluster{
		Nodes:                []v1alpha4.Node{{Role: v1alpha4.ControlPlaneRole, Image: image}},
		KubeadmConfigPatches: []string{kubeadmPatch},
	}
	for i := 1; i < nodes; i++ {
		cfg.Nodes = append(cfg.Nodes, v1alpha4.Node{Role: v1alpha4.WorkerRole, Image: image})
	}
	name := fmt.Sprintf("kubetutor-e2e-%d", os.Getpid())
	kubeconfig := filepath.Join(t.TempDir(), "kubeconfig")
	p := cluster.NewProvider(cluster.ProviderWithDocker(), cluster.ProviderWithLogger(testLogger{t: t, v: 0}))

	if nodes, err := p.ListNodes(name); err != nil || len(nodes) > 0 {
		t.Fatalf("a cluster named %s exists already (%v): the tests never use or delete a cluster they did not create", name, err)
	}
	start := time.Now()
	err := p.Create(name,
		cluster.CreateWithV1Alpha4Config(cfg),
		cluster.CreateWithKubeconfigPath(kubeconfig),
		cluster.CreateWithWaitForReady(5*time.Minute),
		cluster.CreateWithRetain(os.Getenv("KUBETUTOR_E2E_RETAIN") != ""),
		cluster.CreateWithDisplayUsage(false), cluster.CreateWithDisplaySalutation(false))
	t.Cleanup(func() {
		if os.Getenv("KUBETUTOR_E2E_RETAIN") != "" {
			t.Logf("cluster %s retained", name)
			return
		}
		d := time.Now()
		if err := p.Delete(name, kubeconfig); err != nil {
			t.Errorf("delete cluster: %v", err)
		}
		t.Logf("TIMING cluster delete: %.1f s", time.Since(d).Seconds())
	})
	if err != nil {
		t.Fatalf("create cluster: %v", err)
	}
	t.Logf("TIMING cluster up (%d nodes): %.1f s", nodes, time.Since(start).Seconds())

	rc, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		t.Fatal(err)
	}
	cs := kubernetes.NewForConfigOrDie(rc)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	waitNodesReady(ctx, t, cs, nodes)
	waitSystemPods(ctx, t, cs)
	t.Logf("TIMING cluster ready: %.1f s", time.Since(start).Seconds())

	n := time.Now()
	replicas := int32(max(nodes-1, 1))
	checkPodNetwork(ctx, t, cs, replicas)
	t.Logf("TIMING pod network and NetworkPolicy check: %.1f s", time.Since(n).Seconds())
}

// waitFor polls cond every 2 s until it holds or ctx ends, then fails with its
// last detail.
func waitFor(ctx context.Context, t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	start := time.Now()
	last := ""
	for {
		ok, detail := cond()
		if ok {
			t.Logf("%s after %.1f s", what, time.Since(start).Seconds())
			return
		}
		last = detail
		select {
		case <-ctx.Done():
			t.Fatalf("%s: gave up: %s", what, last)
		case <-time.After(2 * time.Second):
		}
	}
}

// e2eNodes is KUBETUTOR_E2E_NODES, 3 by default.
func e2eNodes() int {
	if n, err := strconv.Atoi(os.Getenv("KUBETUTOR_E2E_NODES")); err == nil && n > 0 {
		return n
	}
	return 3
}

// waitNodesReady waits until the cluster has nodes nodes, all Ready.
func waitNodesReady(ctx context.Context, t *testing.T, cs kubernetes.Interface, nodes int) {
	t.Helper()
	waitFor(ctx, t, "every node Ready", func() (bool, string) {
		list, err := cs.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return false, err.Error()
		}
		ready := 0
		for _, n := range list.Items {
			for _, c := range n.Status.Conditions {
				if c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue {
					ready++
				}
			}
		}
		return ready == nodes && len(list.Items) == nodes, fmt.Sprintf("%d/%d Ready", ready, nodes)
	})
}

// waitSystemPods waits until every kube-system pod is Running.
func waitSystemPods(ctx context.Context, t *testing.T, cs kubernetes.Interface) {
	t.Helper()
	waitFor(ctx, t, "kube-system pods Running", func() (bool, string) {
		list, err := cs.CoreV1().Pods("kube-system").List(ctx, metav1.ListOptions{})
		if err != nil {
			return false, err.Error()
		}
		notRunning := ""
		for _, p := range list.Items {
			if p.Status.Phase != corev1.PodRunning {
				notRunning += " " + p.Name + "=" + string(p.Status.Phase)
			}
		}
		return notRunning == "" && len(list.Items) > 0, "not running:" + notRunning
	})
}
