package checks

import (
	"context"
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// The taint eviction controller's marks: the DisruptionTarget condition it sets on a pod
// it deletes, and the event it records.
const (
	reasonTaintDeletion = "DeletionByTaintManager"
	reasonTaintEvent    = "TaintManagerEviction"
)

var eventsGVR = corev1.SchemeGroupVersion.WithResource("events")

// evictedByTaints reports whether the taint eviction controller evicted one of the pods
// of sel in namespace since the lab started: a pod (even Terminating) with its
// DisruptionTarget condition, or its TaintManagerEviction event. Pods deleted by hand or
// drained carry neither.
func evictedByTaints(ctx context.Context, env *Env, namespace string, sel labels.Selector, prefix string) (bool, error) {
	pods, err := env.Kube.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{LabelSelector: sel.String()})
	if err != nil {
		return false, fmt.Errorf("list pods in %s: %w", namespace, err)
	}
	for _, p := range pods.Items {
		if !sel.Matches(labels.Set(p.Labels)) {
			continue
		}
		for _, c := range p.Status.Conditions {
			if c.Type == corev1.DisruptionTarget && c.Reason == reasonTaintDeletion && !c.LastTransitionTime.Time.Before(env.LabStarted.Truncate(1e9)) {
				return true, nil
			}
		}
	}
	evs, err := env.Kube.CoreV1().Events(namespace).List(ctx, metav1.ListOptions{})
	if err != nil {
		return false, fmt.Errorf("list events in %s: %w", namespace, err)
	}
	for _, e := range evs.Items {
		if e.Reason != reasonTaintEvent || e.InvolvedObject.Kind != "Pod" || !strings.HasPrefix(e.InvolvedObject.Name, prefix) {
			continue
		}
		at := e.LastTimestamp.Time
		if at.IsZero() {
			at = e.EventTime.Time
		}
		if at.IsZero() {
			at = e.CreationTimestamp.Time
		}
		if !at.Before(env.LabStarted.Truncate(1e9)) {
			return true, nil
		}
	}
	return false, nil
}
