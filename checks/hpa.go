package checks

import (
	"context"
	"fmt"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
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
	// Spec, when set, is the spec the HPA must keep: a step graded on the controller's
	// decision must not pass because the student changed what the controller reads.
	Spec *HPASpecParams `json:"spec,omitempty"`
}

// HPASpecParams is an HPA's spec as the lab asks for it: its bounds, its CPU target and
// the CPU request of its target's containers (the 100 % of the target).
type HPASpecParams struct {
	MinReplicas    int32 `json:"minReplicas"`
	MaxReplicas    int32 `json:"maxReplicas"`
	CPUUtilization int32 `json:"cpuUtilization"`
	// CPURequest (« 50m ») is the request every container of the Deployment keeps;
	// lowering it makes the same load look bigger.
	CPURequest string `json:"cpuRequest,omitempty"`
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
	if s := p.Spec; s != nil {
		if s.MinReplicas < 1 || s.MaxReplicas < s.MinReplicas || s.CPUUtilization <= 0 {
			return fmt.Errorf("spec needs minReplicas ≥ 1, maxReplicas ≥ minReplicas and cpuUtilization > 0")
		}
		if s.CPURequest != "" {
			if _, err := resource.ParseQuantity(s.CPURequest); err != nil {
				return fmt.Errorf("spec.cpuRequest: %w", err)
			}
		}
	}
	return nil
}

func hpaDeps(p *HPAParams) []Dependency {
	return []Dependency{
		{Resource: autoscalingv2.SchemeGroupVersion.WithResource("horizontalpodautoscalers"), Namespace: p.Namespace},
		{Resource: appsv1.SchemeGroupVersion.WithResource("deployments"), Namespace: p.Namespace},
	}
}

func runHPA(ctx context.Context, env *Env, p *HPAParams) (Result, error) {
	h, err := env.Kube.AutoscalingV2().HorizontalPodAutoscalers(p.Namespace).Get(ctx, p.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return Wait(i18n.M("checks.hpa.missing", "Name", p.Name, "Namespace", p.Namespace)), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("get HPA %s/%s: %w", p.Namespace, p.Name, err)
	}
	if p.Spec != nil {
		changed, err := hpaSpecChanged(ctx, env, h, p.Spec)
		if err != nil {
			return Result{}, err
		}
		if changed != nil {
			return Fail(i18n.M("checks.hpa.specchanged", "Name", p.Name), *changed), nil
		}
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
	// Both the replicas there and the controller's own decision count: a Deployment
	// scaled by hand changes the first, not the second. (Desired is 0 while the
	// controller has decided nothing, without metrics.)
	cur, desired := h.Status.CurrentReplicas, h.Status.DesiredReplicas
	lo, hi := cur, cur
	if desired > 0 {
		lo, hi = min(cur, desired), max(cur, desired)
	}
	if lo < p.MinReplicas || (p.MaxReplicas > 0 && hi > p.MaxReplicas) {
		switch {
		case p.MaxReplicas == 0: // no upper bound
			misses = append(misses, i18n.M("checks.hpa.replicas.min", "Got", lo, "Min", p.MinReplicas))
		case p.MinReplicas == 0:
			misses = append(misses, i18n.M("checks.hpa.replicas.max", "Got", hi, "Max", p.MaxReplicas))
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

// hpaSpecChanged compares h's spec (and its Deployment's CPU requests) with want and
// says what differs, or nil.
func hpaSpecChanged(ctx context.Context, env *Env, h *autoscalingv2.HorizontalPodAutoscaler, want *HPASpecParams) (*i18n.Message, error) {
	diff := func(field string, got, want any) *i18n.Message {
		m := i18n.M("checks.hpa.specdiff", "Field", field, "Got", fmt.Sprint(got), "Want", fmt.Sprint(want))
		return &m
	}
	minR := int32(1)
	if h.Spec.MinReplicas != nil {
		minR = *h.Spec.MinReplicas
	}
	if minR != want.MinReplicas {
		return diff("minReplicas", minR, want.MinReplicas), nil
	}
	if h.Spec.MaxReplicas != want.MaxReplicas {
		return diff("maxReplicas", h.Spec.MaxReplicas, want.MaxReplicas), nil
	}
	if len(h.Spec.Metrics) != 1 || h.Spec.Metrics[0].Resource == nil || h.Spec.Metrics[0].Resource.Name != corev1.ResourceCPU ||
		h.Spec.Metrics[0].Resource.Target.AverageUtilization == nil {
		return diff("metrics", hpaMetricsString(h), fmt.Sprintf("cpu %d%%", want.CPUUtilization)), nil
	}
	if u := *h.Spec.Metrics[0].Resource.Target.AverageUtilization; u != want.CPUUtilization {
		return diff("averageUtilization", u, want.CPUUtilization), nil
	}
	if want.CPURequest == "" || h.Spec.ScaleTargetRef.Kind != "Deployment" {
		return nil, nil
	}
	d, err := env.Kube.AppsV1().Deployments(h.Namespace).Get(ctx, h.Spec.ScaleTargetRef.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get Deployment %s/%s: %w", h.Namespace, h.Spec.ScaleTargetRef.Name, err)
	}
	wantQ := resource.MustParse(want.CPURequest)
	for _, c := range d.Spec.Template.Spec.Containers {
		if got := c.Resources.Requests[corev1.ResourceCPU]; got.Cmp(wantQ) != 0 {
			return diff("requests.cpu ("+c.Name+")", got.String(), want.CPURequest), nil
		}
	}
	return nil, nil
}

func hpaMetricsString(h *autoscalingv2.HorizontalPodAutoscaler) string {
	var parts []string
	for _, m := range h.Spec.Metrics {
		parts = append(parts, string(m.Type))
	}
	if len(parts) == 0 {
		return "none"
	}
	return fmt.Sprint(parts)
}
