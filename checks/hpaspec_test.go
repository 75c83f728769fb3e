package checks

import (
	"testing"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// labHPA is the hpa lab's HPA as « kubectl autoscale --cpu-percent=50 --min=1 --max=5 »
// makes it, with the status given, and its Deployment.
func labHPA(cur, desired int32, edit func(*autoscalingv2.HorizontalPodAutoscaler, *appsv1.Deployment)) (*autoscalingv2.HorizontalPodAutoscaler, *appsv1.Deployment) {
	one, fifty := int32(1), int32(50)
	h := &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Namespace: "lab-hpa", Name: "php-apache"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: "php-apache", APIVersion: "apps/v1"},
			MinReplicas:    &one, MaxReplicas: 5,
			Metrics: []autoscalingv2.MetricSpec{{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricSource{
				Name: corev1.ResourceCPU, Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: &fifty}}}},
		},
		Status: autoscalingv2.HorizontalPodAutoscalerStatus{CurrentReplicas: cur, DesiredReplicas: desired},
	}
	d := &appsv1.Deployment{ObjectMeta: metav1.ObjectMeta{Namespace: "lab-hpa", Name: "php-apache"},
		Spec: appsv1.DeploymentSpec{Template: corev1.PodTemplateSpec{Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "web", Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("50m")}}}}}}}}
	if edit != nil {
		edit(h, d)
	}
	return h, d
}

// TestHPAControllerDecides: the scale steps pass on the controller's decision with the
// lab's spec, not when the student changed what the controller reads.
func TestHPAControllerDecides(t *testing.T) {
	const spec = `"spec": {"minReplicas": 1, "maxReplicas": 5, "cpuUtilization": 50, "cpuRequest": "50m"}`
	up := `{"namespace": "lab-hpa", "name": "php-apache", "minReplicas": 2, ` + spec + `}`
	down := `{"namespace": "lab-hpa", "name": "php-apache", "maxReplicas": 1, ` + spec + `}`
	i32 := func(v int32) *int32 { return &v }
	tests := []struct {
		name         string
		params       string
		cur, desired int32
		edit         func(*autoscalingv2.HorizontalPodAutoscaler, *appsv1.Deployment)
		want         Status
		says         string
	}{
		{"scaled up by the load", up, 3, 3, nil, Passed, ""},
		{"minReplicas raised to 2", up, 2, 2, func(h *autoscalingv2.HorizontalPodAutoscaler, _ *appsv1.Deployment) { h.Spec.MinReplicas = i32(2) }, Failed, "minReplicas vaut 2 au lieu de 1"},
		{"target lowered to 1 %", up, 3, 3, func(h *autoscalingv2.HorizontalPodAutoscaler, _ *appsv1.Deployment) {
			h.Spec.Metrics[0].Resource.Target.AverageUtilization = i32(1)
		}, Failed, "averageUtilization vaut 1 au lieu de 50"},
		{"CPU request lowered", up, 3, 3, func(_ *autoscalingv2.HorizontalPodAutoscaler, d *appsv1.Deployment) {
			d.Spec.Template.Spec.Containers[0].Resources.Requests[corev1.ResourceCPU] = resource.MustParse("1m")
		}, Failed, "requests.cpu (web) vaut 1m au lieu de 50m"},
		{"Deployment scaled by hand (the controller wants 1)", up, 3, 1, nil, Failed, "1 réplica, il en faut au moins 2"},
		{"back to one replica after the load", down, 1, 1, nil, Passed, ""},
		{"maxReplicas lowered to 1", down, 1, 1, func(h *autoscalingv2.HorizontalPodAutoscaler, _ *appsv1.Deployment) { h.Spec.MaxReplicas = 1 }, Failed, "maxReplicas vaut 1 au lieu de 5"},
		{"still deciding 3", down, 1, 3, nil, Failed, "il en faut au plus 1"},
		{"a memory metric added", up, 3, 3, func(h *autoscalingv2.HorizontalPodAutoscaler, _ *appsv1.Deployment) {
			h.Spec.Metrics = append(h.Spec.Metrics, autoscalingv2.MetricSpec{Type: autoscalingv2.ResourceMetricSourceType})
		}, Failed, "metrics vaut"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, d := labHPA(tt.cur, tt.desired, tt.edit)
			expect(t, run(t, fakeEnv(h, d), "hpa", tt.params), tt.want, tt.says)
		})
	}
}
