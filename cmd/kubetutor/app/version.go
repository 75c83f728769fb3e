package app

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X kubetutor/cmd/kubetutor/app.version=…".
var version = ""

// Version returns kubetutor's version: the linker's value, else the module's, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newVersionCommand(deps *Deps) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: deps.Tr.T("cli.version.short"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintln(deps.Out, deps.Tr.T("cli.version.line", map[string]any{
				"Version": Version(), "Go": runtime.Version(), "OS": runtime.GOOS, "Arch": runtime.GOARCH,
			}))
			return nil
		},
	}
}
