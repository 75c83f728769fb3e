// Package checks grades lab steps by reading the cluster: each check is Go code, referenced
// by id from lab YAML, with typed params validated at load time.
package checks

import "context"

// NodeAccess reaches inside the lab cluster's nodes. The kind implementation (labs/cluster)
// runs commands in the node containers of the tutor's own cluster and refuses any other
// container; the test environment (internal/testenv) provides stand-ins for its kwok nodes.
type NodeAccess interface {
	// ReadFile returns the content of path on node.
	ReadFile(ctx context.Context, node, path string) ([]byte, error)
	// Exec runs argv on node and returns its combined output. A non-zero exit is an error
	// that still carries the output.
	Exec(ctx context.Context, node string, argv ...string) ([]byte, error)
	// StopKubelet stops the node's kubelet (the node stops heartbeating).
	StopKubelet(ctx context.Context, node string) error
	// StartKubelet starts it again.
	StartKubelet(ctx context.Context, node string) error
}
