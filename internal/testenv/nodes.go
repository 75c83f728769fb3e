package testenv

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// kwok manages (heartbeats, runs the pods of) the nodes that carry this label with this
// value; StopKubelet removes it.
const (
	kubeletLabel   = "testenv.kubetutor.dev/kubelet"
	kubeletRunning = "running"
)

// ControlPlaneRole is the label and taint key of the control-plane node, as kubeadm sets it.
const ControlPlaneRole = "node-role.kubernetes.io/control-plane"

// Nodes returns the node names, the control-plane node first.
func (e *Env) Nodes() []string {
	return append([]string{e.Options.ControlPlaneNode()}, e.Options.WorkerNodes()...)
}

// NodeRoot returns the local directory that stands in for node's file system.
func (e *Env) NodeRoot(node string) string { return filepath.Join(e.Dir, "nodes", node) }

// nodePath maps an absolute path on node to the local file under the node's root.
func (e *Env) nodePath(node, path string) string {
	return filepath.Join(e.NodeRoot(node), filepath.FromSlash(path))
}

// isNode reports whether node is one of the environment's nodes.
func (e *Env) isNode(node string) bool {
	for _, n := range e.Nodes() {
		if n == node {
			return true
		}
	}
	return false
}

// createNodes registers the kwok nodes, labelled and tainted as kind's.
func (e *Env) createNodes(ctx context.Context) error {
	for i, name := range e.Nodes() {
		node := &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{
				Name: name,
				Labels: map[string]string{
					"kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
					"kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
					"beta.kubernetes.io/arch": "amd64", "type": "kwok",
					kubeletLabel: kubeletRunning,
				},
				Annotations: map[string]string{"kwok.x-k8s.io/node": "fake"},
			},
			Spec: corev1.NodeSpec{PodCIDR: fmt.Sprintf("10.244.%d.0/24", i)},
			Status: corev1.NodeStatus{
				Capacity:    nodeResources(),
				Allocatable: nodeResources(),
				Addresses: []corev1.NodeAddress{
					{Type: corev1.NodeInternalIP, Address: fmt.Sprintf("172.18.0.%d", i+2)},
					{Type: corev1.NodeHostName, Address: name},
				},
				NodeInfo: corev1.NodeSystemInfo{
					KubeletVersion: "v1.37.2", OperatingSystem: "linux", Architecture: "amd64",
					OSImage: "kwok", ContainerRuntimeVersion: "kwok",
				},
			},
		}
		if i == 0 {
			node.Labels[ControlPlaneRole] = ""
			node.Spec.Taints = []corev1.Taint{{Key: ControlPlaneRole, Effect: corev1.TaintEffectNoSchedule}}
		}
		if _, err := e.Client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{}); err != nil {
			return fmt.Errorf("create node %s: %w", name, err)
		}
	}
	return nil
}

// nodeResources is what each fake node offers.
func nodeResources() corev1.ResourceList {
	return corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("4"),
		corev1.ResourceMemory: resource.MustParse("8Gi"),
		corev1.ResourcePods:   resource.MustParse("110"),
	}
}

// waitReady waits until every node is Ready and free of not-ready taints, and the default
// service account exists (pods of the default namespace are refused before it does).
func (e *Env) waitReady(ctx context.Context) error {
	var last string
	err := e.wait(ctx, "nodes Ready", func(ctx context.Context) (bool, error) {
		ok, why, err := e.nodesReady(ctx)
		last = why
		return ok, err
	})
	if err != nil {
		return fmt.Errorf("%w (last seen: %s)", err, last)
	}
	return e.wait(ctx, "the default service account", func(ctx context.Context) (bool, error) {
		_, err := e.Client.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			return false, nil
		}
		return err == nil, err
	})
}

// nodesReady reports whether every node is Ready and schedulable, and if not why.
func (e *Env) nodesReady(ctx context.Context) (bool, string, error) {
	list, err := e.Client.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return false, err.Error(), nil
	}
	var waiting []string
	for _, n := range list.Items {
		if !NodeReady(&n) {
			waiting = append(waiting, n.Name+" not Ready")
		}
		for _, t := range n.Spec.Taints {
			if t.Key == corev1.TaintNodeNotReady || t.Key == corev1.TaintNodeUnreachable {
				waiting = append(waiting, n.Name+" tainted "+t.Key)
			}
		}
	}
	if len(list.Items) != len(e.Nodes()) {
		waiting = append(waiting, fmt.Sprintf("%d of %d nodes", len(list.Items), len(e.Nodes())))
	}
	return len(waiting) == 0, strings.Join(waiting, ", "), nil
}

// NodeReady reports whether node's Ready condition is True.
func NodeReady(node *corev1.Node) bool {
	for _, c := range node.Status.Conditions {
		if c.Type == corev1.NodeReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}
