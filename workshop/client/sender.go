package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
)

// Backoff bounds the wait between retries while the server is away.
const (
	BackoffMin = 500 * time.Millisecond
	BackoffMax = 30 * time.Second
)

// NextBackoff doubles d within [BackoffMin, BackoffMax].
func NextBackoff(d time.Duration) time.Duration {
	if d < BackoffMin {
		return BackoffMin
	}
	return min(2*d, BackoffMax)
}

// Jitter returns a wait in [d/2, d) so a room of clients does not retry in step after
// the server comes back.
func Jitter(d time.Duration) time.Duration {
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// Sender keeps one process's queue flowing: a re-join with the whole document first, then
// a flush at every kick (an event was queued) and every heartbeat, with backoff and
// jitter while the server is away.
type Sender struct {
	Client *Client
	// Doc returns the current progress document (for re-joins); may be nil.
	Doc  func() *progress.Document
	Lang string
	// OnState receives each class state the server sends back (the TUI's status line).
	OnState func(workshop.State)
	// OnError receives each failed flush (the log).
	OnError func(error)
	// Heartbeat is the period of empty batches (workshop.HeartbeatEvery when zero).
	Heartbeat time.Duration

	kick chan struct{}
}

// Kick asks for a flush soon (non-blocking).
func (s *Sender) Kick() {
	if s.kick == nil {
		return
	}
	select {
	case s.kick <- struct{}{}:
	default:
	}
}

// Start prepares the kick channel; call it before Run when Kick may be called first.
func (s *Sender) Start() { s.kick = make(chan struct{}, 1) }

// Run sends until ctx ends.
func (s *Sender) Run(ctx context.Context) {
	if s.kick == nil {
		s.Start()
	}
	hb := s.Heartbeat
	if hb == 0 {
		hb = workshop.HeartbeatEvery
	}
	var backoff time.Duration
	rejoin := true
	for {
		var err error
		if rejoin {
			err = s.rejoin(ctx)
			if err == nil {
				rejoin = false
			}
		}
		if err == nil {
			var res FlushResult
			res, err = s.Client.Flush(ctx)
			if err == nil && res.Resync {
				rejoin = true
			}
			if err == nil && s.OnState != nil {
				s.OnState(res.State)
			}
		}
		wait := hb
		if err != nil {
			if s.OnError != nil {
				s.OnError(err)
			}
			if e, ok := workshop.AsError(err); ok {
				switch e.Code {
				case workshop.CodeRevoked:
					return // the instructor removed this seat: nothing more to send
				case workshop.CodeBadToken:
					rejoin = true // the server lost this seat: join again
				}
			}
			backoff = NextBackoff(backoff)
			wait = Jitter(backoff)
		} else {
			backoff = 0
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-s.kick:
			t.Stop()
			if err != nil { // still honour the backoff, but no longer than it
				select {
				case <-ctx.Done():
					return
				case <-time.After(Jitter(backoff)):
				}
			}
		case <-t.C:
		}
	}
}

func (s *Sender) rejoin(ctx context.Context) error {
	var doc *progress.Document
	if s.Doc != nil {
		doc = s.Doc()
	}
	seat, err := s.Client.Rejoin(ctx, s.Lang, doc)
	if err == nil && seat == nil {
		return errors.New("no seat")
	}
	if err == nil && s.OnState != nil {
		s.OnState(seat.State)
	}
	return err
}
