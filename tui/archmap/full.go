package archmap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/internal/mapstate"
)

// full draws the full form: component boxes, worker boxes with pod cells.
func (c *canvas) full(w, h int) {
	tr, th := c.o.Tr, c.o.Theme
	c.title(w)
	// kubectl, outside the control plane: the student.
	kw := 13
	kubectl := box(square, c.boxStyle(idKubectl, th.Box), "kubectl",
		[]string{" " + th.Muted.Render(tr.T("map.kubectl.you"))}, kw)
	c.add(0, 3, kubectl, idKubectl)

	// The control plane's frame and its boxes.
	fx := kw + 8
	fw := w - fx
	cpName := ""
	var cpNode *mapstate.Node
	for i := range c.s.Nodes {
		if c.s.Nodes[i].ControlPlane {
			cpNode = &c.s.Nodes[i]
			cpName = cpNode.Name
			break
		}
	}
	frameTitle := tr.T("map.cp.title")
	if cpName != "" && c.s.Live {
		frameTitle += " · " + cpName
		if cpNode.Health != mapstate.Up {
			frameTitle += " " + th.Health(cpNode.Health).Render(glyphs[cpNode.Health]+" "+nodeStatus(tr, *cpNode))
		}
	}
	c.frame(fx, 2, fw, 9, rounded, th.Frame, th.Title.Render(frameTitle))

	x0, iw := fx+2, fw-4
	reg := tr.T("map.flow.registry")
	ga := ansi.StringWidth(reg) + 4
	bwE := (iw - ga) * 2 / 5
	bwA := iw - ga - bwE
	api := c.component(mapstate.APIServer)
	c.cpBox(x0, 3, bwA, api, square)
	etcd := c.component(mapstate.Etcd)
	c.cpBox(x0+bwA+ga, 3, bwE, etcd, square)
	// kubectl → apiserver, over the frame's border.
	rest := tr.T("map.flow.rest")
	talked := c.s.Flashing(mapstate.FlowKubectl, "", flash)
	c.top(kw, 3, c.arrow(fit(" "+rest, fx-kw), talked))
	c.top(kw, 4, c.arrow(strings.Repeat("─", x0-kw-1)+"►", talked))
	// apiserver → etcd.
	write := c.s.Flashing(mapstate.FlowWrite, "", flash)
	c.top(x0+bwA, 3, c.arrow(fit("  "+reg, ga), write))
	c.top(x0+bwA, 4, c.arrow(" "+strings.Repeat("─", ga-3)+"► ", write))

	// The scheduler and the controller-manager under the API server, which they watch;
	// the cloud-controller-manager under etcd. Each box is wide enough for its name; on a
	// narrow map the two first reach past the API server's right edge, their arrows stay
	// under it.
	needS := titleWidth(mapstate.Scheduler)
	needK := titleWidth(mapstate.ControllerManager)
	ccW := max(bwE, titleWidth(mapstate.CloudControllerManager))
	ccX := x0 + iw - ccW
	row := max(bwA, min(needS+1+needK, ccX-x0-1))
	kw2 := min(max(needK, row/2), row-1-needS)
	sw := row - 1 - kw2
	sched := c.component(mapstate.Scheduler)
	kcm := c.component(mapstate.ControllerManager)
	ccm := c.component(mapstate.CloudControllerManager)
	watch := tr.T("map.flow.watch")
	scheduled := c.s.Flashing(mapstate.FlowScheduled, "", flash)
	c.top(x0+sw/2-1, 6, c.arrow("▲ "+watch, scheduled))
	c.top(x0+sw+1+kw2/2-1, 6, c.arrow("▲ "+watch, false))
	c.cpBox(x0, 7, sw, sched, square)
	c.cpBox(x0+sw+1, 7, kw2, kcm, square)
	ccmBorder := square
	if ccm.Health == mapstate.Absent || !c.s.Live {
		ccmBorder = dashed
	}
	c.cpBox(ccX, 7, ccW, ccm, ccmBorder)

	// kubelets ↔ apiserver, then the workers.
	y := 11
	workers := c.workers()
	cols := max(min(len(workers), MaxWorkers, (w+1)/(minWorkerWidth+1)), 1)
	bw := (w - (cols - 1)) / cols
	footer := 1 // the pending line
	drawn := 0
	for row := 0; drawn < len(workers) && drawn < MaxWorkers; row++ {
		n := min(cols, len(workers)-drawn, MaxWorkers-drawn)
		boxH := c.workerHeight(workers[drawn:drawn+n], bw)
		if y+1+boxH+footer > h {
			break
		}
		for i := 0; i < n; i++ {
			node := workers[drawn+i]
			x := i * (bw + 1)
			up := c.s.Flashing(mapstate.FlowHeartbeat, node.Name, flash)
			down := c.s.Flashing(mapstate.FlowScheduled, node.Name, flash)
			link := c.arrow("▲ "+tr.T("map.flow.status"), up) + "  " + c.arrow("▼ "+tr.T("map.flow.podspecs"), down)
			c.top(x+max((bw-ansi.StringWidth(link))/2, 0), y, link)
			c.workerBox(x, y+1, bw, boxH, node)
		}
		drawn += n
		y += 1 + boxH
	}
	if hidden := workers[drawn:]; len(hidden) > 0 {
		c.add(0, y, c.summary(hidden), "")
		y++
	}
	if len(c.s.Pending) > 0 && y < h {
		c.add(0, y, c.pendingLine(w), "")
	}
}

