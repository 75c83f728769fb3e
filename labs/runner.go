package labs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs/catalog"
)

// EventKind is what happened to a step.
type EventKind string

// The kinds of step events.
const (
	EventPending EventKind = "pending"
	EventPassed  EventKind = "passed"
	EventFailed  EventKind = "failed"
	// EventError: the check could not run (API unreachable, forbidden, no node access).
	EventError EventKind = "error"
)

// Statuses a step gets in the progress store. A step passed after its solution was
// revealed is « solved with help ». Once passed, a step stays passed in the store.
const (
	StatusPending        = catalog.StatusPending
	StatusFailed         = catalog.StatusFailed
	StatusError          = catalog.StatusError
	StatusPassed         = catalog.StatusPassed
	StatusSolvedWithHelp = catalog.StatusSolvedWithHelp
)

// Event is the outcome of evaluating a step.
type Event struct {
	Lab    string
	Step   string
	Kind   EventKind
	Result checks.Result
	Err    error
	At     time.Time
}

// Describe renders the event on one line in tr's language: the check's reason and its
// evidence separated by « | », or the error when the check could not run.
func (e Event) Describe(tr *i18n.Translator) string {
	if e.Err != nil {
		return "error: " + e.Err.Error()
	}
	parts := []string{tr.Msg(e.Result.Reason)}
	for _, ev := range e.Result.Evidence {
		parts = append(parts, tr.Msg(ev))
	}
	return strings.Join(parts, " | ")
}

// CheckTimeout bounds one evaluation of a check.
const CheckTimeout = 15 * time.Second

// Runner runs one lab: setup, grading, hints and solutions, progress, reset. Its methods
// are safe for concurrent use (a Watch may run while the UI reveals hints or resets).
type Runner struct {
	lab   *Lab
	env   checks.Env
	store *progress.Store
	log   *slog.Logger

	mu      sync.Mutex           // guards env's lab start fields, answers and passed
	answers map[string]string    // answers given to this runner (also kept without a store)
	passed  map[string]time.Time // when each step first passed in this runner
	bound   atomic.Pointer[Lab]  // the lab bound to the cluster's nodes (Bind), nil before
}

// NewRunner returns a runner for lab on env. store may be nil (nothing is recorded); log
// may be nil.
func NewRunner(lab *Lab, env *checks.Env, store *progress.Store, log *slog.Logger) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Runner{lab: lab, env: *env, store: store, log: log.With("lab", lab.ID)}
	if r.env.Now == nil {
		r.env.Now = time.Now
	}
	if lp := r.progress(); lp != nil {
		r.env.LabStarted, r.env.StartRevision = lp.Started, lp.StartRevision
	}
	return r
}

// Lab returns the runner's lab, its node references bound to the cluster's nodes once
// Bind has run (Start and Evaluate run it), to the tutor's cluster's names before.
func (r *Runner) Lab() *Lab {
	if b := r.bound.Load(); b != nil {
		return b
	}
	return r.lab
}

// progress returns a copy of the lab's progress, nil when none or no store.
func (r *Runner) progress() *progress.Lab {
	if r.store == nil {
		return nil
	}
	doc, err := r.store.Load()
	if err != nil {
		r.log.Warn("progress unreadable", "err", err)
		return nil
	}
	return doc.Labs[r.lab.ID]
}

// Start marks the lab started (the first time: now and the cluster's revision) and
// applies its setup. When the setup's namespaces are still being deleted (a reset just
// before, interrupted or not, or a namespace the student deleted), it first waits for
// them to go, for SetupGoneWait at most, telling report (which may be nil) how it goes.
func (r *Runner) Start(ctx context.Context, report func(i18n.Message)) error {
	if err := r.Bind(ctx); err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, SetupGoneWait)
	err := r.WaitSetupGone(wctx, report)
	cancel()
	if err != nil {
		return err
	}
	if err := r.SaveRecovery(ctx); errors.Is(err, ErrNoNodeAccess) {
		r.log.Warn("recovery not saved", "err", err)
	} else if err != nil {
		return err
	}
	r.mu.Lock()
	started := r.env.LabStarted
	r.mu.Unlock()
	if started.IsZero() {
		started = r.env.Now()
		rev, err := clusterRevision(ctx, &r.env)
		if err != nil {
			return err
		}
		r.mu.Lock()
		r.env.LabStarted, r.env.StartRevision = started, rev
		r.mu.Unlock()
		if err := r.update(func(l *progress.Lab) {
			l.Started, l.StartRevision = started, rev
		}); err != nil {
			return err
		}
	}
	return r.Setup(ctx)
}

