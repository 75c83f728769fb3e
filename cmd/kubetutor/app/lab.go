package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/labs"
)

// labCommand is the frame of a `kubetutor lab VERB LAB` command: one argument, the lab
// (else the usage error argsKey), and run called with a context that SIGINT and SIGTERM
// cancel.
func labCommand(use, short, long, argsKey string, run func(ctx context.Context, lab string) error) *cobra.Command {
	return &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return i18n.UsageErr(nil, argsKey)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := interruptible(cmd.Context())
			defer stop()
			return run(ctx, args[0])
		},
	}
}

// loadLabs loads every lab of the content root. Invalid content is printed problem by
// problem and fails the command.
func loadLabs(deps *Deps) ([]*labs.Lab, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	all, err := labs.LoadAll(content)
	if err != nil {
		return nil, labsContentErr(deps, err)
	}
	return all, nil
}

// loadLab loads one lab by id.
func loadLab(deps *Deps, id string) (*labs.Lab, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	lab, err := labs.Load(content, id)
	if errors.Is(err, fs.ErrNotExist) {
		ids, _ := labs.List(content)
		sort.Strings(ids)
		return nil, i18n.UsageErr(err, "labs.unknown", "ID", id, "Known", strings.Join(ids, ", "))
	}
	if err != nil {
		return nil, labsContentErr(deps, err)
	}
	return lab, nil
}

func labsContentErr(deps *Deps, err error) error {
	var ve *labs.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintln(deps.Err, p.String())
		}
		return i18n.FailErr(err, "labs.invalid", "Count", len(ve.Problems))
	}
	return i18n.FailErr(err, "labs.unreadable")
}
