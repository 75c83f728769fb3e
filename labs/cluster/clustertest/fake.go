// Package clustertest provides in-memory fakes of the cluster package's Provider, Runtime
// and Prober, for the tests of the cluster package and of its callers (CLI, TUI).
package clustertest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"kubetutor/labs/cluster"
)

// Provider keeps clusters in memory. CreateFunc, when set, replaces the default creation,
// which prints kind v0.33's status lines, makes the nodes and writes the kubeconfig.
type Provider struct {
	mu         sync.Mutex
	nodes      map[string][]cluster.NodeInfo
	creates    int
	deletes    int
	lastOpts   cluster.CreateOptions
	execs      []string
	loaded     map[string][]byte
	CreateFunc func(p *Provider, name string, o cluster.CreateOptions) error
	// OnDelete runs after each Delete.
	OnDelete func()
}

// NewProvider returns a provider with no cluster.
func NewProvider() *Provider {
	return &Provider{nodes: map[string][]cluster.NodeInfo{}, loaded: map[string][]byte{}}
}

// AddNodes makes cluster name's nodes as kind names them: NAME-control-plane, NAME-worker,
// NAME-worker2…
func (p *Provider) AddNodes(name string, workers int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	ns := []cluster.NodeInfo{{Name: name + "-control-plane", Role: "control-plane"}}
	for i := 0; i < workers; i++ {
		w := name + "-worker"
		if i > 0 {
			w += string(rune('1' + i))
		}
		ns = append(ns, cluster.NodeInfo{Name: w, Role: "worker"})
	}
	p.nodes[name] = ns
}

// Counts returns how many times Create and Delete ran.
func (p *Provider) Counts() (creates, deletes int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.creates, p.deletes
}

// LastCreate returns the options of the last Create.
func (p *Provider) LastCreate() cluster.CreateOptions {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lastOpts
}

// Execs returns the commands run on nodes, as "node: argv…".
func (p *Provider) Execs() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.execs...)
}

// Loaded returns the image archives loaded into node, concatenated.
func (p *Provider) Loaded(node string) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.loaded[node]
}

// KindLines prints what kind prints for each step: its start, then its success.
func KindLines(o cluster.CreateOptions, steps ...string) {
	for _, s := range steps {
		o.Logger.V(0).Infof(" • %s  ...\n", s)
		o.Logger.V(0).Infof(" ✓ %s\n", s)
	}
}

// Create records the call and makes the cluster.
func (p *Provider) Create(name string, o cluster.CreateOptions) error {
	p.mu.Lock()
	p.creates++
	p.lastOpts = o
	create := p.CreateFunc
	p.mu.Unlock()
	if create != nil {
		return create(p, name, o)
	}
	o.Logger.V(0).Infof("Creating cluster %q ...\n", name)
	KindLines(o, "Ensuring node image (kindest/node:v1.37.0) 🖼")
	o.Logger.V(0).Infof(" • %s  ...\n", "Preparing nodes 📦 📦 📦")
	p.AddNodes(name, len(o.Config.Nodes)-1)
	o.Logger.V(0).Infof(" ✓ %s\n", "Preparing nodes 📦 📦 📦")
	KindLines(o, "Writing configuration 📜", "Starting control-plane 🕹️", "Installing CNI 🔌",
		"Installing StorageClass 💾", "Joining worker nodes 🚜", "Waiting ≤ 3m0s for control-plane = Ready ⏳")
	return os.WriteFile(o.KubeconfigPath, []byte("kubeconfig of "+name), 0o600)
}

// Delete removes the cluster's nodes.
func (p *Provider) Delete(name, kubeconfigPath string) error {
	p.mu.Lock()
	p.deletes++
	delete(p.nodes, name)
	hook := p.OnDelete
	p.mu.Unlock()
	if hook != nil {
		hook()
	}
	return nil
}

// ListNodes returns the cluster's nodes.
func (p *Provider) ListNodes(name string) ([]cluster.NodeInfo, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]cluster.NodeInfo(nil), p.nodes[name]...), nil
}

// KubeConfig returns "kubeconfig of NAME" when the cluster has nodes.
func (p *Provider) KubeConfig(name string) ([]byte, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.nodes[name]) == 0 {
		return nil, errors.New("no kubeconfig")
	}
	return []byte("kubeconfig of " + name), nil
}

// Exec records the command. cat prints "content of PATH", false fails, others print ok.
func (p *Provider) Exec(ctx context.Context, name, node string, stdin io.Reader, stdout, stderr io.Writer, argv ...string) error {
	p.mu.Lock()
	p.execs = append(p.execs, node+": "+strings.Join(argv, " "))
	p.mu.Unlock()
	switch argv[0] {
	case "cat":
		_, err := io.WriteString(stdout, "content of "+argv[len(argv)-1])
		return err
	case "false":
		_, _ = io.WriteString(stderr, "it failed")
		return errors.New("exit status 1")
	}
	_, err := io.WriteString(stdout, "ok")
	return err
}

// LoadImageArchive records the archive loaded into node.
func (p *Provider) LoadImageArchive(ctx context.Context, name, node string, archive io.Reader) error {
	data, err := io.ReadAll(archive)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.loaded[node] = append(p.loaded[node], data...)
	return err
}

