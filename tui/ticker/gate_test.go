package ticker

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// screen is a program's output: what was written, safe to read while it runs.
type screen struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// text is a model that shows a text; a setText message changes it.
type text string

type setText string

func (t text) Init() tea.Cmd { return nil }

func (t text) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if s, ok := msg.(setText); ok {
		return text(s), nil
	}
	return t, nil
}

func (t text) View() tea.View { return tea.NewView(string(t)) }

// eventually polls cond for up to 10 s (a deadline, not a timed assertion).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal(what)
		}
	}
}

// run starts m behind g at 120 frames a second; the returned channel gets Run's error.
func run(t *testing.T, g *Gate, m tea.Model) (*tea.Program, <-chan error) {
	t.Helper()
	opts := append([]tea.ProgramOption{tea.WithInput(nil), tea.WithWindowSize(40, 5), tea.WithFPS(120)}, g.Options()...)
	p := tea.NewProgram(g.Model(m), opts...)
	done := make(chan error, 1)
	go g.Watch(p.Send)
	go func() { _, err := p.Run(); g.Stop(); done <- err }()
	return p, done
}

// TestGateHoldsTheTickerWhileIdle: once no message came for the quiet delay, the
// renderer's goroutine is held in the Gate (not waiting on its ticker); a message
// lets it go and its frame is drawn, then it is held again; quitting while it is held
// ends the program (the hold has no time limit here: only the message can end it).
func TestGateHoldsTheTickerWhileIdle(t *testing.T) {
	out := &screen{}
	g := NewWith(out, 50*time.Millisecond, time.Hour)
	p, done := run(t, g, text("premier écran"))
	eventually(t, "the ticker was never held: Bubble Tea's renderer no longer writes queued output from startRenderer's goroutine (package doc)", g.Held)
	if !strings.Contains(out.String(), "premier écran") {
		t.Fatalf("held before the first frame was drawn: %q", out.String())
	}
	if strings.Contains(out.String(), "kubetutor-idle") {
		t.Fatalf("the marker reached the terminal: %q", out.String())
	}
	holds := g.Holds()
	p.Send(setText("suite du cours"))
	eventually(t, "the frame after the hold was never drawn", func() bool { return strings.Contains(out.String(), "suite du cours") })
	eventually(t, "not held again after the frame", func() bool { return g.Held() && g.Holds() > holds })
	p.Quit()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("quitting while the ticker is held did not end the program")
	}
}

// TestGateHoldEndsAtMaxHold: a hold ends by itself after MaxHold (what stops the
// renderer without a message still gets through), and the Gate holds the ticker again.
func TestGateHoldEndsAtMaxHold(t *testing.T) {
	out := &screen{}
	g := NewWith(out, 50*time.Millisecond, 100*time.Millisecond)
	p, done := run(t, g, text("écran"))
	eventually(t, "never held", g.Held)
	eventually(t, "the hold did not end and start again", func() bool { return g.Holds() >= 3 })
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestGateDropsTheMarkerElsewhere: a marker written by another goroutine than the
// renderer's (the event loop flushing after tea.Exec) is dropped without holding it.
func TestGateDropsTheMarkerElsewhere(t *testing.T) {
	out := &screen{}
	g := NewWith(out, time.Hour, time.Hour)
	wrote := make(chan struct{})
	go func() {
		_, _ = g.Output().Write([]byte("avant" + marker + "après"))
		close(wrote)
	}()
	select {
	case <-wrote:
	case <-time.After(10 * time.Second):
		t.Fatal("a goroutine that is not the renderer's was held")
	}
	if got := out.String(); got != "avantaprès" {
		t.Fatalf("output %q, want the text without the marker", got)
	}
	if g.Holds() != 0 {
		t.Fatalf("%d holds, want none", g.Holds())
	}
}

// TestGateFilter: every message lets the ticker go but the Gate's own marker; a marker
// that waited longer than the quiet delay for the event loop is dropped.
func TestGateFilter(t *testing.T) {
	g := NewWith(&screen{}, 50*time.Millisecond, time.Hour)
	f := g.Filter(nil)
	fresh := tea.RawMsg{Msg: parkMsg{sent: time.Now()}}
	if got := f(nil, fresh); got != tea.Msg(fresh) {
		t.Fatalf("a fresh marker became %#v", got)
	}
	select {
	case <-g.wake:
		t.Fatal("the marker let the ticker go")
	default:
	}
	if got := f(nil, tea.RawMsg{Msg: parkMsg{sent: time.Now().Add(-time.Second)}}); got != nil {
		t.Fatalf("a stale marker went through: %#v", got)
	}
	if got := f(nil, setText("x")); got != tea.Msg(setText("x")) {
		t.Fatalf("a message became %#v", got)
	}
	select {
	case <-g.wake:
	default:
		t.Fatal("a message did not let the ticker go")
	}
}

// panicking panics in a command's goroutine some time after it gets a message.
type panicking struct{ text }

type panicLater time.Duration

func (p panicking) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if d, ok := msg.(panicLater); ok {
		return p, func() tea.Msg { time.Sleep(time.Duration(d)); panic("a command's bug") }
	}
	return p, nil
}

// TestGatePanicWhileHeld: a panic in a command's goroutine stops the renderer without
// a message; the hold ends at MaxHold and the program ends with Bubble Tea's panic
// error (it would hang for good with no time limit on the hold).
func TestGatePanicWhileHeld(t *testing.T) {
	out := &screen{}
	g := NewWith(out, 50*time.Millisecond, 500*time.Millisecond)
	p, done := run(t, g, panicking{text("écran")})
	eventually(t, "never held", g.Held)
	p.Send(panicLater(300 * time.Millisecond)) // lands while the next hold runs
	select {
	case err := <-done:
		if !errors.Is(err, tea.ErrProgramPanic) {
			t.Fatalf("Run returned %v, want the panic error", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the program never ended after a panic while the ticker was held")
	}
}