// cpBox draws a control-plane component's three-line box.
func (c *canvas) cpBox(x, y, w int, comp mapstate.Component, b border) {
	th := c.o.Theme
	id := ComponentID(comp.Kind)
	base := th.Box
	if b == dashed {
		base = th.Dashed
	}
	line := c.mark(comp, comp.Kind)
	if c.s.Live {
		// The status with the restarts, shorter wordings where the box is narrow.
		short := th.Health(comp.Health).Render(glyphs[comp.Health] + " " + c.o.Tr.T(healthKeys[comp.Health]))
		var long, few string
		if comp.Pod != nil && comp.Pod.Restarts > 0 {
			long = th.Muted.Render(" · " + c.o.Tr.T("map.restarts", map[string]any{"Count": int(comp.Pod.Restarts)}))
			few = th.Muted.Render(" · " + restartsShort(comp.Pod.Restarts))
		}
		line = firstFit(w-3, line+long, line+few, line, short+few, short)
	}
	c.add(x, y, box(b, c.boxStyle(id, base), string(comp.Kind), []string{" " + line}, w), id)
}

// titleWidth is the narrowest box that shows k's name whole in its top border.
func titleWidth(k mapstate.Kind) int { return ansi.StringWidth(string(k)) + 6 }

// podsPerLine is how many pod cells fit a worker box's line.
func podsPerLine(bw int) int { return max((bw-4)/2, 1) }

// workerHeight is the height of a row of worker boxes: borders, four components and up
// to three lines of pod cells.
func (c *canvas) workerHeight(nodes []mapstate.Node, bw int) int {
	lines := 1
	for _, n := range nodes {
		lines = max(lines, min((len(n.Pods)+podsPerLine(bw)-1)/podsPerLine(bw), 3))
	}
	return 2 + len(mapstate.NodeKinds) + lines
}

