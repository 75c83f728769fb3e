// Command idletea is the floor of BenchmarkTermIdle: a Bubble Tea program that draws one
// static screen with the lab screen's renderer settings (alternate screen, mouse, the
// frame rate term.RendererFPS) and does nothing else. Its idle CPU is what Bubble Tea's
// renderer costs on its own: it flushes on a fixed ticker, whether a frame changed or not.
// With -gate it runs behind a ticker.Gate, as the TUI does: what the Gate leaves of it.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kubetutor/tui/term"
	"kubetutor/tui/ticker"
)

type model struct{}

func (model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok && k.String() == "q" {
		return m, tea.Quit
	}
	return m, nil
}

var screen = strings.Repeat(strings.Repeat("idle ", 24)+"\n", 39) + "[idletea]"

func (model) View() tea.View {
	v := tea.NewView(screen)
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	return v
}

func main() {
	gated := flag.Bool("gate", false, "hold Bubble Tea's ticker while idle (ticker.Gate)")
	flag.Parse()
	opts := []tea.ProgramOption{tea.WithFPS(term.RendererFPS)}
	var g *ticker.Gate
	if *gated {
		g = ticker.New(os.Stdout)
		opts = append(opts, g.Options()...)
	}
	var m tea.Model = model{}
	if g != nil {
		m = g.Model(m)
	}
	p := tea.NewProgram(m, opts...)
	if g != nil {
		go g.Watch(p.Send)
		defer g.Stop()
	}
	if _, err := p.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
