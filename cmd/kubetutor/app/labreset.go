package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/labs/cluster"
)

// labResetAPIWait bounds the wait for the API after the nodes are put back (etcd and the
// apiserver restart).
const labResetAPIWait = 4 * time.Minute

type labResetOptions struct {
	Lab        string
	Yes        bool
	Kubeconfig string
}

// newLabResetCommand is `kubetutor lab reset LAB`: the nodes put back (labs.Recovery),
// then the lab's objects and progress.
func newLabResetCommand(deps *Deps) *cobra.Command {
	opts := &labResetOptions{}
	cmd := labCommand("reset LAB", deps.Tr.T("labs.reset.short"), deps.Tr.T("labs.reset.long"), "labs.reset.args",
		func(ctx context.Context, lab string) error {
			opts.Lab = lab
			return runLabReset(ctx, deps, opts)
		})
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, deps.Tr.T("labs.reset.flag.yes"))
	cmd.Flags().StringVar(&opts.Kubeconfig, "kubeconfig", "", deps.Tr.T("labs.flag.kubeconfig"))
	return cmd
}

func runLabReset(ctx context.Context, deps *Deps, opts *labResetOptions) error {
	tr := deps.Tr
	lab, err := loadLab(deps, opts.Lab)
	if err != nil {
		return err
	}
	name := tutorCluster(deps)
	if opts.Kubeconfig == "" {
		st, err := newClusterManager(deps, name).Status(ctx)
		if err == nil && st.State == cluster.StateAbsent {
			return i18n.UsageErr(nil, "labs.cluster.missing")
		}
	}
	runner, err := newLabRunner(deps, lab, opts.Kubeconfig)
	if err != nil {
		return err
	}
	// The tutor's cluster is kind's: its node names are kind's, whatever its API says (a
	// broken etcd may serve an empty cluster). Another cluster's come from its API.
	if opts.Kubeconfig == "" {
		err = runner.BindTo(labs.KindNodes(name))
	} else {
		bctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		if err = runner.Bind(bctx); err != nil {
			deps.Log.Warn("lab reset: the API does not answer, the lab keeps its node names", "err", err)
			err = nil
		}
		cancel()
	}
	if err != nil {
		return i18n.FailErr(err, "labs.reset.failed", "Err", err.Error())
	}
	rec := runner.Lab().Recovery
	if rec != nil && opts.Kubeconfig != "" {
		return i18n.UsageErr(labs.ErrNoNodeAccess, "labs.reset.nonodes")
	}
	if opts.Kubeconfig != "" {
		name = opts.Kubeconfig
	}
	if !opts.Yes {
		q := tr.T("labs.reset.ask", map[string]any{"ID": lab.ID, "Cluster": name})
		if rec != nil {
			q = tr.T("labs.reset.ask.nodes", map[string]any{"ID": lab.ID, "Cluster": name, "What": recoveryWhat(deps, rec)})
		}
		if !confirm(deps, q) {
			return i18n.FailErr(nil, "labs.reset.aborted")
		}
	}
	if rec != nil {
		err := runner.RecoverNodes(ctx, func(m i18n.Message) { fmt.Fprintln(deps.Out, "  • "+tr.Msg(m)) })
		if err != nil {
			return i18n.FailErr(err, "labs.reset.nodes.failed", "Err", err.Error())
		}
	}
	fmt.Fprintln(deps.Out, "  • "+tr.T("labs.reset.waitapi"))
	start := time.Now()
	wctx, cancel := context.WithTimeout(ctx, labResetAPIWait)
	defer cancel()
	if err := runner.WaitAPI(wctx, 2*time.Second); err != nil {
		return i18n.FailErr(err, "labs.reset.api.down", "Seconds", int(labResetAPIWait.Seconds()))
	}
	fmt.Fprintln(deps.Out, "  • "+tr.T("labs.reset.apiback", map[string]any{"Seconds": int(time.Since(start).Seconds())}))
	// Reset waits for the lab's namespaces to be gone, so that the lab opens again at once.
	err = runner.Reset(ctx, func(m i18n.Message) { fmt.Fprintln(deps.Out, "  • "+tr.Msg(m)) })
	var left *labs.SetupLeftError
	if errors.As(err, &left) {
		return &i18n.Error{Msg: left.Message(), Code: i18n.ExitFailure, Err: err}
	}
	if err != nil {
		return i18n.FailErr(err, "labs.reset.failed", "Err", err.Error())
	}
	fmt.Fprintln(deps.Out, tr.T("labs.reset.done", map[string]any{"ID": lab.ID}))
	return nil
}

// recoveryWhat says in a few words what the reset puts back on the nodes.
func recoveryWhat(deps *Deps, rec *labs.Recovery) string {
	var parts []string
	if len(rec.Kubelets) > 0 {
		parts = append(parts, deps.Tr.T("labs.reset.what.kubelets"))
	}
	var paths []string
	for _, f := range append(append([]labs.NodePath{}, rec.Files...), rec.Dirs...) {
		paths = append(paths, f.Path)
	}
	if len(paths) > 0 {
		parts = append(parts, deps.Tr.T("labs.reset.what.files", map[string]any{"Paths": strings.Join(paths, ", ")}))
	}
	return strings.Join(parts, ", ")
}
