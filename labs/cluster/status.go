package cluster

import (
	"context"
	"strings"
)

// State is the cluster's condition as the tutor sees it.
type State int

// The states of the tutor's cluster.
const (
	StateAbsent   State = iota // no container
	StateRunning               // the API answers and every node is Ready
	StateDegraded              // the API answers, some node is not Ready (a failure lab)
	StateHalfMade              // containers exist, the API does not answer
)

// stateKeys maps states to catalog keys.
var stateKeys = map[State]string{
	StateAbsent:   "cluster.state.absent",
	StateRunning:  "cluster.state.running",
	StateDegraded: "cluster.state.degraded",
	StateHalfMade: "cluster.state.halfmade",
}

// Key is the state's catalog key.
func (s State) Key() string { return stateKeys[s] }

// NodeStatus is one node container and, when the API answers, its Ready condition.
type NodeStatus struct {
	Name  string
	Role  string
	Ready bool
}

// Status describes the tutor's cluster.
type Status struct {
	Name          string
	State         State
	Nodes         []NodeStatus
	ServerVersion string
	Kubeconfig    string
	// APIErr is why the API did not answer (StateHalfMade).
	APIErr error
}

// Status looks at the cluster: its containers, then its API. An error means the engine
// could not be asked; a cluster that does not answer is a state, not an error.
func (m *Manager) Status(ctx context.Context) (Status, error) {
	st := Status{Name: m.name, Kubeconfig: m.KubeconfigPath()}
	if err := m.validName(); err != nil {
		return st, err
	}
	nodes, err := m.provider.ListNodes(m.name)
	if err != nil {
		return st, err
	}
	if len(nodes) == 0 {
		st.State = StateAbsent
		return st, nil
	}
	for _, n := range nodes {
		st.Nodes = append(st.Nodes, NodeStatus{Name: n.Name, Role: n.Role})
	}
	kc, err := m.provider.KubeConfig(m.name)
	if err != nil {
		st.State, st.APIErr = StateHalfMade, err
		return st, nil
	}
	h, err := m.prober.Probe(ctx, kc)
	if err != nil {
		st.State, st.APIErr = StateHalfMade, err
		return st, nil
	}
	st.ServerVersion = h.ServerVersion
	ready := map[string]bool{}
	for _, n := range h.Nodes {
		ready[n.Name] = n.Ready
	}
	st.State = StateRunning
	for i, n := range st.Nodes {
		st.Nodes[i].Ready = ready[n.Name]
		if !st.Nodes[i].Ready && n.Role != "external-load-balancer" {
			st.State = StateDegraded
		}
	}
	return st, nil
}

// NodeImage returns the node image reference to use for image (DefaultImage when empty).
// An image pinned by digest that the engine only has by tag (loaded from an archive, built
// locally) resolves to the tag, so kind does not try to pull it.
func (m *Manager) NodeImage(ctx context.Context, image string) string {
	if image == "" {
		image = DefaultImage
	}
	if ok, _ := m.runtime.ImagePresent(ctx, image); ok {
		return image
	}
	if tag, _, found := strings.Cut(image, "@"); found {
		if ok, _ := m.runtime.ImagePresent(ctx, tag); ok {
			return tag
		}
	}
	return image
}
