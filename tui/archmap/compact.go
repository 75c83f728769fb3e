package archmap

import (
	"github.com/charmbracelet/x/ansi"

	"kubetutor/internal/mapstate"
)

// compact draws the compact form (80x24 and up): components as one-line boxes, a line per
// worker, pods as counts.
func (c *canvas) compact(w, h int) {
	tr, th := c.o.Tr, c.o.Theme
	top := c.title(w)
	cpTitle := th.Title.Render(tr.T("map.cp.title"))
	cp := cpTitle
	for _, n := range c.s.Nodes {
		if n.ControlPlane && c.s.Live {
			named := cpTitle + th.Muted.Render(" · "+n.Name)
			cp = named
			if n.Health != mapstate.Up {
				st := th.Health(n.Health)
				cp = firstFit(w, named+" "+st.Render(glyphs[n.Health]+" "+nodeStatus(tr, n)),
					named+" "+st.Render(glyphs[n.Health]+" "+nodeStatusShort(tr, n)),
					cpTitle+" "+st.Render(glyphs[n.Health]+" "+nodeStatusShort(tr, n)))
			}
			break
		}
	}
	c.add(0, top, cp, "")

	// kubectl ─REST─► [apiserver] ─/registry─► [etcd], then
	// watch ▲ [scheduler] [controller-manager] [cloud-controller-manager]; a box that
	// does not fit the width goes to the next line.
	x, y, indent := 0, top+1, 2
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
	// Each worker takes one line, or more where its line wraps; a line is kept for the
	// summary of the workers left out.
	var lines [][]placed
	used := 0
	for i, n := range workers[:min(len(workers), MaxWorkers)] {
		l := c.workerLine(w, n)
		summary := 0
		if i < len(workers)-1 {
			summary = 1
		}
		rows := l[len(l)-1].dy + 1
		if used+rows+summary > room {
			break
		}
		lines, used = append(lines, l), used+rows
	}
	drawn := len(lines)
	for _, l := range lines {
		for _, p := range l {
			c.add(p.x, y+p.dy, p.s, p.id)
		}
		y += l[len(l)-1].dy + 1
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

// placed is a piece of a worker's line: where it goes (dy lines down) and its box id.
type placed struct {
	x, dy int
	s, id string
}

// workerIndent is where a worker's wrapped line goes on.
const workerIndent = 2

// workerLine lays a worker out in w columns: its box, its components' glyphs, its pods'
// counts, on one line or wrapped onto more (pieces are never cut).
func (c *canvas) workerLine(w int, n mapstate.Node) []placed {
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
	out := []placed{{s: head}}
	x, dy := ansi.StringWidth(head)+1, 0
	put := func(s, id string) {
		sw := ansi.StringWidth(s)
		if x > workerIndent && x+sw > w {
			x, dy = workerIndent, dy+1
		}
		out = append(out, placed{x: x, dy: dy, s: s, id: id})
		x += sw + 1
	}
	for _, comp := range n.Components {
		id := NodeComponentID(n.Name, comp.Kind)
		s := kindName(tr, comp.Kind) + " " + c.glyph(comp.Health)
		if !c.s.Live {
			s = kindName(tr, comp.Kind) + " " + th.Link.Render(staticGlyph+" "+c.o.Sections[comp.Kind])
		}
		if id == c.o.Selected {
			s = th.Selected.Render(ansi.Strip(s))
		}
		put(s, id)
	}
	if !c.s.Live {
		return out
	}
	// The pods' counts with their total, or without it where that keeps them on the line.
	total, counts := c.podCounts(n.Pods, n.Health == mapstate.Up)
	pods := "· " + total
	if counts != "" {
		pods += " " + counts
		if x+ansi.StringWidth(pods) > w && x+2+ansi.StringWidth(counts) <= w {
			pods = "· " + counts
		}
	}
	put(th.Muted.Render(pods), "")
	return out
}
