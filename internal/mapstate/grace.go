package mapstate

import (
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/version"
)

// The node-monitor grace periods Kubernetes uses by default
// (pkg/controller/nodelifecycle/config/v1alpha1/defaults.go): 40 s until 1.31, 50 s from
// 1.32 on (kubernetes/kubernetes#126287).
const (
	gracePeriodBefore132 = 40 * time.Second
	gracePeriodSince132  = 50 * time.Second
)

// graceFlag is kube-controller-manager's flag for the grace period.
const graceFlag = "node-monitor-grace-period"

// DefaultGracePeriodFor is Kubernetes' default node-monitor grace period for an API
// server of version v (a /version gitVersion such as v1.37.2); ok is false when v says
// no usable version (a fake's v0.0.0, an empty string).
func DefaultGracePeriodFor(v string) (d time.Duration, ok bool) {
	parsed, err := version.ParseGeneric(v)
	if err != nil || parsed.Major() == 0 {
		return 0, false
	}
	if parsed.LessThan(version.MajorMinor(1, 32)) {
		return gracePeriodBefore132, true
	}
	return gracePeriodSince132, true
}

// GracePeriodFlag reads --node-monitor-grace-period from the command and arguments of
// a kube-controller-manager pod (kubeadm's static pod writes its flags there); ok is
// false when the flag is absent or not a positive duration.
func GracePeriodFlag(p *corev1.Pod) (d time.Duration, ok bool) {
	for _, c := range p.Spec.Containers {
		argv := append(append([]string(nil), c.Command...), c.Args...)
		for i, a := range argv {
			name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
			if !strings.HasPrefix(a, "-") || name != graceFlag {
				continue
			}
			if !hasValue && i+1 < len(argv) {
				value = argv[i+1]
			}
			if d, err := time.ParseDuration(value); err == nil && d > 0 {
				return d, true
			}
		}
	}
	return 0, false
}

// SetServerVersion records the API server's version (its /version gitVersion): without
// a visible controller-manager flag, the grace period is that version's default.
func (t *Tracker) SetServerVersion(v string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.version = v
}

// setControllerManager reads the grace period from a kube-controller-manager pod. The
// caller holds mu.
func (t *Tracker) setControllerManager(p *corev1.Pod) {
	if d, ok := GracePeriodFlag(p); ok {
		t.graceFlag = d
	} else {
		t.graceFlag = 0
	}
}

// grace is the grace period in force and its source. The caller holds mu.
func (t *Tracker) graceNow() Grace {
	switch {
	case t.graceGiven > 0:
		return Grace{Period: t.graceGiven, Source: GraceGiven}
	case t.graceFlag > 0:
		return Grace{Period: t.graceFlag, Source: GraceFlag}
	}
	if d, ok := DefaultGracePeriodFor(t.version); ok {
		return Grace{Period: d, Source: GraceVersionDefault, Version: t.version}
	}
	return Grace{Period: DefaultGracePeriod, Source: GraceAssumed}
}
