package cluster

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"kubetutor/internal/paths"
)

// Manager runs the tutor's lab cluster. Build it with New and options; its zero value is
// not usable.
type Manager struct {
	name     string
	dirs     paths.Dirs
	provider Provider
	runtime  Runtime
	prober   Prober
	log      *slog.Logger
	now      func() time.Time
	wait     time.Duration
	poll     time.Duration
	getenv   func(string) string
}

// Option configures a Manager.
type Option func(*Manager)

// WithName sets the cluster's name (DefaultName otherwise).
func WithName(name string) Option { return func(m *Manager) { m.name = name } }

// WithDirs sets kubetutor's directories; the kubeconfig goes to dirs.Kubeconfig(name).
func WithDirs(d paths.Dirs) Option { return func(m *Manager) { m.dirs = d } }

// WithProvider replaces kind (tests pass a fake).
func WithProvider(p Provider) Option { return func(m *Manager) { m.provider = p } }

// WithRuntime sets the container engine.
func WithRuntime(r Runtime) Option { return func(m *Manager) { m.runtime = r } }

// WithProber replaces the client-go health probe.
func WithProber(p Prober) Option { return func(m *Manager) { m.prober = p } }

// WithLogger sets the log (kind's lines go there too).
func WithLogger(l *slog.Logger) Option { return func(m *Manager) { m.log = l } }

// WithClock replaces time.Now (tests).
func WithClock(now func() time.Time) Option { return func(m *Manager) { m.now = now } }

// WithEnv replaces os.Getenv for reading KIND_EXPERIMENTAL_PROVIDER.
func WithEnv(getenv func(string) string) Option { return func(m *Manager) { m.getenv = getenv } }

// WithWaitForReady sets how long a creation waits for the control plane to be Ready.
func WithWaitForReady(d time.Duration) Option { return func(m *Manager) { m.wait = d } }

// WithPollInterval sets how often Up asks the API whether every node is Ready (tests).
func WithPollInterval(d time.Duration) Option { return func(m *Manager) { m.poll = d } }

// New returns a Manager. Without options it drives kind with the engine selected by
// KIND_EXPERIMENTAL_PROVIDER (docker by default) and keeps the kubeconfig in the XDG state
// directory.
func New(opts ...Option) *Manager {
	m := &Manager{name: DefaultName, prober: APIProber{}, now: time.Now, wait: 3 * time.Minute, poll: 2 * time.Second, getenv: os.Getenv}
	for _, o := range opts {
		o(m)
	}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	if m.dirs == (paths.Dirs{}) {
		m.dirs = paths.Resolve()
	}
	if m.runtime == nil {
		m.runtime = NewExecRuntime(RuntimeName(m.getenv), "")
	}
	if m.provider == nil {
		m.provider = NewKindProvider(m.runtime.Name(), m.log)
	}
	return m
}

// Name is the cluster's name.
func (m *Manager) Name() string { return m.name }

// Runtime is the container engine the Manager uses.
func (m *Manager) Runtime() Runtime { return m.runtime }

// KubeconfigPath is where the cluster's kubeconfig lives, in kubetutor's state directory.
func (m *Manager) KubeconfigPath() string { return m.dirs.Kubeconfig(m.name) }

