package cli

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"kubetutor/i18n"
	"kubetutor/tui/common"
)

// LightRootCommand builds the command tree as the light binary has it, heavy commands
// as stubs that hand over, even in the full binary (its tests compare both trees).
func LightRootCommand(deps *Deps) *cobra.Command {
	light := *deps
	light.light = true
	return NewRootCommand(&light)
}

// NewRootCommand builds the kubetutor command tree. Without a subcommand it opens the TUI.
func NewRootCommand(deps *Deps) *cobra.Command {
	tr := deps.Tr
	var lang string
	root := &cobra.Command{
		Use:           "kubetutor",
		Short:         tr.T("cli.root.short"),
		Long:          tr.T("cli.root.long"),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return i18n.UsageErr(nil, "cli.unknown.command", "Name", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return TUI(deps, common.OpenChapterMsg{}, nil)
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	pf := root.PersistentFlags()
	pf.StringVar(&lang, "lang", "", tr.T("cli.flag.lang"))
	pf.StringVar(&deps.CourseDir, "course", "", tr.T("cli.flag.course"))
	pf.StringVar(&deps.Style, "style", "", tr.T("reader.flag.style"))
	// The screen the light binary's TUI handed over (tui.HandOver), for the full one.
	pf.StringVar(&deps.Open, OpenFlag, "", "")
	_ = pf.MarkHidden(OpenFlag)
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if lang != "" {
			if _, ok := i18n.ParseLang(lang); !ok {
				return i18n.UsageErr(nil, "cli.lang.unknown", "Lang", lang)
			}
		}
		return nil
	}

	root.AddCommand(
		newVersionCommand(deps),
		newCompletionCommand(deps),
		newReadCommand(deps),
		newProgressCommand(deps),
		newQuizCommand(deps),
		newLabCommand(deps),
	)
	// The full binary's commands (cluster, doctor, map…), or stubs that hand over to it.
	root.AddCommand(heavyCommands(deps, "")...)
	localize(root, tr)
	if Complete != nil {
		Complete(root, deps)
	}
	return root
}

// Complete, when set (by the full binary), adds the shell completions of the tree.
var Complete func(root *cobra.Command, deps *Deps)

// localize replaces cobra's English help scaffolding (usage template, help flag, help
// command, flag errors) with the student's language, on the whole tree.
func localize(root *cobra.Command, tr *i18n.Translator) {
	cobra.AddTemplateFunc("flagUsages", func(fs *pflag.FlagSet) string { return flagUsages(tr, fs) })
	root.SetUsageTemplate(usageTemplate(tr))
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]",
		Short: tr.T("cli.help.short"),
		RunE: func(c *cobra.Command, args []string) error {
			cmd, _, err := c.Root().Find(args)
			if cmd == nil || err != nil {
				return i18n.UsageErr(nil, "cli.unknown.command", "Name", strings.Join(args, " "))
			}
			return cmd.Help()
		},
	})
	root.SetFlagErrorFunc(flagError)
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableFlagsInUseLine = true
		c.Flags().BoolP("help", "h", false, tr.T("cli.flag.help", map[string]any{"Cmd": c.Name()}))
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

func usageTemplate(tr *i18n.Translator) string {
	r := strings.NewReplacer(
		"@USAGE@", tr.T("cli.usage.usage"),
		"@ALIASES@", tr.T("cli.usage.aliases"),
		"@EXAMPLES@", tr.T("cli.usage.examples"),
		"@COMMANDS@", tr.T("cli.usage.commands"),
		"@FLAGS@", tr.T("cli.usage.flags"),
		"@GLOBAL@", tr.T("cli.usage.global"),
		"@SUBCMD@", tr.T("cli.usage.subcommand"),
		"@MORE@", tr.T("cli.usage.more", map[string]any{"CommandPath": "{{.CommandPath}}"}),
	)
	return r.Replace(`@USAGE@{{if .Runnable}}
  {{.UseLine}}{{end}}{{if .HasAvailableSubCommands}}
  {{.CommandPath}} @SUBCMD@{{end}}{{if gt (len .Aliases) 0}}

@ALIASES@
  {{.NameAndAliases}}{{end}}{{if .HasExample}}

@EXAMPLES@
{{.Example}}{{end}}{{if .HasAvailableSubCommands}}

@COMMANDS@{{range .Commands}}{{if (or .IsAvailableCommand (eq .Name "help"))}}
  {{rpad .Name .NamePadding }} {{.Short}}{{end}}{{end}}{{end}}{{if .HasAvailableLocalFlags}}

@FLAGS@
{{flagUsages .LocalFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableInheritedFlags}}

@GLOBAL@
{{flagUsages .InheritedFlags | trimTrailingWhitespaces}}{{end}}{{if .HasAvailableSubCommands}}

@MORE@{{end}}
`)
}
