package mapstate

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// podInfo keeps what the map needs of p.
func podInfo(p *corev1.Pod) PodInfo {
	info := PodInfo{
		Namespace: p.Namespace, Name: p.Name, Node: p.Spec.NodeName, Phase: p.Status.Phase,
		Terminating: p.DeletionTimestamp != nil, Created: p.CreationTimestamp.Time,
		Reason: p.Status.Reason,
	}
	_, info.Static = p.Annotations[corev1.MirrorPodAnnotationKey]
	if len(p.Spec.Containers) > 0 {
		info.Image = p.Spec.Containers[0].Image
	}
	info.Ready = len(p.Status.ContainerStatuses) > 0
	for _, cs := range p.Status.ContainerStatuses {
		info.Restarts += cs.RestartCount
		if !cs.Ready {
			info.Ready = false
		}
		if w := cs.State.Waiting; w != nil && w.Reason != "" {
			info.Reason = w.Reason
		}
		if t := cs.LastTerminationState.Terminated; t != nil && t.FinishedAt.After(info.LastRestart) {
			info.LastRestart = t.FinishedAt.Time
		}
	}
	if info.Phase == corev1.PodRunning && len(p.Status.ContainerStatuses) == 0 {
		// kwok and some fakes report Running with no container statuses: trust the
		// Ready condition then.
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.PodReady {
				info.Ready = c.Status == corev1.ConditionTrue
			}
		}
	}
	return info
}

// componentOf names the control-plane component a kube-system pod runs (kubeadm labels
// its static pods component=NAME), "" for any other pod.
func componentOf(p PodInfo) Kind {
	if p.Namespace != SystemNamespace {
		return ""
	}
	for _, k := range ControlPlaneKinds {
		if p.Name == string(k) || strings.HasPrefix(p.Name, string(k)+"-") {
			return k
		}
	}
	return ""
}

// isKubeProxy reports whether p is a kube-proxy pod of the DaemonSet.
func isKubeProxy(p PodInfo) bool {
	return p.Namespace == SystemNamespace && strings.HasPrefix(p.Name, "kube-proxy-")
}

// cniPlugins are the name prefixes of well-known CNI plugins' node pods, with the name
// the map shows.
var cniPlugins = []struct{ prefix, name string }{
	{"kindnet-", "kindnet"}, {"calico-node-", "calico"}, {"cilium-", "cilium"},
	{"kube-flannel-", "flannel"}, {"weave-net-", "weave"}, {"canal-", "canal"},
	{"kube-router-", "kube-router"}, // the CNI of kubetutor's node image
}

// cniName names the CNI plugin p runs, "" when it runs none.
func cniName(p PodInfo) string {
	for _, c := range cniPlugins {
		if strings.HasPrefix(p.Name, c.prefix) && !strings.HasPrefix(p.Name, "cilium-operator") {
			return c.name
		}
	}
	return ""
}
