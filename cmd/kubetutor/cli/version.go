package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"kubetutor/internal/buildinfo"
)

// Version returns kubetutor's version: the one stamped at build time, else the module's,
// else "dev".
func Version() string { return buildinfo.Version() }

type versionOptions struct {
	json bool
}

func newVersionCommand(deps *Deps) *cobra.Command {
	o := &versionOptions{}
	cmd := &cobra.Command{
		Use:   "version",
		Short: deps.Tr.T("cli.version.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runVersion(deps, o, buildinfo.Get())
		},
	}
	cmd.Flags().BoolVar(&o.json, "json", false, deps.Tr.T("release.version.flag.json"))
	return cmd
}

// runVersion prints the build's identity: two lines for a person, or one JSON object.
func runVersion(deps *Deps, o *versionOptions, bi buildinfo.Info) error {
	if o.json {
		enc := json.NewEncoder(deps.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(bi)
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("cli.version.line", map[string]any{
		"Version": bi.Version, "Go": bi.Go, "OS": bi.OS, "Arch": bi.Arch,
	}))
	fmt.Fprintln(deps.Out, deps.Tr.T("release.version.build", map[string]any{
		"Commit": bi.Commit, "Date": bi.Date,
	}))
	return nil
}
