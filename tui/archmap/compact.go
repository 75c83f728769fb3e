package archmap

import (
	"github.com/charmbracelet/x/ansi"

	"kubetutor/internal/mapstate"
)

// compact draws the compact form (80x24 and up): components as one-line boxes, a line per
// worker, pods as counts.
func (c *canvas) compact(w, h int) {
	tr, th := c.o.Tr, c.o.Theme
	c.title(w)
	cp := ""
	for _, n := range c.s.Nodes {
		if n.ControlPlane && c.s.Live {
			cp = " · " + n.Name
			if n.Health != mapstate.Up {
				cp += " " + th.Health(n.Health).Render(glyphs[n.Health]+" "+nodeStatus(tr, n))
			}
			break
		}
	}
	c.add(0, 1, th.Title.Render(tr.T("map.cp.title"))+th.Muted.Render(ansi.Truncate(cp, max(w-30, 10), "…")), "")

	// kubectl ─REST─► [apiserver] ─/registry─► [etcd], then
	// watch ▲ [scheduler] [controller-manager] [cloud-controller-manager]; a box that
	// does not fit the width goes to the next line.
	x, y, indent := 0, 2, 2
	put := func(s, id string) {
		sw := ansi.StringWidth(s)
		if id != "" && x > indent && x+sw > w {
			y++
			x = indent + ansi.StringWidth(tr.T("map.flow.watch")+" ▲ ")
		}
		c.add(x, y, s, id)
		x += sw
	}
	put(c.oneLine(idKubectl, kindKubectl, mapstate.Component{Kind: kindKubectl, Health: mapstate.Up}), idKubectl)
	put(c.arrow(" ─"+tr.T("map.flow.rest")+"─► ", c.s.Flashing(mapstate.FlowKubectl, "", flash)), "")
	put(c.oneLine(ComponentID(mapstate.APIServer), mapstate.APIServer, c.component(mapstate.APIServer)), ComponentID(mapstate.APIServer))
	put(c.arrow(" ─"+tr.T("map.flow.registry")+"─► ", c.s.Flashing(mapstate.FlowWrite, "", flash)), "")
	put(c.oneLine(ComponentID(mapstate.Etcd), mapstate.Etcd, c.component(mapstate.Etcd)), ComponentID(mapstate.Etcd))
	x, y = indent, y+1
	put(c.arrow(tr.T("map.flow.watch")+" ▲ ", c.s.Flashing(mapstate.FlowScheduled, "", flash)), "")
	for i, k := range []mapstate.Kind{mapstate.Scheduler, mapstate.ControllerManager, mapstate.CloudControllerManager} {
		if i > 0 {
			put(" ", "")
		}
		put(c.oneLine(ComponentID(k), k, c.component(k)), ComponentID(k))
	}
	y++
	c.add(0, y, c.arrow("▲ "+tr.T("map.flow.status")+"  ▼ "+tr.T("map.flow.podspecs"),
		c.s.Flashing(mapstate.FlowHeartbeat, "", flash)), "")
	y++

	workers := c.workers()
	room := h - y - 1 // the pending line
	if len(c.s.Pending) == 0 {
		room++
	}
	drawn := min(len(workers), MaxWorkers, max(room, 0))
	if drawn < len(workers) && drawn > 0 && drawn == room {
		drawn-- // a line for the summary
	}
	for _, n := range workers[:drawn] {
		c.workerLine(y, w, n)
		y++
	}
	if hidden := workers[drawn:]; len(hidden) > 0 && y < h {
		c.add(0, y, c.summary(hidden), "")
		y++
	}
	if len(c.s.Pending) > 0 && y < h {
		c.add(0, y, c.pendingLine(w), "")
	}
}

// oneLine is a component as a one-line box: [● name status], dashed when absent.
func (c *canvas) oneLine(id string, k mapstate.Kind, comp mapstate.Component) string {
	th := c.o.Theme
	open, close := "[", "]"
	base := th.Box
	if k == mapstate.CloudControllerManager && (comp.Health == mapstate.Absent || !c.s.Live) {
		open, close, base = "┆", "┆", th.Dashed
	}
	inner := c.glyph(comp.Health) + " " + string(k)
	switch {
	case k == kindKubectl && c.s.Live:
		inner = "kubectl"
	case k == kindKubectl:
		inner = "kubectl " + th.Link.Render(staticGlyph+" "+c.o.Sections[k])
	case !c.s.Live:
		inner += " " + th.Link.Render(staticGlyph+" "+c.o.Sections[k])
	case comp.Health != mapstate.Up:
		inner += " " + th.Health(comp.Health).Render(status(c.o.Tr, comp))
	}
	if id == c.o.Selected {
		return th.Selected.Render(open + ansi.Strip(inner) + close)
	}
	return base.Render(open) + inner + base.Render(close)
}

// workerLine is a worker in one line: its box, its components' glyphs, its pods' counts.
func (c *canvas) workerLine(y, w int, n mapstate.Node) {
	tr, th := c.o.Tr, c.o.Theme
	name := n.Name
	if !c.s.Live {
		name = tr.T("map.node.worker")
	}
	head := "[" + c.glyph(n.Health) + " " + name
	if c.s.Live {
		head += " " + th.Health(n.Health).Render(nodeStatus(tr, n))
	}
	head += "]"
	c.add(0, y, head, "")
	x := ansi.StringWidth(head) + 1
	for _, comp := range n.Components {
		id := NodeComponentID(n.Name, comp.Kind)
		s := kindName(tr, comp.Kind) + " " + c.glyph(comp.Health)
		if !c.s.Live {
			s = kindName(tr, comp.Kind) + " " + th.Link.Render(staticGlyph+" "+c.o.Sections[comp.Kind])
		}
		if id == c.o.Selected {
			s = th.Selected.Render(ansi.Strip(s))
		}
		if x+ansi.StringWidth(s) > w {
			break
		}
		c.add(x, y, s, id)
		x += ansi.StringWidth(s) + 1
	}
	if !c.s.Live {
		return
	}
	pods := "· " + c.podCounts(n.Pods, n.Health == mapstate.Up)
	if x+ansi.StringWidth(pods) <= w {
		c.add(x, y, th.Muted.Render(pods), "")
	} else if rest := w - x; rest > 4 {
		c.add(x, y, th.Muted.Render(ansi.Truncate(pods, rest, "…")), "")
	}
}
