package archmap

import "kubetutor/internal/mapstate"

// StaticState is the map drawn from the chapter alone, when there is no cluster: the
// control plane's components and two worker nodes, each box linked to its section.
func StaticState() mapstate.State {
	s := mapstate.State{}
	for _, k := range mapstate.ControlPlaneKinds {
		s.ControlPlane = append(s.ControlPlane, mapstate.Component{Kind: k, Health: mapstate.Unknown})
	}
	for _, name := range []string{"control-plane", "worker", "worker2"} {
		n := mapstate.Node{Name: name, ControlPlane: name == "control-plane", Health: mapstate.Unknown}
		for _, k := range mapstate.NodeKinds {
			n.Components = append(n.Components, mapstate.Component{Kind: k, Node: name, Health: mapstate.Unknown})
		}
		s.Nodes = append(s.Nodes, n)
	}
	return s
}
