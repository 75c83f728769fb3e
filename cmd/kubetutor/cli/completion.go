package cli

import (
	"github.com/spf13/cobra"

	"kubetutor/i18n"
)

func newCompletionCommand(deps *Deps) *cobra.Command {
	return &cobra.Command{
		Use:       "completion bash|zsh|fish",
		Short:     deps.Tr.T("cli.completion.short"),
		Long:      deps.Tr.T("cli.completion.long"),
		ValidArgs: []string{"bash", "zsh", "fish"},
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return i18n.UsageErr(nil, "cli.completion.shell")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(deps.Out, true)
			case "zsh":
				return root.GenZshCompletion(deps.Out)
			case "fish":
				return root.GenFishCompletion(deps.Out, true)
			}
			return i18n.UsageErr(nil, "cli.completion.shell")
		},
	}
}
