package mapstate

import (
	"context"
	"sort"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/client-go/kubernetes"
)

// Event is one event about a component (its pod or its node).
type Event struct {
	At      time.Time
	Type    string // Normal or Warning
	Reason  string
	Message string
	Count   int32
}

// LastEvents lists the last n events about the object name of kind (Pod or Node) in
// namespace ("" for a node), newest first. The screen calls it in a command when a
// component is selected.
func LastEvents(ctx context.Context, client kubernetes.Interface, kind, namespace, name string, n int) ([]Event, error) {
	sel := fields.Set{"involvedObject.kind": kind, "involvedObject.name": name}
	ns := namespace
	if kind == "Node" {
		ns = metav1.NamespaceDefault
	}
	list, err := client.CoreV1().Events(ns).List(ctx, metav1.ListOptions{FieldSelector: sel.AsSelector().String()})
	if err != nil {
		return nil, err
	}
	var out []Event
	for _, e := range list.Items {
		if e.InvolvedObject.Name != name || e.InvolvedObject.Kind != kind {
			continue // the fake clientset ignores field selectors
		}
		at := e.LastTimestamp.Time
		if at.IsZero() {
			at = e.EventTime.Time
		}
		if at.IsZero() {
			at = e.CreationTimestamp.Time
		}
		out = append(out, Event{At: at, Type: e.Type, Reason: e.Reason, Message: e.Message, Count: e.Count})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].At.After(out[j].At) })
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}
