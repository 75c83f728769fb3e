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

// staleLease is how old a node's Lease must be for its kubelet to count as stopped (and
// younger than which it counts as running): one and a half renewal periods. A kubelet
// renews its Lease every quarter of its duration (10 s of 40 s), so a live one is never
// that old, and the node controller waits longer (its grace period) before it marks the
// node Unknown. A node condition or a taint set by hand leaves the Lease fresh: it is
// the kubelet's own evidence.
func staleLease(l *coordinationv1.Lease) time.Duration {
	d := 40 * time.Second
	if l.Spec.LeaseDurationSeconds != nil && *l.Spec.LeaseDurationSeconds > 0 {
		d = time.Duration(*l.Spec.LeaseDurationSeconds) * time.Second
	}
	return max(d*3/8, time.Second)
}

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
	case want == HeartbeatStopped && age < staleLease(l):
		m := i18n.M("checks.node.heartbeat.alive", "Node", node.Name, "Ago", since(env.now(), renewed))
		return &m, nil
	case want == HeartbeatRunning && age >= staleLease(l):
		m := i18n.M("checks.node.heartbeat.silent", "Node", node.Name, "Ago", since(env.now(), renewed))
		return &m, nil
	}
	return nil, nil
}
