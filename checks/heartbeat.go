package checks

import (
	"context"
	"fmt"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// Heartbeat states a node-state check may ask for.
const (
	HeartbeatStopped = "stopped"
	HeartbeatRunning = "running"
)

// HeartbeatStale is how old a node's Lease must be for its kubelet to count as stopped
// (and younger than which it counts as running): a kubelet renews it every 10 s (a
// quarter of its 40 s duration), so a live kubelet's Lease is never that old. A node
// condition or a taint set by hand leaves the Lease fresh: it is the kubelet's own
// evidence.
const HeartbeatStale = 15 * time.Second

var leasesGVR = coordinationv1.SchemeGroupVersion.WithResource("leases")

// heartbeatMiss says how node's heartbeat (its Lease in kube-node-lease) differs from
// want ("stopped" or "running"), or returns nil.
func heartbeatMiss(ctx context.Context, env *Env, node *corev1.Node, want string) (*i18n.Message, error) {
	l, err := env.Kube.CoordinationV1().Leases(corev1.NamespaceNodeLease).Get(ctx, node.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		if want == HeartbeatStopped {
			return nil, nil
		}
		m := i18n.M("checks.node.heartbeat.none", "Node", node.Name)
		return &m, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get the Lease of %s: %w", node.Name, err)
	}
	var renewed time.Time
	if l.Spec.RenewTime != nil {
		renewed = l.Spec.RenewTime.Time
	}
	age := env.now().Sub(renewed)
	switch {
	case want == HeartbeatStopped && age < HeartbeatStale:
		m := i18n.M("checks.node.heartbeat.alive", "Node", node.Name, "Ago", since(env.now(), renewed))
		return &m, nil
	case want == HeartbeatRunning && age >= HeartbeatStale:
		m := i18n.M("checks.node.heartbeat.silent", "Node", node.Name, "Ago", since(env.now(), renewed))
		return &m, nil
	}
	return nil, nil
}
