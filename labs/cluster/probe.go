package cluster

import (
	"context"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

// Health is what the cluster's API says about itself.
type Health struct {
	ServerVersion string
	Nodes         []NodeHealth
}

// NodeHealth is one Kubernetes node and its Ready condition.
type NodeHealth struct {
	Name  string
	Ready bool
}

// Prober asks a cluster's API for its health.
type Prober interface {
	Probe(ctx context.Context, kubeconfig []byte) (Health, error)
}

// probeTimeout bounds one health probe: an API that does not answer within it is down.
const probeTimeout = 10 * time.Second

// APIProber is the Prober that calls the API with client-go.
type APIProber struct{}

// Probe reads the server version and the nodes' Ready conditions.
func (APIProber) Probe(ctx context.Context, kubeconfig []byte) (Health, error) {
	cfg, err := clientcmd.RESTConfigFromKubeConfig(kubeconfig)
	if err != nil {
		return Health{}, err
	}
	cfg.Timeout = probeTimeout
	cs, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return Health{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	v, err := cs.Discovery().ServerVersion()
	if err != nil {
		return Health{}, err
	}
	nodes, err := cs.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return Health{}, err
	}
	h := Health{ServerVersion: v.GitVersion}
	for _, n := range nodes.Items {
		ready := false
		for _, c := range n.Status.Conditions {
			if c.Type == corev1.NodeReady && c.Status == corev1.ConditionTrue {
				ready = true
			}
		}
		h.Nodes = append(h.Nodes, NodeHealth{Name: n.Name, Ready: ready})
	}
	return h, nil
}
