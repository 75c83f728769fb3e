package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
)

type progressResetOptions struct {
	chapter string
	yes     bool
}

func newProgressResetCommand(deps *Deps) *cobra.Command {
	opts := &progressResetOptions{}
	cmd := &cobra.Command{
		Use:   "reset",
		Short: deps.Tr.T("progress.reset.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProgressReset(deps, opts)
		},
	}
	cmd.Flags().StringVar(&opts.chapter, "chapter", "", deps.Tr.T("progress.reset.flag.chapter"))
	cmd.Flags().BoolVarP(&opts.yes, "yes", "y", false, deps.Tr.T("progress.reset.flag.yes"))
	return cmd
}

// runProgressReset erases the progress of one chapter or all of it, after the student
// confirms on stdin (or with --yes).
func runProgressReset(deps *Deps, opts *progressResetOptions) error {
	if opts.chapter != "" {
		if course := loadCourseQuietly(deps); course != nil {
			if _, err := course.Chapter(opts.chapter); err != nil {
				return err
			}
		}
	}
	store, err := openStore(deps)
	if err != nil {
		return err
	}
	if !opts.yes {
		if opts.chapter != "" {
			fmt.Fprint(deps.Out, deps.Tr.T("progress.reset.confirm.chapter", map[string]any{"Chapter": opts.chapter})+" ")
		} else {
			fmt.Fprint(deps.Out, deps.Tr.T("progress.reset.confirm.all")+" ")
		}
		if !confirmed(deps) {
			fmt.Fprintln(deps.Out, deps.Tr.T("progress.reset.cancelled"))
			return nil
		}
	}
	err = store.Update(func(d *progress.Document) error {
		if opts.chapter == "" {
			*d = progress.Document{Schema: progress.Schema}
			return nil
		}
		delete(d.Chapters, opts.chapter)
		return nil
	})
	if err != nil {
		return i18n.FailErr(err, "progress.unavailable", "Path", store.Path())
	}
	if opts.chapter != "" {
		fmt.Fprintln(deps.Out, deps.Tr.T("progress.reset.done.chapter", map[string]any{"Chapter": opts.chapter}))
	} else {
		fmt.Fprintln(deps.Out, deps.Tr.T("progress.reset.done.all"))
	}
	return nil
}

// confirmed reads one line from stdin: yes in French or English. Anything else, and the
// end of input, is no.
func confirmed(deps *Deps) bool {
	line, _ := bufio.NewReader(deps.In).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "o", "oui", "y", "yes":
		return true
	}
	return false
}
