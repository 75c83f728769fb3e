package cli

import (
	"errors"

	"github.com/spf13/cobra"

	"kubetutor/labs/catalog"
)

// newLabCommand groups the headless lab commands: « list » runs here, the others in the
// full binary (heavy).
func newLabCommand(deps *Deps) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "lab",
		Short: deps.Tr.T("labs.cmd.short"),
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, args []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newLabListCommand(deps))
	cmd.AddCommand(heavyCommands(deps, "lab")...)
	return cmd
}

// LoadLabs, when set (by the full binary), loads and validates every lab, printing the
// problems of invalid content; the light binary lists the catalog and hands over when
// a lab is not well formed enough to list.
var LoadLabs func(deps *Deps) ([]*catalog.Lab, error)

// listLabs returns the content's labs for « lab list ».
func listLabs(deps *Deps) ([]*catalog.Lab, error) {
	if LoadLabs != nil {
		return LoadLabs(deps)
	}
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	all, err := catalog.LoadAll(content)
	if errors.Is(err, catalog.ErrUnreadable) {
		deps.Log.Info("a lab does not list; the full binary reports it", "err", err)
		return nil, handOver(deps.Getenv, deps.args)
	}
	return all, err
}
