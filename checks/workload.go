package checks

import (
	"context"
	"fmt"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// WorkloadParams names a workload and the replicas it must have available, optionally
// all away from one node (after a node failure or a drain).
type WorkloadParams struct {
	// Kind is Deployment (default), StatefulSet, DaemonSet or ReplicaSet.
	Kind      string `json:"kind,omitempty"`
	Namespace string `json:"namespace"`
	Name      string `json:"name"`
	// Replicas is how many must be available; 0 means the desired count.
	Replicas int32 `json:"replicas,omitempty"`
	// AwayFrom is a node none of its live pods may run on.
	AwayFrom string `json:"awayFrom,omitempty"`
	// EvictedByTaints requires that the pods left AwayFrom because the taint eviction
	// controller evicted them (after a node failure), not because they were deleted or
	// drained by hand.
	EvictedByTaints bool `json:"evictedByTaints,omitempty"`
	// ContainerArgs must each appear among the command or args of one of the pod
	// template's containers (« --kubelet-insecure-tls » for metrics-server on kind); a
	// missing one fails the check with its name, whatever the replicas.
	ContainerArgs []string `json:"containerArgs,omitempty"`
}

// Validate checks the kind and the names.
func (p *WorkloadParams) Validate() error {
	switch p.Kind {
	case "":
		p.Kind = "Deployment"
	case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet":
	default:
		return fmt.Errorf("kind %q: want Deployment, StatefulSet, DaemonSet or ReplicaSet", p.Kind)
	}
	if p.Namespace == "" || p.Name == "" {
		return fmt.Errorf("namespace and name are required")
	}
	if p.Replicas < 0 {
		return fmt.Errorf("replicas must not be negative")
	}
	if p.EvictedByTaints && p.AwayFrom == "" {
		return fmt.Errorf("evictedByTaints needs awayFrom")
	}
	return nil
}

func workloadDeps(p *WorkloadParams) []Dependency {
	res := map[string]string{"Deployment": "deployments", "StatefulSet": "statefulsets", "DaemonSet": "daemonsets", "ReplicaSet": "replicasets"}[p.Kind]
	deps := []Dependency{
		{Resource: appsv1.SchemeGroupVersion.WithResource(res), Namespace: p.Namespace},
		{Resource: podsGVR, Namespace: p.Namespace},
	}
	if p.EvictedByTaints {
		deps = append(deps, Dependency{Resource: eventsGVR, Namespace: p.Namespace})
	}
	return deps
}

// workloadState is what the check needs of any workload kind.
type workloadState struct {
	desired, available int32
	selector           *metav1.LabelSelector
	template           *corev1.PodTemplateSpec
}

func getWorkload(ctx context.Context, env *Env, p *WorkloadParams) (*workloadState, error) {
	apps := env.Kube.AppsV1()
	get := metav1.GetOptions{}
	switch p.Kind {
	case "StatefulSet":
		o, err := apps.StatefulSets(p.Namespace).Get(ctx, p.Name, get)
		if err != nil {
			return nil, err
		}
		return &workloadState{replicasOr1(o.Spec.Replicas), o.Status.AvailableReplicas, o.Spec.Selector, &o.Spec.Template}, nil
	case "DaemonSet":
		o, err := apps.DaemonSets(p.Namespace).Get(ctx, p.Name, get)
		if err != nil {
			return nil, err
		}
		return &workloadState{o.Status.DesiredNumberScheduled, o.Status.NumberAvailable, o.Spec.Selector, &o.Spec.Template}, nil
	case "ReplicaSet":
		o, err := apps.ReplicaSets(p.Namespace).Get(ctx, p.Name, get)
		if err != nil {
			return nil, err
		}
		return &workloadState{replicasOr1(o.Spec.Replicas), o.Status.AvailableReplicas, o.Spec.Selector, &o.Spec.Template}, nil
	default:
		o, err := apps.Deployments(p.Namespace).Get(ctx, p.Name, get)
		if err != nil {
			return nil, err
		}
		return &workloadState{replicasOr1(o.Spec.Replicas), o.Status.AvailableReplicas, o.Spec.Selector, &o.Spec.Template}, nil
	}
}

func replicasOr1(r *int32) int32 {
	if r == nil {
		return 1
	}
	return *r
}

func runWorkload(ctx context.Context, env *Env, p *WorkloadParams) (Result, error) {
	w, err := getWorkload(ctx, env, p)
	if apierrors.IsNotFound(err) {
		return Wait(i18n.M("checks.workload.missing", "Kind", p.Kind, "Name", p.Name, "Namespace", p.Namespace)), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("get %s %s/%s: %w", p.Kind, p.Namespace, p.Name, err)
	}
	if arg := missingArg(w.template, p.ContainerArgs); arg != "" {
		return Fail(i18n.M("checks.workload.argmissing", "Kind", p.Kind, "Name", p.Name, "Arg", arg)), nil
	}
	want := p.Replicas
	if want == 0 {
		want = w.desired
	}
	if p.AwayFrom == "" {
		reason := i18n.M("checks.workload.available", "Kind", p.Kind, "Name", p.Name, "Available", w.available, "Want", want)
		if w.available >= want && want > 0 {
			return Pass(reason), nil
		}
		return Fail(reason), nil
	}
	sel, err := metav1.LabelSelectorAsSelector(w.selector)
	if err != nil {
		return Result{}, fmt.Errorf("selector of %s %s: %w", p.Kind, p.Name, err)
	}
	pods, err := selectPods(ctx, env, p.Namespace, sel.String())
	if err != nil {
		return Result{}, err
	}
	var away int32
	var evidence []i18n.Message
	for _, pod := range pods {
		if pod.Spec.NodeName == p.AwayFrom {
			evidence = append(evidence, i18n.M("checks.workload.onnode", "Pod", pod.Name, "Node", p.AwayFrom, "State", podState(&pod)))
			continue
		}
		if podReady(&pod) {
			away++
		}
	}
	reason := i18n.M("checks.workload.away", "Name", p.Name, "Away", away, "Want", want, "Node", p.AwayFrom)
	if away >= want && want > 0 && len(evidence) == 0 && p.EvictedByTaints {
		evicted, err := evictedByTaints(ctx, env, p.Namespace, sel, p.Name+"-")
		if err != nil {
			return Result{}, err
		}
		if !evicted {
			return Fail(i18n.M("checks.workload.notevicted", "Name", p.Name, "Node", p.AwayFrom), reason), nil
		}
	}
	if away >= want && want > 0 && len(evidence) == 0 {
		return Pass(reason), nil
	}
	return Fail(reason, evidence...), nil
}

// missingArg returns the first of want that no container of tmpl has in its command or
// args ("" when all are there). « --flag » also matches « --flag=value ».
func missingArg(tmpl *corev1.PodTemplateSpec, want []string) string {
	for _, w := range want {
		found := false
		for _, c := range tmpl.Spec.Containers {
			for _, a := range append(append([]string{}, c.Command...), c.Args...) {
				if a == w || strings.HasPrefix(a, w+"=") {
					found = true
				}
			}
		}
		if !found {
			return w
		}
	}
	return ""
}
