package app

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

func newClusterKubeconfigCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "kubeconfig",
		Short: deps.Tr.T("cluster.kubeconfig.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClusterKubeconfig(deps, newClusterManager(deps, f.name), false)
		},
	}
}

func newClusterEnvCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "env",
		Short: deps.Tr.T("cluster.env.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClusterKubeconfig(deps, newClusterManager(deps, f.name), true)
		},
	}
}

// runClusterKubeconfig prints the kubeconfig path, or with env an export line for a shell.
func runClusterKubeconfig(deps *Deps, m *cluster.Manager, env bool) error {
	path := m.KubeconfigPath()
	if _, err := os.Stat(path); err != nil {
		return i18n.FailErr(err, "cluster.none", "Name", m.Name())
	}
	if env {
		fmt.Fprintf(deps.Out, "export KUBECONFIG=%s\n", shellQuote(path))
		return nil
	}
	fmt.Fprintln(deps.Out, path)
	return nil
}

// shellQuote quotes s for a POSIX shell when it holds anything but safe characters.
func shellQuote(s string) string {
	safe := func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+=:@%,", r)
	}
	if s != "" && strings.IndexFunc(s, func(r rune) bool { return !safe(r) }) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func newClusterConfigCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	var workers int
	var image string
	cmd := &cobra.Command{
		Use:    "config",
		Short:  deps.Tr.T("cluster.config.short"),
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkWorkers(workers); err != nil {
				return err
			}
			return runClusterConfig(cmd.Context(), deps, newClusterManager(deps, f.name), workers, image)
		},
	}
	cmd.Flags().IntVar(&workers, "workers", cluster.DefaultWorkers, deps.Tr.T("cluster.up.flag.workers"))
	cmd.Flags().StringVar(&image, "image", "", deps.Tr.T("cluster.up.flag.image", map[string]any{"Version": cluster.KindVersion()}))
	return cmd
}

// runClusterConfig prints the kind configuration `cluster up` would use (the benchmark gives
// it to kind's own CLI).
func runClusterConfig(ctx context.Context, deps *Deps, m *cluster.Manager, workers int, image string) error {
	info, _ := m.Runtime().Info(ctx)
	cfg := cluster.LabConfig(m.Name(), cluster.ConfigOptions{
		Workers: workers, Image: m.NodeImage(ctx, image), CgroupV1: info.CgroupVersion == "1",
	})
	data, err := cluster.ConfigYAML(cfg)
	if err != nil {
		return err
	}
	_, err = deps.Out.Write(data)
	return err
}
