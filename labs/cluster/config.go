package cluster

import (
	"sigs.k8s.io/kind/pkg/apis/config/defaults"
	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
	kindversion "sigs.k8s.io/kind/pkg/cmd/kind/version"
	"sigs.k8s.io/yaml"
)

// DefaultName is the name of the tutor's cluster.
const DefaultName = "kubetutor"

// DefaultWorkers is the number of worker nodes: the failure lab needs somewhere to
// reschedule the pods of a stopped node.
const DefaultWorkers = 2

// KindVersion is the version of the kind library kubetutor is built with ("v0.33.0").
func KindVersion() string { return "v" + kindversion.Version() }

// DefaultImage is kind's default node image for the kind version kubetutor is built with.
const DefaultImage = defaults.Image

// Lab settings. THESE ARE FOR LABS, NOT PRODUCTION: a node that stops heartbeating goes
// NotReady after about 20 s (instead of 50 s) and its pods are evicted 30 s later (instead of
// 300 s), so the failure lab shows rescheduling within a minute. Production clusters keep
// the defaults, which tolerate short network blips.
const labControlPlanePatch = `kind: ClusterConfiguration
controllerManager:
  extraArgs:
    node-monitor-grace-period: "20s"
    node-monitor-period: "2s"
apiServer:
  extraArgs:
    default-not-ready-toleration-seconds: "30"
    default-unreachable-toleration-seconds: "30"
`

// labKubeletPatch makes kubelets report their status every 4 s (lab setting, see above).
// metrics-server needs nothing more than its --kubelet-insecure-tls flag on kind.
const labKubeletPatch = `kind: KubeletConfiguration
nodeStatusUpdateFrequency: "4s"
`

// labKubeletCgroupV1Patch lets kubelet run on a cgroup v1 host, which Kubernetes 1.35 and
// later refuse by default; used only when the engine reports cgroup v1.
const labKubeletCgroupV1Patch = `kind: KubeletConfiguration
nodeStatusUpdateFrequency: "4s"
failCgroupV1: false
`

// ConfigOptions shape the lab cluster.
type ConfigOptions struct {
	Workers int
	// Image is the node image; DefaultImage when empty.
	Image string
	// CgroupV1 allows kubelet on a cgroup v1 host.
	CgroupV1 bool
}

// LabConfig returns the kind configuration of the tutor's cluster: one control plane,
// o.Workers workers, the lab settings.
func LabConfig(name string, o ConfigOptions) *v1alpha4.Cluster {
	image := o.Image
	if image == "" {
		image = DefaultImage
	}
	kubelet := labKubeletPatch
	if o.CgroupV1 {
		kubelet = labKubeletCgroupV1Patch
	}
	cfg := &v1alpha4.Cluster{
		TypeMeta:             v1alpha4.TypeMeta{Kind: "Cluster", APIVersion: "kind.x-k8s.io/v1alpha4"},
		Name:                 name,
		Nodes:                []v1alpha4.Node{{Role: v1alpha4.ControlPlaneRole, Image: image}},
		KubeadmConfigPatches: []string{labControlPlanePatch, kubelet},
	}
	for i := 0; i < o.Workers; i++ {
		cfg.Nodes = append(cfg.Nodes, v1alpha4.Node{Role: v1alpha4.WorkerRole, Image: image})
	}
	return cfg
}

// ConfigYAML renders a kind configuration as the YAML `kind create cluster --config` reads.
func ConfigYAML(cfg *v1alpha4.Cluster) ([]byte, error) {
	return yaml.Marshal(cfg)
}
