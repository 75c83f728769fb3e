package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// clusterUpOptions are the flags of `cluster up` and `cluster reset`.
type clusterUpOptions struct {
	workers  int
	image    string
	recreate bool
	yes      bool
}

func (o clusterUpOptions) up() cluster.UpOptions {
	return cluster.UpOptions{Workers: o.workers, Image: o.image, Recreate: o.recreate || o.yes}
}

func addUpFlags(deps *Deps, cmd *cobra.Command, o *clusterUpOptions) {
	fl := cmd.Flags()
	fl.IntVar(&o.workers, "workers", cluster.DefaultWorkers, deps.Tr.T("cluster.up.flag.workers"))
	fl.StringVar(&o.image, "image", "", deps.Tr.T("cluster.up.flag.image", map[string]any{"Version": cluster.KindVersion()}))
	fl.BoolVarP(&o.yes, "yes", "y", false, deps.Tr.T("cluster.flag.yes"))
}

func newClusterUpCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	o := &clusterUpOptions{}
	cmd := &cobra.Command{
		Use:   "up",
		Short: deps.Tr.T("cluster.up.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runClusterUp(ctx, deps, newClusterManager(deps, f.name), *o)
		},
	}
	addUpFlags(deps, cmd, o)
	cmd.Flags().BoolVar(&o.recreate, "recreate", false, deps.Tr.T("cluster.up.flag.recreate"))
	return cmd
}

// runClusterUp creates the cluster unless it runs, printing a checklist of kind's steps.
func runClusterUp(ctx context.Context, deps *Deps, m *cluster.Manager, o clusterUpOptions) error {
	if err := checkWorkers(o.workers); err != nil {
		return err
	}
	tr := deps.Tr
	start := time.Now()
	cl := newChecklist(deps, func() {
		fmt.Fprintln(deps.Out, tr.T("cluster.up.creating", map[string]any{"Name": m.Name(), "Nodes": o.workers + 1}))
	})
	out, err := m.Up(ctx, o.up(), cl.event)
	if errors.Is(err, cluster.ErrHalfMade) &&
		confirm(deps, tr.T("cluster.up.halfmade.ask", map[string]any{"Name": m.Name()})) {
		o.recreate = true
		out, err = m.Up(ctx, o.up(), cl.event)
	}
	if err != nil {
		return clusterError(deps, m, err)
	}
	switch out {
	case cluster.AlreadyRunning:
		fmt.Fprintln(deps.Out, tr.T("cluster.up.already", map[string]any{"Name": m.Name()}))
	case cluster.Restarted:
		fmt.Fprintln(deps.Out, tr.T("cluster.up.restarted", map[string]any{
			"Name": m.Name(), "Elapsed": formatSeconds(tr, time.Since(start)),
		}))
	default:
		fmt.Fprintln(deps.Out, tr.T("cluster.up.created", map[string]any{
			"Name": m.Name(), "Elapsed": formatSeconds(tr, time.Since(start)),
		}))
	}
	fmt.Fprintln(deps.Out, tr.T("cluster.up.hint"))
	return nil
}

// checkWorkers validates --workers before anything runs.
func checkWorkers(n int) error {
	if n < 0 || n > cluster.MaxWorkers {
		return i18n.UsageErr(cluster.ErrInvalidWorkers, "cluster.invalid.workers", "N", n, "Max", cluster.MaxWorkers)
	}
	return nil
}

func newClusterResetCommand(deps *Deps, f *clusterFlags) *cobra.Command {
	o := &clusterUpOptions{}
	cmd := &cobra.Command{
		Use:   "reset",
		Short: deps.Tr.T("cluster.reset.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return runClusterReset(ctx, deps, newClusterManager(deps, f.name), *o)
		},
	}
	addUpFlags(deps, cmd, o)
	return cmd
}

// runClusterReset deletes the cluster and creates a fresh one, after asking.
func runClusterReset(ctx context.Context, deps *Deps, m *cluster.Manager, o clusterUpOptions) error {
	if err := checkWorkers(o.workers); err != nil {
		return err
	}
	tr := deps.Tr
	if !o.yes && !confirm(deps, tr.T("cluster.reset.ask", map[string]any{"Name": m.Name()})) {
		return i18n.FailErr(nil, "cluster.reset.aborted")
	}
	start := time.Now()
	cl := newChecklist(deps, func() {
		fmt.Fprintln(deps.Out, tr.T("cluster.up.creating", map[string]any{"Name": m.Name(), "Nodes": o.workers + 1}))
	})
	if err := m.Reset(ctx, o.up(), cl.event); err != nil {
		return clusterError(deps, m, err)
	}
	fmt.Fprintln(deps.Out, tr.T("cluster.up.created", map[string]any{
		"Name": m.Name(), "Elapsed": formatSeconds(tr, time.Since(start)),
	}))
	return nil
}
