package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"kubetutor/internal/progress"
	"kubetutor/labs/catalog"
)

type labListOptions struct{}

func newLabListCommand(deps *Deps) *cobra.Command {
	opts := &labListOptions{}
	return &cobra.Command{
		Use:   "list",
		Short: deps.Tr.T("labs.list.short"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return runLabList(deps, opts) },
	}
}

// runLabList prints the labs with what they need and the student's progress in each.
func runLabList(deps *Deps, _ *labListOptions) error {
	all, err := listLabs(deps)
	if err != nil {
		return err
	}
	var doc *progress.Document
	if store, err := progress.Open(deps.Dirs.ProgressFile()); err == nil {
		doc, _ = store.Load()
	} else {
		deps.Log.Warn("progress unreadable", "err", err)
	}
	tw := tabwriter.NewWriter(deps.Out, 2, 4, 2, ' ', 0)
	tr := deps.Tr
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", tr.T("labs.list.id"), tr.T("labs.list.title"), tr.T("labs.list.needs"), tr.T("labs.list.progress"))
	for _, l := range all {
		done := 0
		if doc != nil {
			done = catalog.CountSolved(l.Steps, doc.Labs[l.ID])
		}
		needs := tr.T("labs.needs.any")
		if l.Needs == catalog.NeedsNodeAccess {
			needs = tr.T("labs.needs.node")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.ID, l.Title.In(tr.Lang()), needs,
			tr.T("labs.list.steps", map[string]any{"Done": done, "Total": len(l.Steps)}))
	}
	return tw.Flush()
}
