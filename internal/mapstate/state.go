// Package mapstate turns what the cluster says (nodes, pods, leases, the API server's
// /readyz) into the state of the live architecture map: which component is up, which pod
// runs where, which flow just happened. The map's drawing reads a State and never talks
// to the API.
//
// A Tracker holds the state and applies one change at a time (pure transitions, tested
// without a cluster); a Watcher feeds a Tracker from shared informers and a cheap /readyz
// poll.
package mapstate

import (
	"time"

	corev1 "k8s.io/api/core/v1"
)

// Kind names a component of the chapter's architecture.
type Kind string

// The components the map draws: the control plane's, then each node's.
const (
	APIServer              Kind = "kube-apiserver"
	Etcd                   Kind = "etcd"
	Scheduler              Kind = "kube-scheduler"
	ControllerManager      Kind = "kube-controller-manager"
	CloudControllerManager Kind = "cloud-controller-manager"
	Kubelet                Kind = "kubelet"
	KubeProxy              Kind = "kube-proxy"
	CNI                    Kind = "cni"
	Runtime                Kind = "runtime"
)

// ControlPlaneKinds are the control plane's components in the order the map draws them.
var ControlPlaneKinds = []Kind{APIServer, Etcd, Scheduler, ControllerManager, CloudControllerManager}

// NodeKinds are a node's components in the order the map draws them.
var NodeKinds = []Kind{Kubelet, KubeProxy, CNI, Runtime}

// Health is what the map knows of a component.
type Health int

// The healths. Unknown is never drawn as up: it is what a component becomes when the API
// cannot be reached, or before anything was seen.
const (
	Unknown  Health = iota
	Up              // running and ready
	Starting        // pending, restarting, not ready yet
	Down            // failed, stopped, silent
	Absent          // not part of this cluster (cloud-controller-manager on kind)
)

// String is the health's name, for logs and tests.
func (h Health) String() string {
	return [...]string{"unknown", "up", "starting", "down", "absent"}[h]
}

// Reasons a component is not up, as the map labels them (catalog keys are built from
// them: map.reason.NAME).
const (
	ReasonNotReady     = "notready"     // the node's Ready condition is False
	ReasonNodeUnknown  = "nodeunknown"  // Ready is Unknown: the kubelet stopped posting
	ReasonSilent       = "silent"       // no heartbeat for longer than the grace period
	ReasonRestarting   = "restarting"   // a container restarted a moment ago
	ReasonWaiting      = "waiting"      // a container waits (Pod.Reason has kubelet's word)
	ReasonPending      = "pending"      // the pod is not running yet
	ReasonFailed       = "failed"       // the pod failed
	ReasonTerminating  = "terminating"  // the pod is being deleted
	ReasonNotReadyPod  = "podnotready"  // running, a container not ready
	ReasonReadyz       = "readyz"       // the API server's readiness check for it failed
	ReasonNoLeader     = "noleader"     // its leader-election lease is not renewed
	ReasonUnreachable  = "unreachable"  // the API server does not answer
	ReasonNotSeen      = "notseen"      // nothing of it was seen
	ReasonAbsentOnKind = "absentonkind" // cloud-controller-manager: no cloud on kind
)

// PodInfo is what the map keeps of a pod.
type PodInfo struct {
	Namespace, Name string
	Node            string
	Image           string
	Phase           corev1.PodPhase
	Ready           bool
	Terminating     bool
	Restarts        int32
	// Reason is kubelet's word for a waiting container (CrashLoopBackOff...), or the
	// pod's status reason.
	Reason  string
	Created time.Time
	// LastRestart is when a container last terminated (zero if never).
	LastRestart time.Time
	// Static is true for a mirror pod (a static pod of a kubelet).
	Static bool
}

// Key is namespace/name.
func (p PodInfo) Key() string { return p.Namespace + "/" + p.Name }

// Check is one named check of the API server's /readyz?verbose.
type Check struct {
	Name string
	OK   bool
}

// Component is one box or line of the map.
type Component struct {
	Kind Kind
	// Node is where it runs ("" when not known).
	Node   string
	Health Health
	// Reason says why it is not up (one of the Reason constants), "" when up.
	Reason string
	// Detail is a short fact to show: the CNI's name, the runtime's version.
	Detail string
	// Pod is the pod that runs it, when there is one.
	Pod *PodInfo
	// Checks are the /readyz checks about it (the API server's, etcd's).
	Checks []Check
}

