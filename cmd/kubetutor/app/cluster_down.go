package app

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"kubetutor/labs/cluster"
)

func newClusterDownCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "down",
		Short: deps.Tr.T("cluster.down.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClusterDown(cmd.Context(), deps, newClusterManager(deps, f.name))
		},
	}
}

// runClusterDown deletes the cluster and its kubeconfig.
func runClusterDown(ctx context.Context, deps *Deps, m *cluster.Manager) error {
	existed, err := m.Down(ctx)
	if err != nil {
		return clusterError(deps, m, err)
	}
	key := "cluster.down.done"
	if !existed {
		key = "cluster.down.none"
	}
	fmt.Fprintln(deps.Out, deps.Tr.T(key, map[string]any{"Name": m.Name()}))
	return nil
}
