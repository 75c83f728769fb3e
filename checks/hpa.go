package checks

import (
	"context"
	"fmt"
	"sort"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// HPAParams names a HorizontalPodAutoscaler and the state it must reach: condition
// statuses (ScalingActive: "True" means it reads its metrics), reported metrics, and a
// range of current replicas.
type HPAParams struct {
	Namespace  string            `json:"namespace"`
	Name       string            `json:"name"`
	Conditions map[string]string `json:"conditions,omitempty"`
	// MetricsReported requires current metric values in the status.
	MetricsReported bool  `json:"metricsReported,omitempty"`
	MinReplicas     int32 `json:"minReplicas,omitempty"`
	MaxReplicas     int32 `json:"maxReplicas,omitempty"`
}

// Validate checks names and statuses.
func (p *HPAParams) Validate() error {
	if p.Namespace == "" || p.Name == "" {
		return fmt.Errorf("namespace and name are required")
	}
	for k, v := range p.Conditions {
		if v != "True" && v != "False" && v != "Unknown" {
			return fmt.Errorf("condition %s: status %q, want True, False or Unknown", k, v)
		}
	}
	if p.MaxReplicas > 0 && p.MaxReplicas < p.MinReplicas {
		return fmt.Errorf("maxReplicas below minReplicas")
	}
	return nil
}

func hpaDeps(p *HPAParams) []Dependency {
	return []Dependency{{Resource: autoscalingv2.SchemeGroupVersion.WithResource("horizontalpodautoscalers"), Namespace: p.Namespace}}
}

func runHPA(ctx context.Context, env *Env, p *HPAParams) (Result, error) {
	h, err := env.Kube.AutoscalingV2().HorizontalPodAutoscalers(p.Namespace).Get(ctx, p.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return Wait(i18n.M("checks.hpa.missing", "Name", p.Name, "Namespace", p.Namespace)), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("get HPA %s/%s: %w", p.Namespace, p.Name, err)
	}
	var misses []i18n.Message
	names := make([]string, 0, len(p.Conditions))
	for k := range p.Conditions {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		want := p.Conditions[name]
		got, reason := "absent", ""
		for _, c := range h.Status.Conditions {
			if string(c.Type) == name {
				got, reason = string(c.Status), c.Reason
			}
		}
		if got != want {
			misses = append(misses, i18n.M("checks.hpa.condition", "Type", name, "Got", got, "Want", want, "Reason", reason))
		}
	}
	if p.MetricsReported && len(h.Status.CurrentMetrics) == 0 {
		misses = append(misses, i18n.M("checks.hpa.nometrics"))
	}
	cur := h.Status.CurrentReplicas
	if cur < p.MinReplicas || (p.MaxReplicas > 0 && cur > p.MaxReplicas) {
		switch {
		case p.MaxReplicas == 0: // no upper bound
			misses = append(misses, i18n.M("checks.hpa.replicas.min", "Got", cur, "Min", p.MinReplicas))
		case p.MinReplicas == 0:
			misses = append(misses, i18n.M("checks.hpa.replicas.max", "Got", cur, "Max", p.MaxReplicas))
		default:
			misses = append(misses, i18n.M("checks.hpa.replicas", "Got", cur, "Min", p.MinReplicas, "Max", p.MaxReplicas))
		}
	}
	reason := i18n.M("checks.hpa.state", "Name", p.Name, "Current", cur, "Desired", h.Status.DesiredReplicas)
	if len(misses) == 0 {
		return Pass(reason), nil
	}
	return Fail(reason, misses...), nil
}
