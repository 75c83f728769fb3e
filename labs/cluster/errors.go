package cluster

import (
	"errors"
	"fmt"
)

// Errors callers test with errors.Is.
var (
	// ErrNotANode: a node operation named a container that is not a node of the tutor's
	// cluster; nothing was run.
	ErrNotANode = errors.New("not a node of the tutor's cluster")
	// ErrHalfMade: the cluster's containers exist but its API does not answer. Up with
	// Recreate deletes and recreates it.
	ErrHalfMade = errors.New("cluster half made: containers without a working API")
	// ErrInvalidName: the cluster name is not a lowercase DNS label.
	ErrInvalidName = errors.New("invalid cluster name")
	// ErrInvalidWorkers: the number of workers is out of range.
	ErrInvalidWorkers = errors.New("invalid number of workers")
	// ErrNoCluster: the operation needs a cluster and there is none.
	ErrNoCluster = errors.New("no cluster")
	// ErrNodesNotReady: the cluster was created but some node did not become Ready within
	// the wait; the cluster is left as it is.
	ErrNodesNotReady = errors.New("nodes not Ready")
)

// RuntimeError says the container engine's daemon did not answer (not installed, stopped,
// no permission on its socket).
type RuntimeError struct {
	Runtime string
	Err     error
}

func (e *RuntimeError) Error() string {
	return fmt.Sprintf("%s does not answer: %v", e.Runtime, e.Err)
}

// Unwrap returns the cause.
func (e *RuntimeError) Unwrap() error { return e.Err }
