package archmap

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
	"kubetutor/tui/common"
)

// sectionLabels numbers each kind's section from the course (« 2.2 »).
func sectionLabels(c *common.Common) map[mapstate.Kind]string {
	out := map[mapstate.Kind]string{}
	if c.Course == nil {
		return out
	}
	for k, id := range Sections {
		for _, ch := range c.Course.Chapters {
			if i := ch.Index(id); i >= 0 {
				out[k] = ch.All()[i].Number
			}
		}
	}
	return out
}

// kindOf returns the kind of box id names.
func kindOf(id string) mapstate.Kind {
	switch {
	case id == idKubectl:
		return kindKubectl
	case strings.HasPrefix(id, idCP):
		return mapstate.Kind(strings.TrimPrefix(id, idCP))
	case strings.HasPrefix(id, idPod):
		return kindPod
	case strings.HasPrefix(id, idNode):
		rest := strings.TrimPrefix(id, idNode)
		if i := strings.LastIndex(rest, ":"); i >= 0 {
			return mapstate.Kind(rest[i+1:])
		}
	}
	return ""
}

// link returns the chapter and section that explain box id.
func (m Model) link(id string) (chapter, section string) {
	sec := Sections[kindOf(id)]
	if sec == "" || m.c.Course == nil {
		return "", ""
	}
	for _, ch := range m.c.Course.Chapters {
		if ch.Index(sec) >= 0 {
			return ch.ID, sec
		}
	}
	return "", ""
}

// lookup finds what box id shows: a component (with its node) or a lab pod.
func (m Model) lookup(id string) (*mapstate.Component, *mapstate.Node, *mapstate.PodInfo) {
	s := m.state
	switch {
	case strings.HasPrefix(id, idCP):
		return s.Component(kindOf(id)), nil, nil
	case strings.HasPrefix(id, idPod):
		key := strings.TrimPrefix(id, idPod)
		for i := range s.Nodes {
			for j := range s.Nodes[i].Pods {
				if s.Nodes[i].Pods[j].Key() == key {
					return nil, &s.Nodes[i], &s.Nodes[i].Pods[j]
				}
			}
		}
	case strings.HasPrefix(id, idNode):
		rest := strings.TrimPrefix(id, idNode)
		i := strings.LastIndex(rest, ":")
		if i < 0 {
			return nil, nil, nil
		}
		n := s.Node(rest[:i])
		if n == nil {
			return nil, nil, nil
		}
		for j := range n.Components {
			if string(n.Components[j].Kind) == rest[i+1:] {
				return &n.Components[j], n, nil
			}
		}
	}
	return nil, nil, nil
}

// eventTarget is the object whose events the details show: the box's pod, or the node
// of a kubelet.
func (m Model) eventTarget(id string) (kind, namespace, name string) {
	comp, node, pod := m.lookup(id)
	switch {
	case pod != nil:
		return "Pod", pod.Namespace, pod.Name
	case comp != nil && comp.Pod != nil:
		return "Pod", comp.Pod.Namespace, comp.Pod.Name
	case comp != nil && comp.Kind == mapstate.Kubelet && node != nil:
		return "Node", "", node.Name
	}
	return "", "", ""
}

