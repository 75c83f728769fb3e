package cluster

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"kubetutor/checks"
)

// NodeAccess reaches inside the nodes of the tutor's cluster, and refuses every other
// container: each call first lists the cluster's nodes and checks the name is one of them.
type NodeAccess struct {
	m *Manager
}

var _ checks.NodeAccess = NodeAccess{}

// Nodes returns the node access of the Manager's cluster.
func (m *Manager) Nodes() NodeAccess { return NodeAccess{m: m} }

// verify fails with ErrNotANode unless node is a node container of the tutor's cluster.
func (a NodeAccess) verify(node string) error {
	nodes, err := a.m.provider.ListNodes(a.m.name)
	if err != nil {
		return err
	}
	for _, n := range nodes {
		if n.Name == node {
			return nil
		}
	}
	return fmt.Errorf("%w: %q (cluster %q)", ErrNotANode, node, a.m.name)
}

func (a NodeAccess) run(ctx context.Context, node string, stdin io.Reader, argv ...string) ([]byte, error) {
	if err := a.verify(node); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err := a.m.provider.Exec(ctx, a.m.name, node, stdin, &out, &out, argv...)
	if err != nil {
		return out.Bytes(), fmt.Errorf("%s on %s: %w", argv[0], node, err)
	}
	return out.Bytes(), nil
}

// ReadFile returns the content of path on node.
func (a NodeAccess) ReadFile(ctx context.Context, node, path string) ([]byte, error) {
	if err := a.verify(node); err != nil {
		return nil, err
	}
	var out, errOut bytes.Buffer
	if err := a.m.provider.Exec(ctx, a.m.name, node, nil, &out, &errOut, "cat", "--", path); err != nil {
		return nil, fmt.Errorf("reading %s on %s: %w: %s", path, node, err, bytes.TrimSpace(errOut.Bytes()))
	}
	return out.Bytes(), nil
}

// Exec runs argv on node and returns its combined output, also on failure.
func (a NodeAccess) Exec(ctx context.Context, node string, argv ...string) ([]byte, error) {
	if len(argv) == 0 {
		return nil, fmt.Errorf("exec on %s: no command", node)
	}
	return a.run(ctx, node, nil, argv...)
}

// StopKubelet stops the node's kubelet: the node stops heartbeating.
func (a NodeAccess) StopKubelet(ctx context.Context, node string) error {
	_, err := a.run(ctx, node, nil, "systemctl", "stop", "kubelet")
	return err
}

// StartKubelet starts the node's kubelet again.
func (a NodeAccess) StartKubelet(ctx context.Context, node string) error {
	_, err := a.run(ctx, node, nil, "systemctl", "start", "kubelet")
	return err
}
