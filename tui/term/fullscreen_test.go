package term

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/vt"

	"kubetutor/i18n"
	"kubetutor/tui/ticker"
)

// output is a program's output, safe to read while it runs.
type output struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (o *output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.Write(p)
}

func (o *output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// fullScreenHost runs the pane's FullScreen on goFullScreen and shows how many ended.
type fullScreenHost struct {
	pane Model
	done int
	err  error
}

type goFullScreen struct{}

func (h fullScreenHost) Init() tea.Cmd { return nil }

func (h fullScreenHost) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case goFullScreen:
		return h, h.pane.FullScreen()
	case FullScreenDoneMsg:
		h.done, h.err = h.done+1, msg.Err
	}
	return h, nil
}

func (h fullScreenHost) View() tea.View { return tea.NewView(fmt.Sprintf("retours:%03d", h.done)) }

// TestScreenComesBackAfterFullScreen (Bubble Tea #1778): after the full-screen shell
// the program draws again, even when the shell ends at once (here it fails to start,
// the case where Bubble Tea v2.1.1's restarted ticker is stopped for good by the old
// renderer goroutine most of the time), twelve times in a row, behind the idle Gate as
// in the TUI.
func TestScreenComesBackAfterFullScreen(t *testing.T) {
	out := &output{}
	g := ticker.NewWith(out, 50*time.Millisecond, time.Hour)
	host := fullScreenHost{pane: New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) {
		return exec.Command("/nonexistent/kubetutor-test-shell"), nil
	}})}
	opts := append([]tea.ProgramOption{tea.WithInput(nil), tea.WithWindowSize(40, 5), tea.WithFPS(120)}, g.Options()...)
	p := tea.NewProgram(g.Model(host), opts...)
	go g.Watch(p.Send)
	done := make(chan error, 1)
	go func() { _, err := p.Run(); g.Stop(); done <- err }()
	wait := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal(what)
			}
		}
	}
	for i := 1; i <= 12; i++ {
		if i%2 == 0 { // every other time from a held ticker
			wait("the ticker was never held", g.Held)
		}
		p.Send(goFullScreen{})
		want := fmt.Sprintf("retours:%03d", i)
		wait(fmt.Sprintf("after full-screen shell %d the screen is frozen (Bubble Tea #1778): %q", i, drawn(out)),
			func() bool { return strings.Contains(drawn(out), want) })
	}
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// drawn is the screen out draws, read by an emulator.
func drawn(out *output) string {
	emu := vt.NewEmulator(40, 5)
	go func() { _, _ = io.Copy(io.Discard, emu) }()
	_, _ = emu.Write([]byte(out.String()))
	s := emu.String()
	_ = emu.Close()
	return s
}
