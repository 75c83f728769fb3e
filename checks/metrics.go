package checks

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// MetricsParams asks the metrics API (metrics.k8s.io) to serve node metrics and, when
// PodsNamespace is set, metrics of that namespace's pods.
type MetricsParams struct {
	// MinNodes is how many nodes must have metrics; 0 means every node.
	MinNodes      int    `json:"minNodes,omitempty"`
	PodsNamespace string `json:"podsNamespace,omitempty"`
}

// Validate checks the count.
func (p *MetricsParams) Validate() error {
	if p.MinNodes < 0 {
		return fmt.Errorf("minNodes must not be negative")
	}
	return nil
}

// The metrics API cannot be watched: the check follows the APIService and the nodes, and
// the periodic re-check does the rest.
func metricsDeps(*MetricsParams) []Dependency {
	return []Dependency{{Resource: apiServicesGVR}, {Resource: nodesGVR}}
}

func runMetrics(ctx context.Context, env *Env, p *MetricsParams) (Result, error) {
	nm, err := env.Metrics.MetricsV1beta1().NodeMetricses().List(ctx, metav1.ListOptions{})
	if notServed(err) {
		return Fail(i18n.M("checks.metrics.notserved"), i18n.M("checks.evidence.raw", "Text", err.Error())), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("list node metrics: %w", err)
	}
	want := p.MinNodes
	if want == 0 {
		nodes, err := env.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
		if err != nil {
			return Result{}, fmt.Errorf("list nodes: %w", err)
		}
		want = len(nodes.Items)
	}
	nodesMsg := i18n.M("checks.metrics.nodes", "Got", len(nm.Items), "Want", want)
	if len(nm.Items) < want || len(nm.Items) == 0 {
		return Fail(nodesMsg), nil
	}
	if p.PodsNamespace == "" {
		return Pass(nodesMsg), nil
	}
	pm, err := env.Metrics.MetricsV1beta1().PodMetricses(p.PodsNamespace).List(ctx, metav1.ListOptions{})
	if notServed(err) {
		return Fail(i18n.M("checks.metrics.notserved"), nodesMsg), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("list pod metrics: %w", err)
	}
	podsMsg := i18n.M("checks.metrics.pods", "Got", len(pm.Items), "Namespace", p.PodsNamespace)
	if len(pm.Items) == 0 {
		return Fail(podsMsg, nodesMsg), nil
	}
	return Pass(nodesMsg, podsMsg), nil
}

// notServed reports errors meaning the metrics API is not there or not answering, which
// is the student's state to fix, not a failure to run the check.
func notServed(err error) bool {
	return err != nil && (apierrors.IsNotFound(err) || apierrors.IsServiceUnavailable(err) ||
		apierrors.IsServerTimeout(err) || apierrors.IsTimeout(err) || apierrors.IsInternalError(err))
}