// workerBox draws a node's box: its components, then its pods as cells.
func (c *canvas) workerBox(x, y, w, h int, n mapstate.Node) {
	tr, th := c.o.Tr, c.o.Theme
	title := n.Name
	if !c.s.Live {
		title = tr.T("map.node.worker")
	} else {
		st := nodeStatus(tr, n)
		if n.Health != mapstate.Up && n.Reason != "" {
			st = reason(tr, n.Reason, nil, n.Silent) // the kubelet's line tells the heartbeat
		}
		title += " " + th.Health(n.Health).Render(glyphs[n.Health]+" "+st)
	}
	frame := th.Box
	if c.s.Live && n.Health == mapstate.Down {
		frame = th.Health(mapstate.Down)
	}
	c.frame(x, y, w, h, rounded, frame, title)
	for i, comp := range n.Components {
		id := NodeComponentID(n.Name, comp.Kind)
		label := kindName(tr, comp.Kind)
		if comp.Detail != "" {
			d := comp.Detail
			if comp.Kind == mapstate.Runtime {
				d = runtimeName(d)
			}
			label += " " + th.Muted.Render(d)
		}
		line := c.glyph(comp.Health) + " " + label
		switch {
		case c.s.Live && comp.Kind == mapstate.Kubelet && comp.Health != mapstate.Up && !n.LastHeartbeat.IsZero():
			line += " · " + th.Health(comp.Health).Render(tr.T("map.node.heartbeat", map[string]any{"Since": seconds(tr, n.Silent)}))
		case c.s.Live && comp.Health != mapstate.Up:
			line += " · " + th.Health(comp.Health).Render(status(tr, comp))
		case !c.s.Live:
			line += " " + th.Link.Render(staticGlyph+" "+c.o.Sections[comp.Kind])
		}
		if c.s.Live && comp.Kind == mapstate.Kubelet && comp.Health == mapstate.Up && !n.LastHeartbeat.IsZero() {
			line += th.Muted.Render(" ♥ " + seconds(tr, n.Silent))
		}
		line = fit(line, w-4)
		if id == c.o.Selected {
			line = th.Selected.Render(ansi.Strip(line))
		}
		c.add(x+2, y+1+i, line, id)
	}
	c.podCells(x+2, y+1+len(n.Components), w-4, h-2-len(n.Components), n)
}

// podCells draws a node's pods as cells, with their count.
func (c *canvas) podCells(x, y, w, lines int, n mapstate.Node) {
	th := c.o.Theme
	if !c.s.Live {
		c.add(x, y, th.Muted.Render(fit(c.o.Tr.T("map.pods.static"), w)), "")
		return
	}
	if len(n.Pods) == 0 {
		c.add(x, y, th.Muted.Render(c.o.Tr.T("map.pods.count", map[string]any{"Count": 0})), "")
		return
	}
	per := podsPerLine(w + 4)
	nodeUp := n.Health == mapstate.Up
	shown := min(len(n.Pods), per*lines)
	if shown < len(n.Pods) {
		shown = max(shown-3, 0) // room for « +N »
	}
	for i := 0; i < shown; i++ {
		p := n.Pods[i]
		hl, _ := mapstate.PodHealth(p, c.s.At)
		g := podGlyph(p, nodeUp, hl)
		key := cellKey{g, int(hl)}
		st := th.Health(hl)
		if !nodeUp {
			st, key.style = th.Muted, -1
		}
		id := PodID(p)
		if id == c.o.Selected {
			st, key.style = th.Selected, -2
		}
		cell, ok := c.cells[key]
		if !ok {
			if c.cells == nil {
				c.cells = map[cellKey]string{}
			}
			cell = st.Render(g)
			c.cells[key] = cell
		}
		c.add(x+(i%per)*2, y+i/per, cell, id)
	}
	last := y + (max(shown, 1)-1)/per
	tail := " " + c.o.Tr.T("map.pods.count", map[string]any{"Count": len(n.Pods)})
	if shown < len(n.Pods) {
		tail = " +" + itoa(len(n.Pods)-shown) + tail
	}
	used := (shown % per) * 2
	if shown%per == 0 && shown > 0 {
		used = per * 2
	}
	if used+ansi.StringWidth(tail) <= w {
		c.add(x+used, last, th.Muted.Render(tail), "")
	}
}

// pendingLine lists the pods bound to no node.
func (c *canvas) pendingLine(w int) string {
	th := c.o.Theme
	var cells []string
	for i, p := range c.s.Pending {
		if i >= 20 {
			break
		}
		cells = append(cells, th.Health(mapstate.Starting).Render("□"))
		_ = p
	}
	s := th.Health(mapstate.Starting).Render(c.o.Tr.T("map.pending", map[string]any{"Count": len(c.s.Pending)})) + " " + strings.Join(cells, " ")
	return ansi.Truncate(s, w, "…")
}