// Runtime is an engine with images in memory; an image's archive is its name repeated.
type Runtime struct {
	mu      sync.Mutex
	InfoErr error
	Cgroup  string
	images  map[string]bool
	loads   [][]byte
	stopped map[string]bool
	// OnStart, when set, runs after StartContainers (a test's API answering again).
	OnStart func(names ...string)
	// Started is when every container started (zero: unknown).
	Started time.Time
}

// NewRuntime returns an engine that answers, on cgroup v2, with images.
func NewRuntime(images ...string) *Runtime {
	r := &Runtime{Cgroup: "2", images: map[string]bool{}}
	for _, i := range images {
		r.images[i] = true
	}
	return r
}

// SetImages replaces the engine's images.
func (r *Runtime) SetImages(images ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.images = map[string]bool{}
	for _, i := range images {
		r.images[i] = true
	}
}

// Loads returns the archives given to LoadImages.
func (r *Runtime) Loads() [][]byte {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][]byte(nil), r.loads...)
}

// Name is "docker".
func (r *Runtime) Name() string { return "docker" }

// Info answers unless InfoErr is set.
func (r *Runtime) Info(ctx context.Context) (cluster.RuntimeInfo, error) {
	if r.InfoErr != nil {
		return cluster.RuntimeInfo{}, r.InfoErr
	}
	return cluster.RuntimeInfo{ServerVersion: "20.10.24", CgroupVersion: r.Cgroup, RootDir: "/var/lib/docker"}, nil
}

// ImagePresent reports whether the image was given to NewRuntime or SetImages.
func (r *Runtime) ImagePresent(ctx context.Context, ref string) (bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.images[ref], nil
}

// ImageSize is the size of Archive(ref).
func (r *Runtime) ImageSize(ctx context.Context, ref string) (int64, error) {
	return int64(len(Archive(ref))), nil
}

// Archive is the fake archive of an image.
func Archive(ref string) []byte { return bytes.Repeat([]byte("<"+ref+">"), 1000) }

// SaveImages writes the images' fake archives.
func (r *Runtime) SaveImages(ctx context.Context, w io.Writer, refs ...string) error {
	for _, ref := range refs {
		if _, err := w.Write(Archive(ref)); err != nil {
			return err
		}
	}
	return nil
}

// LoadImages records the archive.
func (r *Runtime) LoadImages(ctx context.Context, rd io.Reader) error {
	data, err := io.ReadAll(rd)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.loads = append(r.loads, data)
	return err
}

// Prober answers for the provider's clusters, unless Down; NotReady lists nodes that are
// not Ready. A cluster the provider creates after SetDown(true) answers (the half-made
// one was replaced).
type Prober struct {
	mu       sync.Mutex
	down     bool
	downAt   int
	notReady map[string]bool
	p        *Provider
}

// NewProber returns a prober that reads p's clusters.
func NewProber(p *Provider) *Prober { return &Prober{p: p, notReady: map[string]bool{}} }

// SetDown makes the API not answer (or answer again).
func (f *Prober) SetDown(down bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.down = down
	f.downAt, _ = f.p.Counts()
}

// SetNotReady marks a node not Ready.
func (f *Prober) SetNotReady(node string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.notReady[node] = true
}

// SetReady marks a node Ready again.
func (f *Prober) SetReady(node string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.notReady, node)
}

// Probe returns the cluster's nodes with server version v1.37.0.
func (f *Prober) Probe(ctx context.Context, kubeconfig []byte) (cluster.Health, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if creates, _ := f.p.Counts(); f.down && creates == f.downAt {
		return cluster.Health{}, errors.New("connection refused")
	}
	name := strings.TrimPrefix(string(kubeconfig), "kubeconfig of ")
	nodes, _ := f.p.ListNodes(name)
	h := cluster.Health{ServerVersion: "v1.37.0"}
	for _, n := range nodes {
		h.Nodes = append(h.Nodes, cluster.NodeHealth{Name: n.Name, Ready: !f.notReady[n.Name]})
	}
	return h, nil
}

// Clock advances one second at each reading, from a fixed date.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// Now returns the next second.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.t.IsZero() {
		c.t = time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	}
	c.t = c.t.Add(time.Second)
	return c.t
}

// Stop marks containers stopped.
func (r *Runtime) Stop(names ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.stopped == nil {
		r.stopped = map[string]bool{}
	}
	for _, n := range names {
		r.stopped[n] = true
	}
}

// Containers says every container runs, started at Started, but those Stop marked.
func (r *Runtime) Containers(ctx context.Context, names ...string) (map[string]cluster.Container, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	states := map[string]cluster.Container{}
	for _, n := range names {
		states[n] = cluster.Container{Running: !r.stopped[n], StartedAt: r.Started}
	}
	return states, nil
}

// StartContainers marks the containers running again, then calls OnStart.
func (r *Runtime) StartContainers(ctx context.Context, names ...string) error {
	r.mu.Lock()
	for _, n := range names {
		delete(r.stopped, n)
	}
	on := r.OnStart
	r.mu.Unlock()
	if on != nil {
		on(names...)
	}
	return nil
}
