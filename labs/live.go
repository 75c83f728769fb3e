package labs

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/cache"

	"kubetutor/checks"
	"kubetutor/internal/kubeinformer"
)

// Live evaluation timings: changes are coalesced for Debounce before a check re-runs,
// and every check re-runs each Recheck even without a change (for what cannot be
// watched: metrics, files on nodes).
const (
	Debounce = 150 * time.Millisecond
	Recheck  = 30 * time.Second
)

// WatchOptions tunes Watch.
type WatchOptions struct {
	// Steps picks the steps to evaluate in a round; nil means the current step (the
	// first not passed), so the watch moves on as the student passes steps.
	Steps func() []*Step
	// Debounce and Recheck override the package defaults when non-zero.
	Debounce, Recheck time.Duration
}

// Watch evaluates steps now, then again whenever what their checks depend on changes
// (informers on the resources, the shell's history file), debounced, and every Recheck.
// emit receives an event when a step's status or reason changes. Watch returns when ctx
// ends, or nil when Steps returns none (the lab is done).
func (r *Runner) Watch(ctx context.Context, opts WatchOptions, emit func(Event)) error {
	if opts.Steps == nil {
		opts.Steps = func() []*Step {
			if s := r.Current(); s != nil {
				return []*Step{s}
			}
			return nil
		}
	}
	debounce, recheck := or(opts.Debounce, Debounce), or(opts.Recheck, Recheck)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	poke := make(chan struct{}, 1)
	signal := func() {
		select {
		case poke <- struct{}{}:
		default:
		}
	}
	w := &watchSet{runner: r, ctx: ctx, signal: signal, informers: map[string]bool{}}
	defer w.close()

	last := map[string]string{}
	round := func() bool {
		var prev string
		for {
			steps := opts.Steps()
			if len(steps) == 0 {
				return false
			}
			ids := ""
			for _, s := range steps {
				ids += s.ID + ","
			}
			if ids == prev { // nothing new to evaluate after a pass
				return true
			}
			prev = ids
			for _, s := range steps {
				if c, _ := checks.Lookup(s.Check.ID); c != nil {
					w.follow(c.Dependencies(s.Check.Params))
				}
			}
			passed := false
			for _, s := range steps {
				ev := r.Evaluate(ctx, s)
				if ctx.Err() != nil {
					return true
				}
				key := string(ev.Kind) + "|" + ev.Result.Reason.String()
				if ev.Err != nil {
					key += "|" + ev.Err.Error()
				}
				if last[s.ID] != key {
					last[s.ID] = key
					emit(ev)
				}
				passed = passed || ev.Kind == EventPassed
			}
			if !passed {
				return true
			}
		}
	}
	if !round() {
		return nil
	}
	tick := time.NewTicker(recheck)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		case <-poke:
			// Coalesce the burst that usually follows one change.
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(debounce):
			}
			select { // what arrived during the wait is covered by this round
			case <-poke:
			default:
			}
		}
		if !round() {
			return nil
		}
	}
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// watchSet holds the informers and file watches of a Watch; it only grows.
type watchSet struct {
	runner    *Runner
	ctx       context.Context
	signal    func()
	informers map[string]bool
	files     *fsnotify.Watcher
	stops     []func()
}

func (w *watchSet) follow(deps []checks.Dependency) {
	env := &w.runner.env
	for _, d := range deps {
		if d.ShellHistory {
			w.followShell(env.ShellHistory)
			continue
		}
		key := d.Resource.String() + "|" + d.Namespace
		if w.informers[key] || env.Dynamic == nil {
			continue
		}
		w.informers[key] = true
		var set kubeinformer.Set
		inf := set.Add(kubeinformer.New(env.Dynamic, env.Dynamic.Resource(d.Resource).Namespace(d.Namespace), &unstructured.Unstructured{}))
		_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc:    func(any) { w.signal() },
			UpdateFunc: func(any, any) { w.signal() },
			DeleteFunc: func(any) { w.signal() },
		})
		stop := make(chan struct{})
		set.Start(stop)
		w.stops = append(w.stops, func() { close(stop); set.Wait() })
	}
}

// followShell watches the history file's directory (the file may not exist yet).
func (w *watchSet) followShell(path string) {
	if path == "" || w.files != nil {
		return
	}
	_ = os.MkdirAll(filepath.Dir(path), 0o755)
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		w.runner.log.Warn("no file watch on the shell history", "err", err)
		return
	}
	if err := fw.Add(filepath.Dir(path)); err != nil {
		w.runner.log.Debug("no file watch on the shell history", "err", err)
		fw.Close()
		return
	}
	w.files = fw
	go func() {
		for {
			select {
			case <-w.ctx.Done():
				return
			case ev, ok := <-fw.Events:
				if !ok {
					return
				}
				if filepath.Clean(ev.Name) == filepath.Clean(path) {
					w.signal()
				}
			case _, ok := <-fw.Errors:
				if !ok {
					return
				}
			}
		}
	}()
}

func (w *watchSet) close() {
	for _, stop := range w.stops {
		stop()
	}
	if w.files != nil {
		w.files.Close()
	}
}
