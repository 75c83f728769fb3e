package archmap

import (
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
)

// A label of the map is never cut with « … »: where room is short it takes a shorter
// wording (the details pane keeps the whole one), and the compact form wraps a worker's
// line. firstFit picks the wording.

// firstFit returns the first of candidates that fits in w cells, else the last one (the
// shortest wording: TestDrawCutsNoLabel proves it fits wherever the map is drawn).
func firstFit(w int, candidates ...string) string {
	for _, s := range candidates {
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return candidates[len(candidates)-1]
}

// nodeStatusShort is a node's status in one word: Ready, NotReady (whatever the kubelet's
// silence), or the health's word.
func nodeStatusShort(tr *i18n.Translator, n mapstate.Node) string {
	switch {
	case n.Health == mapstate.Up:
		return "Ready"
	case n.Reason == mapstate.ReasonSilent || n.Reason == mapstate.ReasonNodeUnknown || n.Reason == mapstate.ReasonNotReady:
		return tr.T("map.reason.notready")
	}
	return tr.T(healthKeys[n.Health])
}

// restartsShort is the restart count in few cells: « ↻ 3 ».
func restartsShort(n int32) string { return "↻ " + itoa(int(n)) }
