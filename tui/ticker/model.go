package ticker

import tea "charm.land/bubbletea/v2"

// Model wraps the program's model so that the Gate's marker costs no Update and no
// View: the model does not see it, and its last view is drawn again as it is (a hold
// that ended at MaxHold comes back every few seconds). Unwrap the program's final
// model with Unwrap.
func (g *Gate) Model(m tea.Model) tea.Model { return gated{inner: m, last: &lastView{}} }

// UnwrapModel returns the model a Gate's Model wraps, m itself otherwise.
func UnwrapModel(m tea.Model) tea.Model {
	if w, ok := m.(gated); ok {
		return w.inner
	}
	return m
}

type lastView struct {
	v  tea.View
	ok bool
}

type gated struct {
	inner tea.Model
	last  *lastView // the inner model's last view (View runs on the event loop only)
	again bool      // the last message was the marker: draw last again
}

func (w gated) Init() tea.Cmd { return w.inner.Init() }

func (w gated) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if raw, ok := msg.(tea.RawMsg); ok {
		if _, ok := raw.Msg.(parkMsg); ok {
			w.again = true
			return w, nil
		}
	}
	next, cmd := w.inner.Update(msg)
	return gated{inner: next, last: w.last}, cmd
}

func (w gated) View() tea.View {
	if w.again && w.last.ok {
		return w.last.v
	}
	v := w.inner.View()
	w.last.v, w.last.ok = v, true
	return v
}
