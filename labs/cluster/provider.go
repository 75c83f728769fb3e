package cluster

import (
	"context"
	"io"
	"time"

	"sigs.k8s.io/kind/pkg/apis/config/v1alpha4"
	kindlog "sigs.k8s.io/kind/pkg/log"
)

// NodeInfo names a node container of a cluster and its role ("control-plane", "worker").
type NodeInfo struct {
	Name string
	Role string
}

// CreateOptions are what the tutor passes to a creation.
type CreateOptions struct {
	Config         *v1alpha4.Cluster
	KubeconfigPath string
	WaitForReady   time.Duration
	// Logger receives kind's log lines; progress events are parsed from them.
	Logger kindlog.Logger
}

// Provider is the part of kind the tutor uses. The kind implementation calls
// sigs.k8s.io/kind/pkg/cluster; unit tests use a fake.
type Provider interface {
	// Create makes the cluster name. It blocks until done and cannot be cancelled; the
	// Manager runs it aside and deletes what was made when the context ends.
	Create(name string, o CreateOptions) error
	// Delete removes the cluster's containers and its entries in kubeconfigPath.
	Delete(name, kubeconfigPath string) error
	// ListNodes returns the node containers of the cluster name (none when it is absent).
	ListNodes(name string) ([]NodeInfo, error)
	// KubeConfig returns the cluster's kubeconfig (the host endpoint).
	KubeConfig(name string) ([]byte, error)
	// Exec runs argv in node of cluster name, with stdin when not nil, and writes its
	// standard output to stdout and its error output to stderr.
	Exec(ctx context.Context, name, node string, stdin io.Reader, stdout, stderr io.Writer, argv ...string) error
	// LoadImageArchive imports an image archive (docker save format) into node's
	// containerd, as `kind load image-archive` does.
	LoadImageArchive(ctx context.Context, name, node string, archive io.Reader) error
}

// ImageProgress reports a long image operation: bytes done of total (0 when unknown).
type ImageProgress func(done, total int64)

// Runtime is the container engine on the host (docker, podman or nerdctl) for what kind's
// library does not cover: the daemon check, images.
type Runtime interface {
	// Name is the engine's command name ("docker", "podman", "nerdctl").
	Name() string
	// Info asks the daemon for its state; an error means it is not reachable.
	Info(ctx context.Context) (RuntimeInfo, error)
	// ImagePresent reports whether ref is in the engine's image store.
	ImagePresent(ctx context.Context, ref string) (bool, error)
	// ImageSize returns the image's size in bytes as the engine reports it.
	ImageSize(ctx context.Context, ref string) (int64, error)
	// SaveImages writes refs as one archive (docker save format) to w.
	SaveImages(ctx context.Context, w io.Writer, refs ...string) error
	// LoadImages reads an archive (docker save format) into the engine.
	LoadImages(ctx context.Context, r io.Reader) error
	// Containers reports the state of the containers names.
	Containers(ctx context.Context, names ...string) (map[string]Container, error)
	// StartContainers starts the stopped containers names (docker start).
	StartContainers(ctx context.Context, names ...string) error
}

// Container is a node container's state as the engine reports it.
type Container struct {
	Running   bool
	StartedAt time.Time // when it last started (zero when unknown)
}

// RuntimeInfo is what the daemon says about itself.
type RuntimeInfo struct {
	ServerVersion string
	// CgroupVersion is "1" or "2" ("" when the engine does not say).
	CgroupVersion string
	// RootDir is where the engine keeps images and containers ("" when unknown).
	RootDir  string
	MemTotal int64
	NCPU     int
	// Name and OperatingSystem are the engine host's ("docker-desktop", "Docker Desktop";
	// "colima", "Ubuntu 24.04 LTS"): they tell which virtual machine runs the engine.
	Name            string
	OperatingSystem string
}
