package cluster_test

import (
	"strings"
	"testing"

	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
	"sigs.k8s.io/yaml"

	. "kubetutor/labs/cluster"
)

func TestLabConfig(t *testing.T) {
	cfg := LabConfig("kubetutor", ConfigOptions{Workers: 3})
	if len(cfg.Nodes) != 4 || cfg.Nodes[0].Role != v1alpha4.ControlPlaneRole {
		t.Fatalf("nodes %+v, want a control plane and 3 workers", cfg.Nodes)
	}
	for _, n := range cfg.Nodes {
		if n.Image != DefaultImage {
			t.Errorf("node image %q, want kind's default", n.Image)
		}
	}
	if !strings.HasPrefix(DefaultImage, "kindest/node:") {
		t.Errorf("default image %q names a registry or another image", DefaultImage)
	}
	patches := strings.Join(cfg.KubeadmConfigPatches, "---\n")
	for _, want := range []string{`node-monitor-grace-period: "20s"`, `default-unreachable-toleration-seconds: "30"`, `nodeStatusUpdateFrequency: "4s"`} {
		if !strings.Contains(patches, want) {
			t.Errorf("patches lack %s", want)
		}
	}
	if strings.Contains(patches, "failCgroupV1") {
		t.Error("cgroup v1 setting on a cgroup v2 host")
	}
	data, err := ConfigYAML(LabConfig("lab", ConfigOptions{Workers: 0, Image: "kindest/node:v1.37.0", CgroupV1: true}))
	if err != nil {
		t.Fatal(err)
	}
	var back v1alpha4.Cluster
	if err := yaml.UnmarshalStrict(data, &back); err != nil {
		t.Fatalf("YAML does not read back: %v\n%s", err, data)
	}
	if back.Name != "lab" || len(back.Nodes) != 1 || back.Nodes[0].Image != "kindest/node:v1.37.0" || back.Kind != "Cluster" {
		t.Errorf("read back %+v", back)
	}
	if !strings.Contains(string(data), "failCgroupV1: false") {
		t.Errorf("cgroup v1 setting missing:\n%s", data)
	}
}

func TestKindVersion(t *testing.T) {
	if v := KindVersion(); !strings.HasPrefix(v, "v0.33.") {
		t.Errorf("KindVersion = %q, want v0.33.x", v)
	}
}