// detailBox draws the details of the selected box, w wide.
func (m Model) detailBox(w int) string {
	tr, th := m.c.Tr, m.theme
	comp, node, pod := m.lookup(m.selected)
	kind := kindOf(m.selected)
	title := string(kind)
	var lines []string
	row := func(key string, v any) {
		lines = append(lines, " "+tr.T(key, map[string]any{"V": v}))
	}
	now := m.state.At
	if now.IsZero() {
		now = m.Now()
	}
	if comp != nil {
		title = kindName(tr, comp.Kind)
		if comp.Pod == nil && pod == nil {
			if node != nil {
				row("map.detail.node", node.Name)
			}
			if m.state.Live {
				row("map.detail.status", glyphs[comp.Health]+" "+status(tr, *comp))
			}
			if comp.Detail != "" {
				lines = append(lines, " "+comp.Detail)
			}
			if comp.Kind == mapstate.Kubelet && node != nil && !node.LastHeartbeat.IsZero() {
				row("map.detail.heartbeat", seconds(tr, node.Silent))
			}
			if comp.Kind == mapstate.Kubelet && m.state.Live {
				row("map.detail.grace", graceText(tr, m.state.Grace))
			}
		}
		if comp.Pod != nil {
			pod = comp.Pod
		}
	}
	if pod != nil {
		h, r := mapstate.PodHealth(*pod, now)
		st := mapstate.Component{Health: h, Reason: r, Pod: pod}
		if comp != nil {
			st = *comp
		}
		row("map.detail.pod", pod.Key())
		row("map.detail.node", pod.Node)
		row("map.detail.image", pod.Image)
		row("map.detail.status", glyphs[st.Health]+" "+status(tr, st))
		row("map.detail.restarts", pod.Restarts)
		if !pod.Created.IsZero() {
			row("map.detail.age", seconds(tr, now.Sub(pod.Created)))
		}
	}
	if comp != nil && len(comp.Checks) > 0 {
		lines = append(lines, " "+tr.T("map.detail.checks", map[string]any{"V": checkList(comp.Checks)}))
	}
	if m.state.Live && (pod != nil || (comp != nil && comp.Kind == mapstate.Kubelet)) {
		lines = append(lines, " "+th.Title.Render(tr.T("map.detail.events")))
		switch {
		case m.loading:
			lines = append(lines, "  "+th.Muted.Render(tr.T("map.detail.events.loading")))
		case m.events.err != nil:
			lines = append(lines, "  "+th.Health(mapstate.Down).Render(tr.T("map.detail.events.failed", map[string]any{"Err": m.events.err.Error()})))
		case len(m.events.events) == 0:
			lines = append(lines, "  "+th.Muted.Render(tr.T("map.detail.noevents")))
		}
		for _, e := range m.events.events {
			age := seconds(tr, max(now.Sub(e.At), 0))
			lines = append(lines, eventLines(age+" "+e.Reason+" "+e.Message, w-5)...)
		}
	}
	if _, sec := m.link(m.selected); sec != "" {
		lines = append(lines, " "+th.Link.Render(tr.T("map.detail.read", map[string]any{"Section": m.sections[kind]})))
	}
	return box(rounded, th.Frame, th.Title.Render(title), lines, w)
}

// checkList renders readyz checks: the failing ones by name, then the passing count.
func checkList(checks []mapstate.Check) string {
	ok := 0
	var failed []string
	for _, c := range checks {
		if c.OK {
			ok++
		} else {
			failed = append(failed, "✗ "+c.Name)
		}
	}
	s := "✓ " + itoa(ok)
	if len(failed) > 0 {
		s = strings.Join(failed, ", ") + " · " + s
	}
	return s
}

// graceText is the grace period the map judges a silent node by, and where it was read.
func graceText(tr *i18n.Translator, g mapstate.Grace) string {
	key := map[mapstate.GraceSource]string{
		mapstate.GraceFlag: "map.grace.flag", mapstate.GraceVersionDefault: "map.grace.version",
		mapstate.GraceAssumed: "map.grace.assumed", mapstate.GraceGiven: "map.grace.given",
	}[g.Source]
	return tr.T(key, map[string]any{"Period": seconds(tr, g.Period), "Version": g.Version})
}

// maxEventLines bounds the lines of one event in the details.
const maxEventLines = 3

// eventLines wraps an event's text to w cells (its lines after the first indented), on
// up to maxEventLines lines: only a longer message is cut, on its last line.
func eventLines(text string, w int) []string {
	wrapped := strings.Split(ansi.Wrap(text, max(w-2, 10), ""), "\n")
	out := make([]string, 0, maxEventLines)
	for i, l := range wrapped {
		if i == maxEventLines {
			last := &out[len(out)-1]
			*last = ansi.Truncate(*last, ansi.StringWidth(*last)-1, "") + "…"
			break
		}
		indent := "  "
		if i > 0 {
			indent = "    "
		}
		out = append(out, indent+l)
	}
	return out
}
