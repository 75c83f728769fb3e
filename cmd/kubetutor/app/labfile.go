package app

import (
	"errors"
	"io/fs"
	"path"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
)

type labFileOptions struct{}

// newLabFileCommand prints a file shipped with a lab (a manifest the student applies:
// « kubetutor lab file metrics metrics-server.yaml | kubectl apply -f - »).
func newLabFileCommand(deps *Deps) *cobra.Command {
	opts := &labFileOptions{}
	return &cobra.Command{
		Use:   "file LAB FILE",
		Short: deps.Tr.T("labfile.short"),
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return i18n.UsageErr(nil, "labfile.usage", "Cmd", cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error { return runLabFile(deps, opts, args[0], args[1]) },
	}
}

// runLabFile writes the lab's file to deps.Out.
func runLabFile(deps *Deps, _ *labFileOptions, lab, name string) error {
	if _, err := loadLab(deps, lab); err != nil {
		return err
	}
	content, err := deps.Content()
	if err != nil {
		return err
	}
	data, err := fs.ReadFile(content, path.Join("labs", lab, path.Clean("/" + name)[1:]))
	if errors.Is(err, fs.ErrNotExist) || path.Base(name) == "lab.yaml" {
		return i18n.FailErr(err, "labfile.missing", "Lab", lab, "File", name)
	}
	if err != nil {
		return err
	}
	_, err = deps.Out.Write(data)
	return err
}
