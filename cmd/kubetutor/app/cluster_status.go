package app

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"kubetutor/labs/cluster"
)

func newClusterStatusCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: deps.Tr.T("cluster.status.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runClusterStatus(cmd.Context(), deps, newClusterManager(deps, f.name))
		},
	}
}

// runClusterStatus prints the cluster's state and nodes. It exits 1 when the cluster is
// absent or half made, like a service status.
func runClusterStatus(ctx context.Context, deps *Deps, m *cluster.Manager) error {
	tr := deps.Tr
	if _, err := m.Preflight(ctx); err != nil {
		return clusterError(deps, m, err)
	}
	st, err := m.Status(ctx)
	if err != nil {
		return clusterError(deps, m, err)
	}
	fmt.Fprintln(deps.Out, tr.T("cluster.status.line", map[string]any{"Name": st.Name, "State": tr.T(st.State.Key())}))
	if st.ServerVersion != "" {
		fmt.Fprintln(deps.Out, tr.T("cluster.status.version", map[string]any{
			"Version": st.ServerVersion, "Runtime": runtimeDisplay(m.Runtime().Name()),
		}))
	}
	for _, n := range st.Nodes {
		ready := tr.T("cluster.status.unknown")
		switch {
		case n.Stopped:
			ready = tr.T("cluster.status.stopped")
		case st.State == cluster.StateRunning || st.State == cluster.StateDegraded:
			ready = tr.T("cluster.status.notready")
			if n.Ready {
				ready = tr.T("cluster.status.ready")
			}
		}
		fmt.Fprintln(deps.Out, tr.T("cluster.status.node", map[string]any{"Name": n.Name, "Role": n.Role, "Ready": ready}))
	}
	if st.State == cluster.StateAbsent || st.State == cluster.StateHalfMade || st.State == cluster.StateStopped {
		return errSilent
	}
	fmt.Fprintln(deps.Out, tr.T("cluster.status.kubeconfig", map[string]any{"Path": st.Kubeconfig}))
	return nil
}