var nameRE = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$`)

func (m *Manager) validName() error {
	if !nameRE.MatchString(m.name) {
		return fmt.Errorf("%w: %q", ErrInvalidName, m.name)
	}
	return nil
}

// MaxWorkers is the largest number of workers Up accepts.
const MaxWorkers = 8

// UpOptions shape a creation.
type UpOptions struct {
	// Workers is the number of worker nodes (0 to MaxWorkers).
	Workers int
	// Image is the node image; DefaultImage when empty.
	Image string
	// Recreate deletes a half-made cluster instead of failing with ErrHalfMade.
	Recreate bool
}

// Outcome says what Up did.
type Outcome int

// What Up did.
const (
	Created        Outcome = iota // a new cluster was made
	AlreadyRunning                // the cluster was there and its API answered
	Restarted                     // the cluster's stopped node containers were started again
)

// Preflight checks that the engine's daemon answers.
func (m *Manager) Preflight(ctx context.Context) (RuntimeInfo, error) {
	info, err := m.runtime.Info(ctx)
	if err != nil {
		return RuntimeInfo{}, &RuntimeError{Runtime: m.runtime.Name(), Err: err}
	}
	return info, nil
}

// Up makes sure the cluster exists and answers. A running cluster returns at once; a
// stopped one (its node containers stopped: Docker restarted, the machine rebooted) is
// started again, with everything in it, once every node is Ready; a half-made one fails
// with ErrHalfMade unless o.Recreate. A new cluster is returned once
// every node is Ready (kind only waits for the control plane; workers follow seconds
// later), within the Manager's wait, else Up fails with ErrNodesNotReady and the cluster
// stays. When ctx ends during the creation, Up deletes what was made before returning
// ctx's error. Progress goes to fn.
func (m *Manager) Up(ctx context.Context, o UpOptions, fn EventFunc) (Outcome, error) {
	if err := m.validName(); err != nil {
		return 0, err
	}
	if o.Workers < 0 || o.Workers > MaxWorkers {
		return 0, fmt.Errorf("%w: %d (0 to %d)", ErrInvalidWorkers, o.Workers, MaxWorkers)
	}
	parser := newLineParser(m.now, fn)
	parser.Emit(Event{Step: StepPreflight, Phase: PhaseStart})
	info, err := m.Preflight(ctx)
	if err != nil {
		parser.Emit(Event{Step: StepPreflight, Phase: PhaseFailed})
		return 0, err
	}
	st, err := m.Status(ctx)
	if err != nil {
		parser.Emit(Event{Step: StepPreflight, Phase: PhaseFailed})
		return 0, err
	}
	parser.Emit(Event{Step: StepPreflight, Phase: PhaseDone})
	switch st.State {
	case StateRunning, StateDegraded:
		return AlreadyRunning, m.ensureKubeconfig()
	case StateStopped:
		return Restarted, m.restart(ctx, parser, stoppedNodes(st))
	case StateHalfMade:
		if !st.Started.IsZero() && m.now().Sub(st.Started) < apiStartGrace {
			// Its containers just started (Docker restarted them, or a start): its API is
			// starting, which is no reason to recreate it.
			return Restarted, m.waitStarting(ctx, parser, st.Started)
		}
		if !o.Recreate {
			return 0, fmt.Errorf("%w: %d containers", ErrHalfMade, len(st.Nodes))
		}
		parser.Emit(Event{Step: StepDelete, Phase: PhaseStart})
		if err := m.delete(); err != nil {
			parser.Emit(Event{Step: StepDelete, Phase: PhaseFailed})
			return 0, err
		}
		parser.Emit(Event{Step: StepDelete, Phase: PhaseDone})
	}
	image := m.NodeImage(ctx, o.Image)
	cfg := LabConfig(m.name, ConfigOptions{Workers: o.Workers, Image: image, CgroupV1: info.CgroupVersion == "1"})
	if err := m.create(ctx, parser, CreateOptions{Config: cfg, KubeconfigPath: m.KubeconfigPath(), WaitForReady: m.wait}); err != nil {
		return Created, err
	}
	return Created, m.waitNodesReady(ctx, parser)
}

// apiStartGrace is how long after its containers started a cluster's API may take to
// answer before the cluster is taken for half made (about 10 s on kind).
const apiStartGrace = 2 * time.Minute

// waitStarting waits for the API of a cluster whose containers started at started, until
// apiStartGrace after it, then for every node to be Ready. An API still silent then is a
// half-made cluster (ErrHalfMade).
func (m *Manager) waitStarting(ctx context.Context, parser *lineParser, started time.Time) error {
	parser.Emit(Event{Step: StepAPIStarting, Phase: PhaseStart})
	for {
		st, err := m.Status(ctx)
		if err == nil && (st.State == StateRunning || st.State == StateDegraded) {
			parser.Emit(Event{Step: StepAPIStarting, Phase: PhaseDone})
			if err := m.ensureKubeconfig(); err != nil {
				return err
			}
			return m.waitNodesReady(ctx, parser)
		}
		if err == nil && st.State == StateStopped {
			parser.Emit(Event{Step: StepAPIStarting, Phase: PhaseDone})
			return m.restart(ctx, parser, stoppedNodes(st))
		}
		if m.now().Sub(started) >= apiStartGrace {
			parser.Emit(Event{Step: StepAPIStarting, Phase: PhaseFailed})
			return fmt.Errorf("%w: its API did not answer %s after its containers started", ErrHalfMade, apiStartGrace)
		}
		select {
		case <-ctx.Done():
			parser.Emit(Event{Step: StepAPIStarting, Phase: PhaseFailed})
			return fmt.Errorf("waiting for the API of %q: %w", m.name, ctx.Err())
		case <-time.After(m.poll):
		}
	}
}

// restart starts the stopped node containers, then waits for every node to be Ready.
func (m *Manager) restart(ctx context.Context, parser *lineParser, nodes []string) error {
	parser.Emit(Event{Step: StepRestart, Phase: PhaseStart})
	m.log.Info("starting stopped node containers", "name", m.name, "nodes", nodes)
	if err := m.runtime.StartContainers(ctx, nodes...); err != nil {
		parser.Emit(Event{Step: StepRestart, Phase: PhaseFailed})
		return &RuntimeError{Runtime: m.runtime.Name(), Err: err}
	}
	parser.Emit(Event{Step: StepRestart, Phase: PhaseDone})
	if err := m.ensureKubeconfig(); err != nil {
		return err
	}
	return m.waitNodesReady(ctx, parser)
}

// waitNodesReady polls Status until every node is Ready, for at most m.wait.
func (m *Manager) waitNodesReady(ctx context.Context, parser *lineParser) error {
	parser.Emit(Event{Step: StepNodesReady, Phase: PhaseStart})
	deadline := m.now().Add(m.wait)
	for {
		st, err := m.Status(ctx)
		if err == nil && st.State == StateRunning {
			parser.Emit(Event{Step: StepNodesReady, Phase: PhaseDone})
			return nil
		}
		if err == nil && m.now().After(deadline) {
			var waiting []string
			for _, n := range st.Nodes {
				if !n.Ready && n.Role != "external-load-balancer" {
					waiting = append(waiting, n.Name)
				}
			}
			parser.Emit(Event{Step: StepNodesReady, Phase: PhaseFailed})
			m.log.Error("nodes not Ready in time", "name", m.name, "nodes", waiting, "wait", m.wait)
			return fmt.Errorf("%w after %s: %v", ErrNodesNotReady, m.wait, waiting)
		}
		if err != nil {
			m.log.Warn("status while waiting for nodes", "err", err)
		}
		select {
		case <-ctx.Done():
			parser.Emit(Event{Step: StepNodesReady, Phase: PhaseFailed})
			return fmt.Errorf("waiting for nodes of %q: %w", m.name, ctx.Err())
		case <-time.After(m.poll):
		}
	}
}

// create runs kind's Create aside, since it takes no context, and cleans up on cancel.
func (m *Manager) create(ctx context.Context, parser *lineParser, co CreateOptions) error {
	if err := os.MkdirAll(filepath.Dir(co.KubeconfigPath), 0o700); err != nil {
		return err
	}
	logger := newKindLogger(parser, m.log)
	co.Logger = logger
	done := make(chan error, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(abortCreate); !ok {
					panic(r)
				}
				done <- context.Canceled
			}
		}()
		done <- m.provider.Create(m.name, co)
	}()
	select {
	case err := <-done:
		if err != nil {
			m.log.Error("cluster creation failed", "name", m.name, "err", err)
			return fmt.Errorf("creating cluster %q: %w", m.name, err)
		}
		m.log.Info("cluster created", "name", m.name)
		return nil
	case <-ctx.Done():
	}
	// Cancelled: stop kind at its next step, remove what it made, wait for it to return
	// and sweep again for containers it made meanwhile.
	logger.abort.Store(true)
	parser.Emit(Event{Step: StepCleanup, Phase: PhaseStart})
	first := m.delete()
	<-done
	if err := m.delete(); err != nil {
		parser.Emit(Event{Step: StepCleanup, Phase: PhaseFailed})
		return fmt.Errorf("cancelled; removing the cluster: %w (first attempt: %v)", err, first)
	}
	parser.Emit(Event{Step: StepCleanup, Phase: PhaseDone})
	m.log.Info("cluster creation cancelled, cluster removed", "name", m.name)
	return fmt.Errorf("creating cluster %q: %w", m.name, ctx.Err())
}

// delete removes the cluster's containers and the tutor's files for it.
func (m *Manager) delete() error {
	if err := m.provider.Delete(m.name, m.KubeconfigPath()); err != nil {
		return err
	}
	return os.RemoveAll(m.dirs.ClusterDir(m.name))
}

// ensureKubeconfig writes the kubeconfig again when the state directory lost it.
func (m *Manager) ensureKubeconfig() error {
	if _, err := os.Stat(m.KubeconfigPath()); err == nil {
		return nil
	}
	kc, err := m.provider.KubeConfig(m.name)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(m.KubeconfigPath()), 0o700); err != nil {
		return err
	}
	return os.WriteFile(m.KubeconfigPath(), kc, 0o600)
}

// Down deletes the cluster and its kubeconfig. existed is false when there was none.
func (m *Manager) Down(ctx context.Context) (existed bool, err error) {
	if err := m.validName(); err != nil {
		return false, err
	}
	if _, err := m.Preflight(ctx); err != nil {
		return false, err
	}
	nodes, err := m.provider.ListNodes(m.name)
	if err != nil {
		return false, err
	}
	return len(nodes) > 0, m.delete()
}

// Reset deletes the cluster and makes a fresh one.
func (m *Manager) Reset(ctx context.Context, o UpOptions, fn EventFunc) error {
	if _, err := m.Down(ctx); err != nil {
		return err
	}
	o.Recreate = true
	_, err := m.Up(ctx, o, fn)
	return err
}
