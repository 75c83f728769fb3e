package labs

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Bind reads the nodes of the runner's cluster and binds the lab's node references to
// them (Lab then returns the bound lab). Without a cluster client, or on a cluster that
// lists no node, the lab keeps the tutor's cluster's names.
func (r *Runner) Bind(ctx context.Context) error {
	if r.env.Kube == nil {
		return nil
	}
	nodes, err := ClusterNodes(ctx, r.env.Kube)
	if err != nil {
		return err
	}
	if len(nodes.ControlPlane)+len(nodes.Workers) == 0 {
		r.bound.Store(r.lab)
		return nil
	}
	lab, err := r.lab.Bind(nodes)
	if err != nil {
		return fmt.Errorf("binding the lab to the cluster's nodes: %w", err)
	}
	r.log.Info("lab bound to the cluster's nodes", "control-plane", nodes.ControlPlane, "workers", nodes.Workers)
	r.bound.Store(lab)
	return nil
}

// bindLazily binds the lab the first time a step is graded without Start (lab check);
// a failure leaves it unbound, to try again next time (the check reports the API's
// error itself).
func (r *Runner) bindLazily(ctx context.Context) {
	if r.bound.Load() != nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, CheckTimeout)
	defer cancel()
	if err := r.Bind(ctx); err != nil {
		r.log.Warn("lab not bound to the cluster's nodes", "err", err)
	}
}

// own returns the runner's own (bound) step with step's id: callers may hold steps of
// the lab as loaded, whose references name the tutor's cluster's nodes.
func (r *Runner) own(step *Step) *Step {
	if s := r.Lab().Step(step.ID); s != nil {
		return s
	}
	return step
}

// BindTo binds the lab's node references to n, for a runner whose cluster's API does
// not answer (a reset after etcd broke): kind's names of the cluster (KindNodes).
func (r *Runner) BindTo(n Nodes) error {
	lab, err := r.lab.Bind(n)
	if err != nil {
		return err
	}
	r.bound.Store(lab)
	return nil
}

// WaitAPI waits until the cluster's API answers /readyz, polling every poll, for as long
// as ctx lasts.
func (r *Runner) WaitAPI(ctx context.Context, poll time.Duration) error {
	if r.env.Kube == nil {
		return errors.New("no cluster client")
	}
	for {
		c, cancel := context.WithTimeout(ctx, poll)
		_, err := r.env.Kube.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(c)
		cancel()
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the API did not answer: %w (last: %v)", ctx.Err(), err)
		case <-time.After(poll):
		}
	}
}
