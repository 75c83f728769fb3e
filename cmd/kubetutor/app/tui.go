package app

import "kubetutor/i18n"

// runTUI opens the full-screen tutor. The reader lands with the course issue.
func runTUI(deps *Deps) error {
	return i18n.UsageErr(nil, "cli.tui.unavailable")
}
