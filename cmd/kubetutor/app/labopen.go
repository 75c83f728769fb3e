package app

import (
	"os"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

type labOpenOptions struct {
	Lab        string
	Kubeconfig string
}

// newLabOpenCommand opens the TUI on a lab: its steps, live grading and the lab shell.
func newLabOpenCommand(deps *Deps) *cobra.Command {
	opts := &labOpenOptions{}
	cmd := &cobra.Command{
		Use:   "open LAB",
		Short: deps.Tr.T("labscreen.open.short"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return i18n.UsageErr(nil, "labscreen.open.args")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Lab = args[0]
			return runLabOpen(deps, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Kubeconfig, "kubeconfig", "", deps.Tr.T("labs.flag.kubeconfig"))
	return cmd
}

// runLabOpen checks the lab exists, then opens the TUI on it.
func runLabOpen(deps *Deps, opts *labOpenOptions) error {
	if _, err := loadLab(deps, opts.Lab); err != nil {
		return err
	}
	if opts.Kubeconfig != "" {
		if _, err := os.Stat(opts.Kubeconfig); err != nil {
			return i18n.UsageErr(err, "labs.kubeconfig.unreadable", "Path", opts.Kubeconfig)
		}
	}
	return runTUIOpts(deps, tuiOptions{lab: opts.Lab, kubeconfig: opts.Kubeconfig})
}

// tuiOptions says what the TUI opens on.
type tuiOptions struct {
	open common.OpenChapterMsg
	lab  string
	// kubeconfig, when set, is the cluster labs run on instead of the tutor's own.
	kubeconfig string
	// showMap opens the architecture map (kubetutor map).
	showMap bool
	// cluster opens the cluster creation (handed over by the light binary's home screen).
	cluster bool
	// join opens the home screen's workshop form (handed over by the light binary).
	join bool
}
