package testenv_test

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/internal/testenv"
)

func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }

// waitCtx bounds a wait in a test; it is a deadline, not a timing assertion.
func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

func TestIntegrationTestenvNodes(t *testing.T) {
	env := testenv.Shared(t)
	ctx := t.Context()

	nodes, err := env.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, n := range nodes.Items {
		names = append(names, n.Name)
		if !testenv.NodeReady(&n) {
			t.Errorf("node %s is not Ready", n.Name)
		}
		_, isCP := n.Labels[testenv.ControlPlaneRole]
		tainted := slices.ContainsFunc(n.Spec.Taints, func(t corev1.Taint) bool {
			return t.Key == testenv.ControlPlaneRole && t.Effect == corev1.TaintEffectNoSchedule
		})
		if want := n.Name == "kubetutor-control-plane"; isCP != want || tainted != want {
			t.Errorf("node %s: control-plane label %v, taint %v, want %v", n.Name, isCP, tainted, want)
		}
	}
	want := []string{"kubetutor-control-plane", "kubetutor-worker", "kubetutor-worker2"}
	if !slices.Equal(names, want) || !slices.Equal(env.Nodes(), want) {
		t.Errorf("nodes = %v (Nodes() = %v), want %v", names, env.Nodes(), want)
	}

	v, err := env.Client.Discovery().ServerVersion()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(v.GitVersion, "v1.") || v.GitVersion == "v0.0.0" {
		t.Errorf("/version says %q, want the pinned v1.x release", v.GitVersion)
	}
	err = testenv.WaitFor(waitCtx(t), func(ctx context.Context) (bool, error) {
		pods, err := env.Client.CoreV1().Pods("kube-system").List(ctx,
			metav1.ListOptions{LabelSelector: "tier=control-plane"})
		running := 0
		for _, p := range pods.Items {
			if p.Status.Phase == corev1.PodRunning && p.Spec.NodeName == "kubetutor-control-plane" {
				running++
			}
		}
		return running == 4, err
	})
	if err != nil {
		t.Errorf("the 4 control-plane pods of kube-system are not Running: %v", err)
	}

	out, err := env.Kubectl(ctx, "get", "nodes", "-o", "name")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Fields(out); len(got) != 3 {
		t.Errorf("kubectl get nodes printed %q", out)
	}
}

func TestIntegrationTestenvEtcdSnapshot(t *testing.T) {
	env := testenv.Shared(t)
	na := env.NodeAccess()
	cp := env.Nodes()[0]
	ctx := waitCtx(t)

	// As written for a kind node: explicit flags with kubeadm's paths.
	out, err := na.Exec(ctx, cp, "etcdctl", "--endpoints=https://127.0.0.1:2379",
		"--cacert=/etc/kubernetes/pki/etcd/ca.crt", "--cert=/etc/kubernetes/pki/etcd/server.crt",
		"--key", "/etc/kubernetes/pki/etcd/server.key", "snapshot", "save", "/tmp/snap.db")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// From the test itself, with the client certificate the environment gives.
	if health := etcdHealth(t, env); !strings.Contains(health, `"health":"true"`) {
		t.Errorf("etcd /health = %s", health)
	}
	// Without flags: the node's environment points etcdctl at the test etcd.
	if out, err := na.Exec(ctx, cp, "etcdctl", "endpoint", "health"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	out, err = na.Exec(ctx, cp, "etcdutl", "snapshot", "status", "/tmp/snap.db", "-w", "json")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	var status struct{ Revision, TotalKey int64 }
	if err := json.Unmarshal(out, &status); err != nil || status.Revision == 0 || status.TotalKey == 0 {
		t.Errorf("etcdutl snapshot status: %s (%v)", out, err)
	}

	data, err := na.ReadFile(ctx, cp, "/tmp/snap.db")
	if err != nil {
		t.Fatal(err)
	}
	n := len(data)
	if n%512 != 32 || sha256.Sum256(data[:n-32]) != [32]byte(data[n-32:]) {
		t.Errorf("snapshot of %d bytes has no valid sha256 trailer", n)
	}
	if _, err := na.ReadFile(ctx, cp, "/../../tmp/snap.db"); err != nil {
		t.Errorf("a path with .. should stay under the node root: %v", err)
	}
	if _, err := na.ReadFile(ctx, "no-such-node", "/tmp/snap.db"); err == nil {
		t.Error("ReadFile on an unknown node should fail")
	}
	if _, err := na.ReadFile(ctx, env.Nodes()[1], "/etc/kubernetes/pki/etcd/ca.crt"); err == nil {
		t.Error("a worker should have no etcd certificates")
	}
}

// etcdHealth reads the test etcd's /health with the certificates of EtcdClientTLS.
func etcdHealth(t *testing.T, env *testenv.Env) string {
	files := env.EtcdClientTLS()
	pair, err := tls.LoadX509KeyPair(files.CertFile, files.KeyFile)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := os.ReadFile(files.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(ca)
	client := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{
		RootCAs: roots, Certificates: []tls.Certificate{pair},
	}}}
	resp, err := client.Get(env.EtcdEndpoint + "/health")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}
