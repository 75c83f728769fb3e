package cluster

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	kindcluster "sigs.k8s.io/kind/pkg/cluster"
	"sigs.k8s.io/kind/pkg/cluster/nodes"
	"sigs.k8s.io/kind/pkg/cluster/nodeutils"
	kindlog "sigs.k8s.io/kind/pkg/log"
)

// RuntimeEnv selects the container engine the way kind's CLI does; the library ignores it.
const RuntimeEnv = "KIND_EXPERIMENTAL_PROVIDER"

// RuntimeName returns the engine to use: the value of KIND_EXPERIMENTAL_PROVIDER when it is
// one kind's CLI knows (podman, docker, nerdctl, finch, nerdctl.lima), else docker.
func RuntimeName(getenv func(string) string) string {
	switch v := getenv(RuntimeEnv); v {
	case "podman", "docker", "nerdctl", "finch", "nerdctl.lima":
		return v
	default:
		return "docker"
	}
}

// KindProvider is the Provider backed by sigs.k8s.io/kind/pkg/cluster for one engine.
type KindProvider struct {
	runtime string
	log     *slog.Logger
}

// NewKindProvider returns the kind provider for the engine runtime ("docker", "podman",
// "nerdctl", …) logging to log.
func NewKindProvider(runtime string, log *slog.Logger) *KindProvider {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &KindProvider{runtime: runtime, log: log}
}

func (k *KindProvider) provider(logger kindlog.Logger) *kindcluster.Provider {
	if logger == nil {
		logger = newKindLogger(nil, k.log)
	}
	var rt kindcluster.ProviderOption
	switch k.runtime {
	case "podman":
		rt = kindcluster.ProviderWithPodman()
	case "nerdctl", "finch", "nerdctl.lima":
		rt = kindcluster.ProviderWithNerdctl(k.runtime)
	default:
		rt = kindcluster.ProviderWithDocker()
	}
	return kindcluster.NewProvider(kindcluster.ProviderWithLogger(logger), rt)
}

// Create makes the cluster with kind.
func (k *KindProvider) Create(name string, o CreateOptions) error {
	return k.provider(o.Logger).Create(name,
		kindcluster.CreateWithV1Alpha4Config(o.Config),
		kindcluster.CreateWithKubeconfigPath(o.KubeconfigPath),
		kindcluster.CreateWithWaitForReady(o.WaitForReady),
		kindcluster.CreateWithDisplayUsage(false),
		kindcluster.CreateWithDisplaySalutation(false),
	)
}

// Delete removes the cluster with kind.
func (k *KindProvider) Delete(name, kubeconfigPath string) error {
	return k.provider(nil).Delete(name, kubeconfigPath)
}

// ListNodes lists the cluster's node containers.
func (k *KindProvider) ListNodes(name string) ([]NodeInfo, error) {
	ns, err := k.provider(nil).ListNodes(name)
	if err != nil {
		return nil, err
	}
	out := make([]NodeInfo, 0, len(ns))
	for _, n := range ns {
		role, err := n.Role()
		if err != nil {
			role = ""
		}
		out = append(out, NodeInfo{Name: n.String(), Role: role})
	}
	return out, nil
}

// KubeConfig returns the cluster's kubeconfig for the host.
func (k *KindProvider) KubeConfig(name string) ([]byte, error) {
	s, err := k.provider(nil).KubeConfig(name, false)
	return []byte(s), err
}

func (k *KindProvider) node(name, node string) (nodes.Node, error) {
	ns, err := k.provider(nil).ListNodes(name)
	if err != nil {
		return nil, err
	}
	for _, n := range ns {
		if n.String() == node {
			return n, nil
		}
	}
	return nil, fmt.Errorf("%w: %q is not a node of cluster %q", ErrNotANode, node, name)
}

// Exec runs argv in the node container.
func (k *KindProvider) Exec(ctx context.Context, name, node string, stdin io.Reader, stdout, stderr io.Writer, argv ...string) error {
	if len(argv) == 0 {
		return fmt.Errorf("exec on %s: no command", node)
	}
	n, err := k.node(name, node)
	if err != nil {
		return err
	}
	cmd := n.CommandContext(ctx, argv[0], argv[1:]...)
	if stdin != nil {
		cmd.SetStdin(stdin)
	}
	return cmd.SetStdout(stdout).SetStderr(stderr).Run()
}

// LoadImageArchive imports an archive into the node's containerd.
func (k *KindProvider) LoadImageArchive(ctx context.Context, name, node string, archive io.Reader) error {
	n, err := k.node(name, node)
	if err != nil {
		return err
	}
	return nodeutils.LoadImageArchive(n, archive)
}
