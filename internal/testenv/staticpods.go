package testenv

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// createStaticPods creates, in kube-system, pods standing for the static pods kubeadm runs
// on a kind control-plane node: etcd-NODE, kube-apiserver-NODE, kube-controller-manager-NODE
// and kube-scheduler-NODE, labelled component=NAME and tier=control-plane and marked as
// mirror pods. They are bound to the control-plane node, tolerate every taint, and kwok
// reports them Running; the real components run outside the cluster.
func (e *Env) createStaticPods(ctx context.Context) error {
	if e.Options.NoStaticPods {
		return nil
	}
	node := e.Options.ControlPlaneNode()
	images := map[string]string{
		compEtcd: "etcd:3.7.3-0", compAPIServer: "kube-apiserver:v1.37.2",
		compKCM: "kube-controller-manager:v1.37.2", compScheduler: "kube-scheduler:v1.37.2",
	}
	for _, comp := range []string{compEtcd, compAPIServer, compKCM, compScheduler} {
		pod := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{
				Name:      comp + "-" + node,
				Namespace: metav1.NamespaceSystem,
				Labels:    map[string]string{"component": comp, "tier": "control-plane"},
				Annotations: map[string]string{
					"kubernetes.io/config.source": "file",
					"kubernetes.io/config.mirror": fmt.Sprintf("testenv-%s", comp),
				},
			},
			Spec: corev1.PodSpec{
				NodeName:          node,
				HostNetwork:       true,
				PriorityClassName: "system-node-critical",
				Tolerations:       []corev1.Toleration{{Operator: corev1.TolerationOpExists}},
				Containers:        []corev1.Container{{Name: comp, Image: images[comp], Command: []string{comp}}},
			},
		}
		if _, err := e.Client.CoreV1().Pods(metav1.NamespaceSystem).Create(ctx, pod, metav1.CreateOptions{}); err != nil {
			return fmt.Errorf("create pod %s: %w", pod.Name, err)
		}
	}
	return nil
}
