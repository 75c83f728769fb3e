// Package archmap is the live architecture map screen: the chapter's control plane and
// worker nodes drawn with Lip Gloss in a fixed hand-made layout, fed by the states of
// internal/mapstate. Drawing is a pure function of a State: it never talks to the API.
package archmap

import (
	"strings"
	"sync"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
)

// Layout limits.
const (
	// MaxWidth is the widest the map draws; a wider window centres nothing, it just
	// leaves the rest blank.
	MaxWidth = 200
	// MaxWorkers is how many worker boxes are drawn; the rest are summarised.
	MaxWorkers = 6
	// fullWidth and fullHeight are the smallest window for the full form (boxes); below
	// it the compact form (one-line boxes, pods as counts) is drawn.
	fullWidth  = 110
	fullHeight = 34
	// flash is how long an arrow stays lit after its flow.
	flash = 1500 * time.Millisecond
	// minWorkerWidth is the narrowest worker box of the full form.
	minWorkerWidth = 32
)

// Options are what a drawing needs besides the state.
type Options struct {
	Width, Height int
	Tr            *i18n.Translator
	Theme         Theme
	// Cluster is the cluster's name, for the title.
	Cluster string
	// Selected is the id of the selected box ("" for none).
	Selected string
	// Sections label each kind's chapter section (« § 2.2 ») on the static map.
	Sections map[mapstate.Kind]string
}

// Frame is one drawn map: its text and where each box is, for the mouse.
type Frame struct {
	View string
	// Items are the selectable boxes' ids, in keyboard order.
	Items []string
	comp  *lipgloss.Compositor
}

// Hit returns the id of the box at (x, y), "" for none.
func (f Frame) Hit(x, y int) string {
	if f.comp == nil {
		return ""
	}
	return f.comp.Hit(x, y).ID()
}

// canvas collects the layers of a drawing.
type canvas struct {
	o      Options
	s      mapstate.State
	layers []*lipgloss.Layer
	items  []string
	// cells caches the rendered pod cells (one Render per kind of cell, not per pod).
	cells map[cellKey]string
}

type cellKey struct {
	glyph string
	style int
}

// Layers are drawn by depth (the compositor's sort is not stable: each depth is its
// own z): frames, then text, then selectable boxes, then arrows that cross frames.
const (
	zFrame = iota
	zText
	zItem
	zTop
)

// add puts content at (x, y); a non-empty id makes it a selectable box.
func (c *canvas) add(x, y int, content, id string) {
	l := lipgloss.NewLayer(content).X(x).Y(y).Z(zText)
	if id != "" {
		l = l.ID(id).Z(zItem)
		c.items = append(c.items, id)
	}
	c.layers = append(c.layers, l)
}

// frame adds an empty w×h box with title, under everything drawn inside it. Only its
// edges are layers: the canvas need not paint its blank inside.
func (c *canvas) frame(x, y, w, h int, b border, bs lipgloss.Style, title string) {
	full := box(b, bs, title, nil, w) // top and bottom lines
	top, bottom, _ := strings.Cut(full, "\n")
	side := strings.TrimSuffix(strings.Repeat(bs.Render(b.v)+"\n", h-2), "\n")
	c.layers = append(c.layers,
		lipgloss.NewLayer(top).X(x).Y(y).Z(zFrame),
		lipgloss.NewLayer(bottom).X(x).Y(y+h-1).Z(zFrame))
	if h > 2 {
		c.layers = append(c.layers,
			lipgloss.NewLayer(side).X(x).Y(y+1).Z(zFrame),
			lipgloss.NewLayer(side).X(x+w-1).Y(y+1).Z(zFrame))
	}
}

// top adds an unselectable layer above the boxes (arrows crossing a frame).
func (c *canvas) top(x, y int, content string) {
	c.layers = append(c.layers, lipgloss.NewLayer(content).X(x).Y(y).Z(zTop))
}

// Draw draws s in the options' size.
func Draw(s mapstate.State, o Options) Frame {
	w, h := min(o.Width, MaxWidth), o.Height
	c := &canvas{o: o, s: s}
	if w >= fullWidth && h >= fullHeight {
		c.full(w, h)
	} else {
		c.compact(w, h)
	}
	comp := lipgloss.NewCompositor(c.layers...)
	cv := getCanvas(max(w, 1), max(h, 1))
	view := cv.Compose(comp).Render()
	canvases.Put(cv)
	return Frame{View: view, Items: c.items, comp: comp}
}

// canvases are reused between frames: allocating a cell buffer is a good part of a
// redraw.
var canvases sync.Pool

func getCanvas(w, h int) *lipgloss.Canvas {
	cv, ok := canvases.Get().(*lipgloss.Canvas)
	if !ok {
		return lipgloss.NewCanvas(w, h)
	}
	if cv.Width() != w || cv.Height() != h {
		cv.Resize(w, h)
	}
	cv.Clear()
	return cv
}

// ID forms of the boxes.
const (
	idKubectl = "kubectl"
	idCP      = "cp:"
	idNode    = "node:"
	idPod     = "pod:"
)

// ComponentID is the id of a control-plane component's box.
func ComponentID(k mapstate.Kind) string { return idCP + string(k) }

// NodeComponentID is the id of a node component's box.
func NodeComponentID(node string, k mapstate.Kind) string { return idNode + node + ":" + string(k) }

