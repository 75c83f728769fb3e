package tui

import (
	"kubetutor/labs"
	"kubetutor/labs/catalog"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
	tuilab "kubetutor/tui/lab"
)

// catalogOf lists labs as the home screen gets them.
func catalogOf(all ...*labs.Lab) []*catalog.Lab {
	out := make([]*catalog.Lab, len(all))
	for i, l := range all {
		out[i] = &catalog.Lab{ID: l.ID, Title: l.Title, Summary: l.Summary, Section: l.Section, Needs: l.Needs, Steps: l.StepIDs()}
	}
	return out
}

// labOpener opens the full binary's lab screen on cfg, as the app does.
func labOpener(cfg tuilab.Config) LabOpener {
	return func(c *common.Common) LabScreen { return full.NewLab(c, cfg) }
}
