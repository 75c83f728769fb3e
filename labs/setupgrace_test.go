package labs_test

import (
	"testing"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"

	"kubetutor/assets"
	"kubetutor/labs"
)

// TestSetupPodsStopQuickly: a setup's container that runs sleep as its PID 1 ignores
// SIGTERM, and its pod takes the whole grace period (30 s by default) to go: lab reset
// then waits that long for the lab's namespace (44 s for netpol on kind). Such pods set a
// short terminationGracePeriodSeconds.
func TestSetupPodsStopQuickly(t *testing.T) {
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, lab := range all {
		for _, obj := range lab.Setup {
			spec, path := podSpec(obj)
			if spec == nil {
				continue
			}
			containers, _, _ := unstructured.NestedSlice(spec, "containers")
			for _, c := range containers {
				cmd, _, _ := unstructured.NestedStringSlice(c.(map[string]any), "command")
				if len(cmd) == 0 || cmd[0] != "sleep" {
					continue
				}
				checked++
				grace, ok, _ := unstructured.NestedInt64(spec, "terminationGracePeriodSeconds")
				if !ok || grace > 2 {
					t.Errorf("%s: %s %s/%s (%s) runs sleep as PID 1 with a grace period of %v s (set: %v), want at most 2",
						lab.ID, obj.GetKind(), obj.GetNamespace(), obj.GetName(), path, grace, ok)
				}
			}
		}
	}
	if checked == 0 {
		t.Fatal("no setup container runs sleep: the test checks nothing")
	}
}

// podSpec returns the pod spec of a Pod or of a workload's template, and where it is.
func podSpec(obj *unstructured.Unstructured) (map[string]any, string) {
	if obj.GetKind() == "Pod" {
		spec, _, _ := unstructured.NestedMap(obj.Object, "spec")
		return spec, "spec"
	}
	if spec, ok, _ := unstructured.NestedMap(obj.Object, "spec", "template", "spec"); ok {
		return spec, "spec.template.spec"
	}
	return nil, ""
}
