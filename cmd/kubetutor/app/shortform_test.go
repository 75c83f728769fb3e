package app

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/paths"
)

// Every command's one-line help uses one grammatical form per language: the imperative in
// English (« Show », never « Shows »), the indicative in French (« Affiche », never
// « Afficher »).
func TestCommandShortsUseOneForm(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		deps := &Deps{Tr: i18n.New(lang), Dirs: paths.Resolve(), Getenv: func(string) string { return "" }}
		var walk func(c *cobra.Command)
		walk = func(c *cobra.Command) {
			first, _, _ := strings.Cut(c.Short, " ")
			switch lang {
			case i18n.EN:
				if strings.HasSuffix(first, "s") && first != "Labs" {
					t.Errorf("en %q: %q is not an imperative", c.CommandPath(), c.Short)
				}
			case i18n.FR:
				if strings.HasSuffix(first, "er") || strings.HasSuffix(first, "ir") {
					t.Errorf("fr %q: %q starts with an infinitive", c.CommandPath(), c.Short)
				}
			}
			for _, sub := range c.Commands() {
				walk(sub)
			}
		}
		walk(NewRootCommand(deps))
	}
}
