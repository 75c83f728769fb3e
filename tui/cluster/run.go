// Package cluster is the TUI screen that creates the lab cluster: kind's steps as a
// checklist with a spinner on the running step and the elapsed time of each. It is a
// self-contained Bubble Tea v2 model; the root model routes messages to it.
package cluster

import (
	"context"
	"sync"

	tea "charm.land/bubbletea/v2"

	kcluster "kubetutor/labs/cluster"
)

// Upper creates the cluster; *labs/cluster.Manager is one.
type Upper interface {
	Up(ctx context.Context, o kcluster.UpOptions, fn kcluster.EventFunc) (kcluster.Outcome, error)
}

// EventMsg carries one progress event of the creation.
type EventMsg struct{ Event kcluster.Event }

// DoneMsg says the creation ended: Err is nil on success.
type DoneMsg struct {
	Outcome kcluster.Outcome
	Err     error
}

// Run is a creation running aside. Its events queue up without ever blocking the creation;
// Next returns the Cmd that delivers the next one to the program.
type Run struct {
	mu     sync.Mutex
	queue  []tea.Msg
	wake   chan struct{}
	cancel context.CancelFunc
}

// Start runs up.Up in a goroutine with a context the Run can cancel.
func Start(ctx context.Context, up Upper, o kcluster.UpOptions) *Run {
	ctx, cancel := context.WithCancel(ctx)
	r := &Run{wake: make(chan struct{}, 1), cancel: cancel}
	go func() {
		out, err := up.Up(ctx, o, func(e kcluster.Event) { r.push(EventMsg{Event: e}) })
		r.push(DoneMsg{Outcome: out, Err: err})
		cancel()
	}()
	return r
}

func (r *Run) push(msg tea.Msg) {
	r.mu.Lock()
	r.queue = append(r.queue, msg)
	r.mu.Unlock()
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Next returns a Cmd that waits for the next event or the end.
func (r *Run) Next() tea.Cmd {
	return func() tea.Msg {
		for {
			r.mu.Lock()
			if len(r.queue) > 0 {
				msg := r.queue[0]
				r.queue = r.queue[1:]
				r.mu.Unlock()
				return msg
			}
			r.mu.Unlock()
			<-r.wake
		}
	}
}

// Cancel asks the creation to stop; it deletes what it made and ends with a DoneMsg.
func (r *Run) Cancel() { r.cancel() }
