package app

import (
	"context"
	"slices"
	"sync"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/workshop"
	"kubetutor/workshop/client"
)

// seatLink is this process's link to the student's class, when they joined one: progress
// changes become queued events, a sender flushes them.
type seatLink struct {
	client *client.Client
	sender *client.Sender
	cancel context.CancelFunc
	done   chan struct{}
	remove []func()
	log    interface{ Warn(string, ...any) }

	mu    sync.Mutex
	state workshop.State
	seat  *client.Seat
	once  sync.Once // stop runs once (the TUI may stop a link the student left)
}

// startSeat links the process to the student's seat, if any. Workshop commands manage
// the seat themselves and are left alone.
func startSeat(deps *Deps, args []string) *seatLink {
	if len(args) > 0 && args[0] == "workshop" {
		return nil
	}
	cl, err := client.New(client.Dir(deps.Dirs.State))
	if err != nil {
		return nil
	}
	seat, err := cl.Seat()
	if err != nil || seat == nil || seat.Revoked {
		return nil
	}
	l := &seatLink{client: cl, seat: seat, state: seat.State, done: make(chan struct{}), log: deps.Log}
	var mu sync.Mutex
	reasons := map[string]string{} // lab/step/stored reason → localized
	l.remove = append(l.remove, labs.ObserveEvents(func(ev labs.Event) {
		stored, local := ev.Result.Reason.String(), deps.Tr.Msg(ev.Result.Reason)
		if ev.Err != nil {
			stored, local = ev.Err.Error(), ev.Err.Error()
		}
		mu.Lock()
		reasons[ev.Lab+"/"+ev.Step+"/"+stored] = local
		mu.Unlock()
	}))
	localize := func(lab, step, stored string) string {
		mu.Lock()
		defer mu.Unlock()
		return reasons[lab+"/"+step+"/"+stored]
	}
	progressFile := deps.Dirs.ProgressFile()
	l.sender = &client.Sender{
		Client: cl,
		Lang:   string(deps.Tr.Lang()),
		Doc: func() *progress.Document {
			if st, err := progress.Open(progressFile); err == nil {
				if doc, err := st.Load(); err == nil {
					return doc
				}
			}
			return nil
		},
		OnState:   func(st workshop.State) { l.mu.Lock(); l.state = st; l.mu.Unlock() },
		OnError:   func(err error) { deps.Log.Debug("workshop send", "err", err) },
		Heartbeat: seatHeartbeat,
	}
	l.sender.Start()
	l.remove = append(l.remove, progress.Observe(func(path string, before, after *progress.Document) {
		if path != progressFile {
			return
		}
		if err := cl.Enqueue(client.Diff(before, after, localize, time.Now())...); err != nil {
			deps.Log.Warn("workshop queue", "err", err)
		}
		l.sender.Kick()
	}))
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	go func() { l.sender.Run(ctx); close(l.done) }()
	return l
}

// seatHeartbeat is how often a seated kubetutor asks the class state (an empty batch,
// the heartbeat): a banner, a lock or an unlock shows within about this long.
var seatHeartbeat = 5 * time.Second

// SolutionLocked reports whether the instructor locked lab's solutions, as the class
// state last received says (kept in the seat file: a restart or a lost network keeps it).
func (l *seatLink) SolutionLocked(lab string) bool {
	return l != nil && slices.Contains(l.State().LockedSolutions, lab)
}

// Event is the class's name, for « connecté à … ».
func (l *seatLink) Event() string {
	if l == nil {
		return ""
	}
	return l.seat.Event
}

// State is the latest class state received.
func (l *seatLink) State() workshop.State {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.state
}

// Raise queues a raised (or lowered) hand and sends it at once.
func (l *seatLink) Raise(raised bool) error {
	err := l.client.Enqueue(workshop.Event{Kind: workshop.KindHand, Raised: raised, At: time.Now()})
	if err != nil {
		l.log.Warn("workshop queue", "err", err)
	}
	l.sender.Kick()
	return err
}

// stop ends the sender; what is still queued gets one last short try, and stays on disk
// for the next kubetutor otherwise.
func (l *seatLink) stop() {
	if l == nil {
		return
	}
	l.once.Do(l.end)
}

func (l *seatLink) end() {
	for _, r := range l.remove {
		r()
	}
	l.cancel()
	<-l.done
	if n, _ := l.client.Queue().Len(); n > 0 {
		ctx, cancel := context.WithTimeout(context.Background(), 1500*time.Millisecond)
		defer cancel()
		l.client.Flush(ctx)
	}
}
