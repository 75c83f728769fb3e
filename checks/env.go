package checks

import (
	"fmt"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	aggregator "k8s.io/kube-aggregator/pkg/client/clientset_generated/clientset"
	metrics "k8s.io/metrics/pkg/client/clientset/versioned"
)

// Env is what checks read: clients of the lab cluster, node access when the cluster is
// the tutor's own, the shell's history record and what is known of the lab's start.
type Env struct {
	Kube       kubernetes.Interface
	Aggregator aggregator.Interface
	Metrics    metrics.Interface
	Dynamic    dynamic.Interface
	// Mapper maps kinds to resources (setup manifests); nil in unit tests of checks.
	Mapper meta.RESTMapper
	// Nodes reaches inside the nodes; nil when the lab runs on a cluster kubetutor did not
	// make (checks that need it then report an error).
	Nodes NodeAccess
	// ShellHistory is the path of the lab shell's history record (labs/shell).
	ShellHistory string
	// LabStarted is when the student started the lab; StartRevision is the cluster's etcd
	// revision then (0 when unknown).
	LabStarted    time.Time
	StartRevision int64
	// After is when the last of the steps the graded step requires passed (zero when it
	// requires none): shell commands run before it are no evidence for this step.
	After time.Time
	// Answer is the student's answer to the step being graded ("" when none yet).
	Answer string
	// Now returns the current time (replaceable in tests).
	Now func() time.Time
}

// NewEnv builds an Env with clients of the cluster cfg points to.
func NewEnv(cfg *rest.Config) (*Env, error) {
	kube, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("kubernetes client: %w", err)
	}
	agg, err := aggregator.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("aggregator client: %w", err)
	}
	met, err := metrics.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("metrics client: %w", err)
	}
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("dynamic client: %w", err)
	}
	mapper := restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(kube.Discovery()))
	return &Env{Kube: kube, Aggregator: agg, Metrics: met, Dynamic: dyn, Mapper: mapper, Now: time.Now}, nil
}

// historySince is the time from which the lab shell's records count: the lab's start, or
// later when the step requires others.
func (e *Env) historySince() time.Time {
	if e.After.After(e.LabStarted) {
		return e.After
	}
	return e.LabStarted
}

func (e *Env) now() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

// errNoCluster is returned by checks that read the API when the Env has no client (no
// cluster yet): the check could not run, which is an error, not a failed step.
var errNoCluster = fmt.Errorf("this check reads the cluster's API, and there is no cluster client")

// errNoNodeAccess is returned by checks that need node access on a cluster without it.
var errNoNodeAccess = fmt.Errorf("this check needs node access (a cluster made by kubetutor)")
