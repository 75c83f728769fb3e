package ticker

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// counting counts the messages its Update gets and its View's calls.
type counting struct {
	updates, views *int
	text           string
}

func (c counting) Init() tea.Cmd { return nil }

func (c counting) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	*c.updates++
	if s, ok := msg.(setText); ok {
		c.text = string(s)
	}
	return c, nil
}

func (c counting) View() tea.View { *c.views++; return tea.NewView(c.text) }

// TestModelSkipsTheMarker: the wrapped model never gets the Gate's marker, and the view
// after it is the last one, not computed again; other messages reach it as before, and
// UnwrapModel gives it back.
func TestModelSkipsTheMarker(t *testing.T) {
	updates, views := 0, 0
	g := New(&screen{})
	var m tea.Model = g.Model(counting{updates: &updates, views: &views, text: "avant"})
	if v := m.View(); v.Content != "avant" || views != 1 {
		t.Fatalf("first view %q, %d calls", v.Content, views)
	}
	m, _ = m.Update(tea.RawMsg{Msg: parkMsg{sent: time.Now()}})
	if v := m.View(); v.Content != "avant" || views != 1 || updates != 0 {
		t.Fatalf("after the marker: view %q, %d views, %d updates; want the last view again, no call", v.Content, views, updates)
	}
	m, _ = m.Update(setText("après"))
	if v := m.View(); v.Content != "après" || views != 2 || updates != 1 {
		t.Fatalf("after a message: view %q, %d views, %d updates", v.Content, views, updates)
	}
	m, _ = m.Update(tea.RawMsg{Msg: "\x1b[0m"}) // someone else's raw output is a message like any
	if m.View(); views != 3 || updates != 2 {
		t.Fatalf("after another raw message: %d views, %d updates", views, updates)
	}
	if c, ok := UnwrapModel(m).(counting); !ok || c.text != "après" {
		t.Fatalf("UnwrapModel gave %#v", UnwrapModel(m))
	}
}