// PodID is the id of a pod's cell.
func PodID(p mapstate.PodInfo) string { return idPod + p.Key() }

// title is the map's top line: what it shows, and the API server's reachability. Where
// the window is narrow it takes shorter wordings, then two lines; it returns how many
// rows it took.
func (c *canvas) title(w int) int {
	tr, th := c.o.Tr, c.o.Theme
	name := map[string]any{"Name": c.o.Cluster}
	lefts := []string{tr.T("map.title.live", name), tr.T("map.title.short", name)}
	var rights []string
	switch {
	case !c.s.Live:
		lefts = []string{tr.T("map.title.static")}
		rights = []string{th.Muted.Render(tr.T("map.static.hint")), ""} // the hint gives way
	case !c.s.API.Known:
		rights = []string{th.Health(mapstate.Unknown).Render(glyphs[mapstate.Unknown] + " " + tr.T("map.api.connecting"))}
	case !c.s.API.Reachable:
		rights = []string{th.Health(mapstate.Down).Render(glyphs[mapstate.Down] + " " +
			tr.T("map.api.unreachable", map[string]any{"Since": seconds(tr, c.s.API.Down)}))}
	default:
		up := th.Health(mapstate.Up).Render(glyphs[mapstate.Up] + " " + tr.T("map.api.reachable"))
		rights = []string{up + th.Muted.Render(" · "+tr.T("map.nodes.count", map[string]any{"Count": len(c.s.Nodes)})), up}
	}
	line := func(left, right string) string {
		if right == "" {
			return th.Title.Render(left)
		}
		gap := max(w-ansi.StringWidth(left)-ansi.StringWidth(right), 2)
		return th.Title.Render(left) + strings.Repeat(" ", gap) + right
	}
	for _, right := range rights {
		for _, left := range lefts {
			if l := line(left, right); ansi.StringWidth(l) <= w {
				c.add(0, 0, l, "")
				return 1
			}
		}
	}
	// Two lines: what it shows, then the API server's state.
	c.add(0, 0, th.Title.Render(firstFit(w, lefts...)), "")
	c.add(0, 1, firstFit(w, rights...), "")
	return 2
}

// mark is a box's glyph and status word(s), or its section on the static map.
func (c *canvas) mark(comp mapstate.Component, k mapstate.Kind) string {
	th := c.o.Theme
	if !c.s.Live {
		return th.Link.Render(staticGlyph + " " + c.o.Sections[k])
	}
	return th.Health(comp.Health).Render(glyphs[comp.Health] + " " + status(c.o.Tr, comp))
}

// glyph is a box's glyph alone (compact form).
func (c *canvas) glyph(h mapstate.Health) string {
	if !c.s.Live {
		return c.o.Theme.Muted.Render("·")
	}
	return c.o.Theme.Health(h).Render(glyphs[h])
}

// boxStyle is the border style of a box, reversed when selected.
func (c *canvas) boxStyle(id string, base lipgloss.Style) lipgloss.Style {
	if id == c.o.Selected {
		return c.o.Theme.Selected
	}
	return base
}

// arrow styles an arrow, lit when its flow just happened.
func (c *canvas) arrow(s string, lit bool) string {
	if lit {
		return c.o.Theme.Flash.Render(s)
	}
	return c.o.Theme.Arrow.Render(s)
}

// component returns the control-plane component k of the state (a blank one on the
// static map).
func (c *canvas) component(k mapstate.Kind) mapstate.Component {
	if comp := c.s.Component(k); comp != nil {
		return *comp
	}
	return mapstate.Component{Kind: k}
}

// workers returns the worker nodes, or the control-plane node alone on a one-node cluster.
func (c *canvas) workers() []mapstate.Node {
	ws := c.s.Workers()
	if len(ws) == 0 && len(c.s.Nodes) > 0 {
		return c.s.Nodes[:1]
	}
	return ws
}

// summary is the line about the nodes that are not drawn.
func (c *canvas) summary(hidden []mapstate.Node) string {
	down := 0
	for _, n := range hidden {
		if n.Health != mapstate.Up {
			down++
		}
	}
	s := c.o.Tr.T("map.more.nodes", map[string]any{"Count": len(hidden)})
	if down > 0 {
		s += " " + c.o.Theme.Health(mapstate.Down).Render(c.o.Tr.T("map.more.down", map[string]any{"Count": down}))
	}
	return s
}

// podCounts counts a node's pods by glyph, for the compact form: their total, then a
// count per glyph (« ■3 □1 », "" without pods).
func (c *canvas) podCounts(pods []mapstate.PodInfo, nodeUp bool) (total, counts string) {
	total = c.o.Tr.T("map.pods.count", map[string]any{"Count": len(pods)})
	if len(pods) == 0 {
		return c.o.Theme.Muted.Render(total), ""
	}
	order := []string{"■", "□", "✗", "▪", "▫"}
	n := map[string]int{}
	for _, p := range pods {
		h, _ := mapstate.PodHealth(p, c.s.At)
		n[podGlyph(p, nodeUp, h)]++
	}
	var parts []string
	for _, g := range order {
		if n[g] > 0 {
			parts = append(parts, g+itoa(n[g]))
		}
	}
	return total, strings.Join(parts, " ")
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}