// Setup server-side applies the lab's setup manifests.
func (r *Runner) Setup(ctx context.Context) error {
	if len(r.lab.Setup) == 0 {
		return nil
	}
	if r.env.Dynamic == nil || r.env.Mapper == nil {
		return errors.New("no dynamic client to apply the lab's setup")
	}
	r.log.Info("setup", "objects", len(r.lab.Setup))
	return apply(ctx, r.env.Dynamic, r.env.Mapper, r.lab.Setup)
}

// Reset deletes what the setup made, forgets the lab's progress, then waits for the
// setup's namespaces to be gone (so that the lab can be opened again at once), for
// SetupGoneWait at most, telling report (which may be nil) how it goes. When the wait
// ends first (its time, or ctx: Ctrl-C), the error is a *SetupLeftError; Kubernetes goes
// on deleting them, and Start waits for what is left.
func (r *Runner) Reset(ctx context.Context, report func(i18n.Message)) error {
	if len(r.lab.Setup) > 0 {
		if r.env.Dynamic == nil || r.env.Mapper == nil {
			return errors.New("no dynamic client to reset the lab")
		}
		if err := remove(ctx, r.env.Dynamic, r.env.Mapper, r.lab.Setup); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.env.LabStarted, r.env.StartRevision = time.Time{}, 0
	r.mu.Unlock()
	if r.store != nil {
		err := r.store.Update(func(d *progress.Document) error {
			delete(d.Labs, r.lab.ID)
			return nil
		})
		if err != nil {
			return err
		}
	}
	wctx, cancel := context.WithTimeout(ctx, SetupGoneWait)
	defer cancel()
	return r.WaitSetupGone(wctx, report)
}

// clusterRevision reads the cluster's current etcd revision: the resourceVersion of a
// list is the revision it was read at.
func clusterRevision(ctx context.Context, env *checks.Env) (int64, error) {
	if env.Kube == nil {
		return 0, nil
	}
	list, err := env.Kube.CoreV1().Namespaces().List(ctx, metav1.ListOptions{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("read the cluster's revision: %w", err)
	}
	rev, _ := strconv.ParseInt(list.ResourceVersion, 10, 64)
	return rev, nil
}

// Evaluate runs step's check once, records the result and returns it as an Event.
func (r *Runner) Evaluate(ctx context.Context, step *Step) Event {
	r.bindLazily(ctx)
	step = r.own(step)
	lp := r.progress()
	r.mu.Lock()
	env := r.env
	if lp != nil && lp.Steps[step.ID] != nil {
		env.Answer = lp.Steps[step.ID].Answer
	}
	if a, ok := r.answers[step.ID]; ok {
		env.Answer = a
	}
	missing, after := r.requirements(step, lp)
	env.After = after
	r.mu.Unlock()
	c, _ := checks.Lookup(step.Check.ID)
	ctx, cancel := context.WithTimeout(ctx, CheckTimeout)
	defer cancel()
	ev := Event{Lab: r.lab.ID, Step: step.ID}
	var err error
	if missing != "" {
		// Not graded yet: its evidence only means something after the required step's.
		ev.Result = checks.Wait(i18n.M("labs.requires.pending", "Step", missing))
	} else if c == nil {
		err = fmt.Errorf("unknown check %q", step.Check.ID)
	} else {
		ev.Result, err = c.Run(ctx, &env, step.Check.Params)
	}
	ev.At = env.Now()
	if err == nil && ev.Result.Status == checks.Passed {
		r.mu.Lock()
		if r.passed == nil {
			r.passed = map[string]time.Time{}
		}
		if _, ok := r.passed[step.ID]; !ok {
			r.passed[step.ID] = ev.At
		}
		r.mu.Unlock()
	}
	switch {
	case err != nil:
		ev.Kind, ev.Err = EventError, err
	case ev.Result.Status == checks.Passed:
		ev.Kind = EventPassed
	case ev.Result.Status == checks.Failed:
		ev.Kind = EventFailed
	default:
		ev.Kind = EventPending
	}
	r.record(ev)
	return ev
}

// requirements returns the first step step requires that has not passed ("" when all
// have) and the latest time one of them first passed. r.mu must be held.
func (r *Runner) requirements(step *Step, lp *progress.Lab) (string, time.Time) {
	var after time.Time
	for _, id := range step.Requires {
		at, ok := r.passed[id]
		if lp != nil && lp.Steps[id] != nil && Solved(lp.Steps[id].Status) {
			if !ok || lp.Steps[id].At.Before(at) {
				at, ok = lp.Steps[id].At, true
			}
		}
		if !ok {
			return id, time.Time{}
		}
		if at.After(after) {
			after = at
		}
	}
	return "", after
}

func (r *Runner) record(ev Event) {
	notifyEvent(ev)
	err := r.update(func(l *progress.Lab) {
		s := l.Step(ev.Step)
		if Solved(s.Status) {
			return
		}
		s.At = ev.At
		s.Reason = ev.Result.Reason.String()
		switch ev.Kind {
		case EventPassed:
			s.Status = StatusPassed
			if s.SolutionShown {
				s.Status = StatusSolvedWithHelp
			}
		case EventFailed:
			s.Status = StatusFailed
		case EventError:
			s.Status, s.Reason = StatusError, ev.Err.Error()
		default:
			s.Status = StatusPending
		}
	})
	if err != nil {
		r.log.Warn("progress not recorded", "step", ev.Step, "err", err)
	}
}

// Solved reports whether a progress status is a passed step.
func Solved(status string) bool { return catalog.Solved(status) }

func (r *Runner) update(fn func(*progress.Lab)) error {
	if r.store == nil {
		return nil
	}
	return r.store.Update(func(d *progress.Document) error {
		fn(d.Lab(r.lab.ID))
		return nil
	})
}

// Current returns the first step not passed yet, or nil when the lab is done.
func (r *Runner) Current() *Step {
	lp := r.progress()
	for _, s := range r.Lab().Steps {
		if lp == nil || lp.Steps[s.ID] == nil || !Solved(lp.Steps[s.ID].Status) {
			return s
		}
	}
	return nil
}

// NextHint reveals the step's next hint and returns the hints revealed so far.
func (r *Runner) NextHint(step *Step) ([]Text, error) {
	step = r.own(step)
	shown := 0
	err := r.update(func(l *progress.Lab) {
		s := l.Step(step.ID)
		s.HintsShown = min(s.HintsShown+1, len(step.Hints))
		shown = s.HintsShown
	})
	if r.store == nil {
		shown = len(step.Hints)
	}
	return step.Hints[:shown], err
}

// RevealSolution records that the step's solution was shown and returns it. A step
// passed afterwards counts as solved with help.
func (r *Runner) RevealSolution(step *Step) ([]string, error) {
	step = r.own(step)
	err := r.update(func(l *progress.Lab) { l.Step(step.ID).SolutionShown = true })
	return step.Solution, err
}

// SetAnswer records the student's answer to a question step.
func (r *Runner) SetAnswer(step *Step, answer string) error {
	r.mu.Lock()
	if r.answers == nil {
		r.answers = map[string]string{}
	}
	r.answers[step.ID] = answer
	r.mu.Unlock()
	return r.update(func(l *progress.Lab) { l.Step(step.ID).Answer = answer })
}
