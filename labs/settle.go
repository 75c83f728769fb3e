package labs

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// SetupGoneWait bounds how long Reset and Start wait for the namespaces of a lab's setup
// to finish deleting (6 s on kind for a lab with a Deployment; a stuck finalizer never
// ends).
const SetupGoneWait = 2 * time.Minute

// setupGonePoll is how often the namespaces are read while they are being deleted.
const setupGonePoll = 500 * time.Millisecond

// setupGoneReport is how often the same progress is reported again (with the time
// waited), besides each change of what is left.
const setupGoneReport = 5 * time.Second

// Leftover is a namespace of the lab's setup still being deleted.
type Leftover struct {
	Namespace string
	// Remaining is what the namespace controller says is left in it (« 2 pods »), or
	// its condition's own text; "" before the controller said anything.
	Remaining string
}

// SetupLeftError says the lab's namespaces were still being deleted when the wait
// ended: its time ran out (Err is context.DeadlineExceeded) or it was interrupted
// (context.Canceled, Ctrl-C). Kubernetes goes on deleting them either way.
type SetupLeftError struct {
	Lab    string
	Left   []Leftover
	Waited time.Duration
	Err    error
}

func (e *SetupLeftError) Error() string {
	names := make([]string, len(e.Left))
	for i, l := range e.Left {
		names[i] = l.Namespace
		if l.Remaining != "" {
			names[i] += " (" + l.Remaining + ")"
		}
	}
	return fmt.Sprintf("namespace %s still being deleted after %s: %v", strings.Join(names, ", "), e.Waited.Round(time.Second), e.Err)
}

func (e *SetupLeftError) Unwrap() error { return e.Err }

// Message is what the student reads: what is still there, for how long, and what to do.
func (e *SetupLeftError) Message() i18n.Message {
	id := "labs.setup.left.timeout"
	if errors.Is(e.Err, context.Canceled) {
		id = "labs.setup.left.interrupted"
	}
	return i18n.M(id, "ID", e.Lab, "Namespaces", leftNames(e.Left), "Many", len(e.Left) > 1, "First", e.Left[0].Namespace,
		"Seconds", int(e.Waited.Seconds()), "Remaining", leftRemaining(e.Left))
}

// WaitSetupGone waits while a namespace of the lab's setup is being deleted (it exists
// with a deletion timestamp): a setup applied meanwhile would be refused (« namespace …
// is being terminated »). A namespace gone, or there and not being deleted, is fine.
// report, when not nil, gets the progress: when the wait starts, when what is left
// changes, and every few seconds. The wait lasts as long as ctx; when ctx ends first, the
// error is a *SetupLeftError.
func (r *Runner) WaitSetupGone(ctx context.Context, report func(i18n.Message)) error {
	if r.env.Kube == nil {
		return nil
	}
	start := time.Now()
	var last string
	var lastAt time.Time
	var prev []Leftover
	for {
		left, err := r.terminating(ctx)
		if err != nil {
			if ctx.Err() != nil && len(prev) > 0 {
				return &SetupLeftError{Lab: r.lab.ID, Left: prev, Waited: time.Since(start), Err: ctx.Err()}
			}
			return err
		}
		prev = left
		if len(left) == 0 {
			if !lastAt.IsZero() {
				r.log.Info("setup namespaces gone", "after", time.Since(start))
			}
			return nil
		}
		msg := i18n.M("labs.setup.terminating", "Namespaces", leftNames(left), "Many", len(left) > 1, "Seconds", int(time.Since(start).Seconds()), "Remaining", leftRemaining(left))
		if key := leftNames(left) + leftRemaining(left); report != nil && (key != last || time.Since(lastAt) >= setupGoneReport) {
			report(msg)
			last, lastAt = key, time.Now()
		} else if lastAt.IsZero() {
			lastAt = time.Now()
		}
		select {
		case <-ctx.Done():
			return &SetupLeftError{Lab: r.lab.ID, Left: left, Waited: time.Since(start), Err: ctx.Err()}
		case <-time.After(setupGonePoll):
		}
	}
}

// terminating returns the setup's namespaces being deleted.
func (r *Runner) terminating(ctx context.Context) ([]Leftover, error) {
	var left []Leftover
	for _, obj := range r.lab.Setup {
		if obj.GetKind() != "Namespace" || obj.GetAPIVersion() != "v1" {
			continue
		}
		ns, err := r.env.Kube.CoreV1().Namespaces().Get(ctx, obj.GetName(), metav1.GetOptions{})
		if apierrors.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read namespace %s: %w", obj.GetName(), err)
		}
		if ns.DeletionTimestamp == nil {
			continue
		}
		left = append(left, Leftover{Namespace: ns.Name, Remaining: remaining(ns)})
	}
	return left, nil
}

// contentRemaining reads the namespace controller's « Some resources are remaining:
// deployments.apps has 1 resource instances, pods. has 2 resource instances ».
var contentRemaining = regexp.MustCompile(`([a-z0-9-]+)\.([a-z0-9.-]*) has (\d+) resource instances`)

// remaining says what the namespace controller reports as left in ns: the resources
// still there, else the text of its first blocking condition.
func remaining(ns *corev1.Namespace) string {
	for _, c := range ns.Status.Conditions {
		if c.Status != corev1.ConditionTrue {
			continue
		}
		switch c.Type {
		case corev1.NamespaceContentRemaining:
			var parts []string
			for _, m := range contentRemaining.FindAllStringSubmatch(c.Message, -1) {
				res := m[1]
				if m[2] != "" {
					res += "." + m[2]
				}
				parts = append(parts, m[3]+" "+res)
			}
			if len(parts) > 0 {
				return strings.Join(parts, ", ")
			}
			return c.Message
		case corev1.NamespaceFinalizersRemaining, corev1.NamespaceDeletionContentFailure,
			corev1.NamespaceDeletionDiscoveryFailure, corev1.NamespaceDeletionGVParsingFailure:
			return c.Message
		}
	}
	return ""
}

// leftNames is « lab-panne » or « a, b » for the messages (which quote it).
func leftNames(left []Leftover) string {
	names := make([]string, len(left))
	for i, l := range left {
		names[i] = l.Namespace
	}
	return strings.Join(names, ", ")
}

// leftRemaining joins what is left in each namespace, "" when nothing is known.
func leftRemaining(left []Leftover) string {
	var parts []string
	for _, l := range left {
		if l.Remaining != "" {
			parts = append(parts, l.Remaining)
		}
	}
	return strings.Join(parts, ", ")
}