// Node is a node of the cluster with its components and the lab namespaces' pods.
type Node struct {
	Name         string
	ControlPlane bool
	Health       Health
	Reason       string
	// LastHeartbeat is the renew time of the node's lease (zero when unknown), Silent how
	// long ago it was at the snapshot.
	LastHeartbeat time.Time
	Silent        time.Duration
	// Components are the kubelet, kube-proxy, CNI and runtime, in NodeKinds order.
	Components []Component
	// Pods are the pods of the lab namespaces bound to the node, by name.
	Pods []PodInfo
}

// API is what the map knows of the API server's reachability.
type API struct {
	// Known is false until the first answer or failure.
	Known     bool
	Reachable bool
	// Since is when it stopped answering (zero while reachable).
	Since time.Time
	// Down is how long it has not answered at the snapshot.
	Down time.Duration
	// Err is the last error (for the log and the details pane).
	Err string
	// Checks are the last /readyz?verbose checks.
	Checks []Check
}

// FlowKind names an arrow of the map.
type FlowKind int

// The flows. Each flashes its arrow for a moment when it happens.
const (
	FlowWrite     FlowKind = iota // an object stored through the API server (apiserver → etcd)
	FlowScheduled                 // a pod bound to a node (scheduler → apiserver → kubelet)
	FlowHeartbeat                 // a node's lease renewed (kubelet → apiserver)
	FlowKubectl                   // kubectl talked to the API server (kubectl → apiserver)
)

// Flow is one flow that happened.
type Flow struct {
	Kind FlowKind
	Node string
	// Pod is the pod (namespace/name) the flow is about; for a kubectl flow, the object
	// kubectl wrote (resource/namespace/name) or "" for a command of the lab shell.
	Pod string
	At  time.Time
}

// GraceSource says where the map's node-monitor grace period comes from.
type GraceSource int

// The sources, from the weakest.
const (
	// GraceAssumed: nothing read yet; the current Kubernetes default is assumed.
	GraceAssumed GraceSource = iota
	// GraceVersionDefault: the Kubernetes default for the API server's version (the
	// controller-manager's flags are not visible).
	GraceVersionDefault
	// GraceFlag: kube-controller-manager's --node-monitor-grace-period, read from its
	// static pod's command in kube-system.
	GraceFlag
	// GraceGiven: set by the caller (Options.GracePeriod).
	GraceGiven
)

// Grace is the silence after which the map marks a node down, and where it comes from.
type Grace struct {
	Period time.Duration
	Source GraceSource
	// Version is the API server's version when Source is GraceVersionDefault.
	Version string
}

// State is one snapshot of the map.
type State struct {
	// Live is false for the map drawn from the chapter alone (no cluster).
	Live bool
	// Synced is true once the informers listed everything.
	Synced bool
	At     time.Time
	API    API
	// ControlPlane holds the components in ControlPlaneKinds order.
	ControlPlane []Component
	// Nodes are the nodes, control-plane nodes first, then by name.
	Nodes []Node
	// Pending are the lab namespaces' pods bound to no node.
	Pending []PodInfo
	// Flows are the flows of the last FlowWindow, oldest first.
	Flows []Flow
	// Grace is the node-monitor grace period the map judges silent nodes by.
	Grace Grace
}

// Component returns the control-plane component of kind k.
func (s State) Component(k Kind) *Component {
	for i := range s.ControlPlane {
		if s.ControlPlane[i].Kind == k {
			return &s.ControlPlane[i]
		}
	}
	return nil
}

// Node returns the node named name, or nil.
func (s State) Node(name string) *Node {
	for i := range s.Nodes {
		if s.Nodes[i].Name == name {
			return &s.Nodes[i]
		}
	}
	return nil
}

// Workers returns the nodes that are not control-plane nodes.
func (s State) Workers() []Node {
	var out []Node
	for _, n := range s.Nodes {
		if !n.ControlPlane {
			out = append(out, n)
		}
	}
	return out
}

// Flashing reports whether a flow of kind k (on node, or any node when node is "")
// happened within d before the snapshot.
func (s State) Flashing(k FlowKind, node string, d time.Duration) bool {
	for i := len(s.Flows) - 1; i >= 0; i-- {
		f := s.Flows[i]
		if s.At.Sub(f.At) > d {
			return false
		}
		if f.Kind == k && (node == "" || f.Node == node) {
			return true
		}
	}
	return false
}
