package checks

import (
	"context"
	"fmt"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	apiregv1 "k8s.io/kube-aggregator/pkg/apis/apiregistration/v1"

	"kubetutor/i18n"
)

// APIServiceParams names an APIService (e.g. v1beta1.metrics.k8s.io) that must be
// Available.
type APIServiceParams struct {
	Name string `json:"name"`
}

// Validate checks the name.
func (p *APIServiceParams) Validate() error {
	if p.Name == "" {
		return fmt.Errorf("name is required")
	}
	return nil
}

var apiServicesGVR = schema.GroupVersionResource{Group: "apiregistration.k8s.io", Version: "v1", Resource: "apiservices"}

func apiServiceDeps(*APIServiceParams) []Dependency {
	return []Dependency{{Resource: apiServicesGVR}}
}

func runAPIService(ctx context.Context, env *Env, p *APIServiceParams) (Result, error) {
	svc, err := env.Aggregator.ApiregistrationV1().APIServices().Get(ctx, p.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return Wait(i18n.M("checks.apiservice.missing", "Name", p.Name)), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("get APIService %s: %w", p.Name, err)
	}
	for _, c := range svc.Status.Conditions {
		if c.Type != apiregv1.Available {
			continue
		}
		if c.Status == apiregv1.ConditionTrue {
			// The condition can be patched through the status subresource: the API it
			// stands for must answer too.
			gv := svc.Spec.Group + "/" + svc.Spec.Version
			if _, err := env.Kube.Discovery().ServerResourcesForGroupVersion(gv); err != nil {
				return Fail(i18n.M("checks.apiservice.noanswer", "Name", p.Name, "GV", gv), i18n.M("checks.evidence.raw", "Text", err.Error())), nil
			}
			return Pass(i18n.M("checks.apiservice.available", "Name", p.Name)), nil
		}
		return Fail(i18n.M("checks.apiservice.unavailable", "Name", p.Name, "Reason", c.Reason),
			i18n.M("checks.evidence.raw", "Text", c.Message)), nil
	}
	return Wait(i18n.M("checks.apiservice.unknown", "Name", p.Name)), nil
}
