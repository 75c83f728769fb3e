package app

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs/cluster/doctor"
)

type doctorOptions struct {
	name string
}

func newDoctorCommand(deps *Deps) *cobra.Command {
	o := &doctorOptions{}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: deps.Tr.T("doctor.short"),
		Long:  deps.Tr.T("doctor.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m := newClusterManager(deps, o.name)
			return runDoctor(cmd.Context(), deps, doctor.Host{M: m})
		},
	}
	cmd.Flags().StringVar(&o.name, "name", tutorCluster(deps), deps.Tr.T("cluster.flag.name"))
	return cmd
}

// levelKeys are the catalog keys of the finding levels.
var levelKeys = map[doctor.Level]string{
	doctor.OK:       "doctor.level.ok",
	doctor.Warning:  "doctor.level.warning",
	doctor.Blocking: "doctor.level.blocking",
}

var levelMarks = map[doctor.Level]string{doctor.OK: "✓", doctor.Warning: "!", doctor.Blocking: "✗"}

// runDoctor prints one line per finding, with its fix, and fails with exit code 2 when
// something blocks.
func runDoctor(ctx context.Context, deps *Deps, sys doctor.System) error {
	tr := deps.Tr
	fs := doctor.Run(ctx, sys)
	fmt.Fprintln(deps.Out, tr.T("doctor.title"))
	width := 0
	for _, k := range levelKeys {
		width = max(width, len([]rune(tr.T(k))))
	}
	for _, f := range fs {
		level := tr.T(levelKeys[f.Level])
		fmt.Fprintf(deps.Out, "  %s %-*s  %s\n", levelMarks[f.Level], width, level, tr.Msg(f.Title))
		if f.Level != doctor.OK && f.Fix.ID != "" {
			fmt.Fprintln(deps.Out, tr.T("doctor.fix", map[string]any{"Fix": tr.Msg(f.Fix)}))
		}
		deps.Log.Info("doctor", "finding", f.ID, "level", f.Level, "title", f.Title.String())
	}
	if n := doctor.Count(fs, doctor.Blocking); n > 0 {
		return i18n.UsageErr(nil, "doctor.summary.blocking", "N", n)
	}
	if n := doctor.Count(fs, doctor.Warning); n > 0 {
		fmt.Fprintln(deps.Out, tr.T("doctor.summary.warnings", map[string]any{"N": n}))
		return nil
	}
	fmt.Fprintln(deps.Out, tr.T("doctor.summary.ok"))
	return nil
}
