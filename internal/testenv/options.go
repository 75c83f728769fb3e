package testenv

import (
	"fmt"
	"time"
)

// Options shape an environment. The zero value gives the default: a control-plane node and
// two workers, nodes NotReady 8 s after their heartbeat stops, pods evicted 5 s later.
type Options struct {
	// ClusterName prefixes the node names, as kind does. Default "kubetutor".
	ClusterName string
	// Workers is the number of worker nodes. Zero means two; a negative value means none.
	Workers int
	// NodeMonitorGracePeriod is how long the node lifecycle controller waits for a silent
	// node before it marks the node NotReady (kube-controller-manager
	// --node-monitor-grace-period). Default 8 s. kwok renews node leases every quarter of it.
	NodeMonitorGracePeriod time.Duration
	// TolerationSeconds is the default toleration of pods for the not-ready and unreachable
	// taints (kube-apiserver --default-*-toleration-seconds): how long pods stay on a failed
	// node before eviction. Zero means 5; a negative value means 0.
	TolerationSeconds int
	// NoStaticPods leaves out the kube-system pods that stand for the control plane's static
	// pods (etcd-NODE, kube-apiserver-NODE... in kube-system, Running on the control-plane
	// node as in kind; the real components run outside the cluster).
	NoStaticPods bool
	// StartTimeout bounds the whole start-up. Default 2 minutes.
	StartTimeout time.Duration
	// ExtraAPIServerArgs, ExtraControllerManagerArgs and ExtraSchedulerArgs are appended to
	// the components' command lines (a later flag wins).
	ExtraAPIServerArgs         []string
	ExtraControllerManagerArgs []string
	ExtraSchedulerArgs         []string
}

// withDefaults returns o with every unset field at its default. It is idempotent: negative
// Workers and TolerationSeconds stay negative and mean zero where they are used.
func (o Options) withDefaults() Options {
	if o.ClusterName == "" {
		o.ClusterName = "kubetutor"
	}
	if o.Workers == 0 {
		o.Workers = 2
	}
	if o.NodeMonitorGracePeriod <= 0 {
		o.NodeMonitorGracePeriod = 8 * time.Second
	}
	if o.TolerationSeconds == 0 {
		o.TolerationSeconds = 5
	}
	if o.StartTimeout <= 0 {
		o.StartTimeout = 2 * time.Minute
	}
	return o
}

// ControlPlaneNode is the name of the control-plane node.
func (o Options) ControlPlaneNode() string { return o.withDefaults().ClusterName + "-control-plane" }

// WorkerNodes are the names of the worker nodes, as kind names them: NAME-worker,
// NAME-worker2, NAME-worker3...
func (o Options) WorkerNodes() []string {
	o = o.withDefaults()
	names := make([]string, 0, max(o.Workers, 0))
	for i := 1; i <= o.Workers; i++ {
		name := o.ClusterName + "-worker"
		if i > 1 {
			name += fmt.Sprint(i)
		}
		names = append(names, name)
	}
	return names
}
