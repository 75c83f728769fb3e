package cluster

import (
	"context"
	"strings"
	"time"
)

// State is the cluster's condition as the tutor sees it.
type State int

// The states of the tutor's cluster.
const (
	StateAbsent   State = iota // no container
	StateRunning               // the API answers and every node is Ready
	StateDegraded              // the API answers, some node is not Ready (a failure lab)
	StateHalfMade              // containers exist, the API does not answer
	StateStopped               // node containers are stopped (Docker restarted, the machine rebooted)
)

// stateKeys maps states to catalog keys.
var stateKeys = map[State]string{
	StateAbsent:   "cluster.state.absent",
	StateRunning:  "cluster.state.running",
	StateDegraded: "cluster.state.degraded",
	StateHalfMade: "cluster.state.halfmade",
	StateStopped:  "cluster.state.stopped",
}

// Key is the state's catalog key.
func (s State) Key() string { return stateKeys[s] }

// NodeStatus is one node container and, when the API answers, its Ready condition.
type NodeStatus struct {
	Name  string
	Role  string
	Ready bool
	// Stopped says the node's container is not running (StateStopped).
	Stopped bool
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
	// Started is when the last node container started (zero when the engine does not
	// say): an API that does not answer yet right after is starting, not broken.
	Started time.Time
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
	if m.markStopped(ctx, &st) {
		st.State = StateStopped
		return st, nil
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

// markStopped marks the nodes whose container is stopped, notes when the last one
// started, and reports whether one is stopped. An engine that cannot say leaves them as
// they are (the API probe tells then).
func (m *Manager) markStopped(ctx context.Context, st *Status) bool {
	names := make([]string, len(st.Nodes))
	for i, n := range st.Nodes {
		names[i] = n.Name
	}
	states, err := m.runtime.Containers(ctx, names...)
	if err != nil {
		m.log.Warn("node containers' state unknown", "name", m.name, "err", err)
		return false
	}
	stopped := false
	for i, n := range st.Nodes {
		c, ok := states[n.Name]
		if !ok {
			continue
		}
		if !c.Running {
			st.Nodes[i].Stopped, stopped = true, true
		}
		if c.StartedAt.After(st.Started) {
			st.Started = c.StartedAt
		}
	}
	return stopped
}

// stoppedNodes returns the names of st's stopped nodes.
func stoppedNodes(st Status) []string {
	var names []string
	for _, n := range st.Nodes {
		if n.Stopped {
			names = append(names, n.Name)
		}
	}
	return names
}
