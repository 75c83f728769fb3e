package checks

import (
	"context"
	"fmt"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"kubetutor/i18n"
)

var podsGVR = corev1.SchemeGroupVersion.WithResource("pods")

// mirrorAnnotation marks the API's copy of a static pod.
const mirrorAnnotation = "kubernetes.io/config.mirror"

// PodsParams selects pods of a namespace, by label or as a static pod, and says how many
// must be Running (and Ready unless NotReady is allowed).
type PodsParams struct {
	Namespace string `json:"namespace"`
	Selector  string `json:"selector,omitempty"`
	// StaticPod is a static pod's manifest name: its mirror pods are named
	// <staticPod>-<node>.
	StaticPod string `json:"staticPod,omitempty"`
	// Node keeps only pods bound to this node.
	Node string `json:"node,omitempty"`
	// Min is how many pods must be Running (default 1).
	Min int `json:"min,omitempty"`
	// AllowNotReady accepts Running pods whose containers are not Ready.
	AllowNotReady bool `json:"allowNotReady,omitempty"`
	// Mirror counts only mirror pods (the API's copies of static pods a kubelet runs):
	// a pod created with the same labels by kubectl is not one.
	Mirror bool `json:"mirror,omitempty"`
	// OwnedBy counts only pods of the Deployment of that name (owned by one of its
	// ReplicaSets, named after it): a pod created with the same labels is not one.
	OwnedBy string `json:"ownedBy,omitempty"`
}

// Validate checks the namespace and the selector.
func (p *PodsParams) Validate() error {
	if p.Namespace == "" {
		return fmt.Errorf("namespace is required")
	}
	if p.Min < 0 {
		return fmt.Errorf("min must not be negative")
	}
	if p.Min == 0 {
		p.Min = 1
	}
	_, err := labels.Parse(p.Selector)
	return err
}

func podsDeps(p *PodsParams) []Dependency {
	return []Dependency{{Resource: podsGVR, Namespace: p.Namespace}}
}

func runPods(ctx context.Context, env *Env, p *PodsParams) (Result, error) {
	pods, err := selectPods(ctx, env, p.Namespace, p.Selector)
	if err != nil {
		return Result{}, err
	}
	var kept []corev1.Pod
	for _, pod := range pods {
		if p.StaticPod != "" && !isStaticPod(&pod, p.StaticPod) {
			continue
		}
		if p.Node != "" && pod.Spec.NodeName != p.Node {
			continue
		}
		if _, mirror := pod.Annotations[mirrorAnnotation]; p.Mirror && !mirror {
			continue
		}
		if p.OwnedBy != "" && !ownedByDeployment(&pod, p.OwnedBy) {
			continue
		}
		kept = append(kept, pod)
	}
	if len(kept) == 0 {
		return Wait(i18n.M("checks.pods.none", "Namespace", p.Namespace)), nil
	}
	good := 0
	var evidence []i18n.Message
	for _, pod := range kept {
		state := podState(&pod)
		if pod.Status.Phase == corev1.PodRunning && (p.AllowNotReady || podReady(&pod)) {
			good++
			continue
		}
		evidence = append(evidence, i18n.M("checks.pods.pod", "Pod", pod.Name, "State", state, "Node", orDash(pod.Spec.NodeName)))
	}
	reason := i18n.M("checks.pods.count", "Good", good, "Total", len(kept), "Want", p.Min)
	if good >= p.Min {
		return Pass(reason, evidence...), nil
	}
	return Fail(reason, evidence...), nil
}

func selectPods(ctx context.Context, env *Env, namespace, selector string) ([]corev1.Pod, error) {
	list, err := env.Kube.CoreV1().Pods(namespace).List(ctx, metav1.ListOptions{LabelSelector: selector})
	if err != nil {
		return nil, fmt.Errorf("list pods in %s: %w", namespace, err)
	}
	sel, err := labels.Parse(selector)
	if err != nil {
		return nil, err
	}
	var out []corev1.Pod
	for _, p := range list.Items {
		if sel.Matches(labels.Set(p.Labels)) && p.DeletionTimestamp == nil {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func isStaticPod(p *corev1.Pod, name string) bool {
	if _, ok := p.Annotations[mirrorAnnotation]; !ok {
		return false
	}
	return p.Spec.NodeName != "" && p.Name == name+"-"+p.Spec.NodeName
}

func podReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podState is what kubectl get pods would show in its STATUS column, roughly.
func podState(p *corev1.Pod) string {
	for _, cs := range p.Status.ContainerStatuses {
		if w := cs.State.Waiting; w != nil && w.Reason != "" {
			return w.Reason
		}
	}
	if p.Status.Phase == corev1.PodRunning && !podReady(p) {
		return "Running, not Ready"
	}
	if p.Status.Phase == "" {
		return "Pending"
	}
	return string(p.Status.Phase)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// ownedByDeployment reports whether pod belongs to a ReplicaSet of Deployment name
// (ReplicaSets are named NAME-HASH).
func ownedByDeployment(pod *corev1.Pod, name string) bool {
	for _, o := range pod.OwnerReferences {
		if o.Kind == "ReplicaSet" && o.Controller != nil && *o.Controller && strings.HasPrefix(o.Name, name+"-") &&
			!strings.Contains(o.Name[len(name)+1:], "-") {
			return true
		}
	}
	return false
}
