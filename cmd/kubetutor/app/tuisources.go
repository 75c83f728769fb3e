package app

import (
	"kubetutor/labs/catalog"
	"kubetutor/tui"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
)

// The full binary's screens, handed to the light tui root through its sources
// (tui/full adapts tui/lab, tui/archmap and tui/cluster to the root's interfaces).

// rootLabs is the labSource as the root sees it.
type rootLabs struct{ src *labSource }

// Labs lists the labs for the home screen.
func (r rootLabs) Labs() []*catalog.Lab {
	out := make([]*catalog.Lab, len(r.src.all))
	for i, l := range r.src.all {
		out[i] = &catalog.Lab{ID: l.ID, Title: l.Title, Summary: l.Summary, Section: l.Section, Needs: l.Needs, Steps: l.StepIDs()}
	}
	return out
}

// Open prepares the lab screen.
func (r rootLabs) Open(id string) (tui.LabOpener, error) {
	cfg, err := r.src.Open(id)
	if err != nil {
		return nil, err
	}
	return func(c *common.Common) tui.LabScreen { return full.NewLab(c, cfg) }, nil
}

// rootMap is the mapSource as the root sees it.
type rootMap struct{ src mapSource }

// Config reads the cluster's configuration and returns what builds the map.
func (r rootMap) Config() tui.MapOpener {
	cfg := r.src.Config()
	return func(c *common.Common) tui.MapScreen { return full.NewMap(c, cfg) }
}
