package term

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
)

// waitFor polls cond until it holds; the deadline only stops a broken test, it asserts
// no speed.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// run runs cmd and returns its message (nil after 20 s).
func run(cmd tea.Cmd) tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	select {
	case msg := <-ch:
		return msg
	case <-time.After(20 * time.Second):
		return nil
	}
}

// bashPane returns a focused pane of w×h running an interactive bash without rc files.
func bashPane(t *testing.T, w, h int) Model {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	m := New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) {
		c := exec.Command(bash, "--norc", "--noprofile", "-i")
		c.Env = append(os.Environ(), "PS1=$ ", "HISTFILE=/dev/null")
		return c, nil
	}})
	m.SetSize(w, h)
	m.Focus()
	msg := run(m.Start())
	m, cmd := m.Update(msg)
	if !m.Running() {
		t.Fatalf("the shell did not start: %v", m.err)
	}
	t.Cleanup(m.Close)
	_ = cmd // frames are not needed: tests read the emulator directly
	waitFor(t, "the prompt", func() bool { return strings.Contains(m.Text(), "$") })
	return m
}

// typeText sends each rune of s as a key press, then enter.
func typeLine(m Model, s string) Model {
	for _, r := range s {
		m, _ = m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	return m
}

func TestWrittenBytesShowInView(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.FR)})
	m.SetSize(30, 5)
	m.Write([]byte("bonjour\r\n\x1b[1mgras\x1b[0m é « ok »"))
	v := m.View()
	lines := strings.Split(v, "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines, want 5:\n%s", len(lines), v)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 30 {
			t.Errorf("line %d is %d cells wide, want 30: %q", i, w, l)
		}
	}
	plain := ansi.Strip(v)
	if !strings.Contains(plain, "bonjour") || !strings.Contains(plain, "gras é « ok »") {
		t.Errorf("view lacks the text:\n%s", plain)
	}
	if !strings.Contains(v, "\x1b[1m") {
		t.Errorf("view lost the bold style: %q", v)
	}
}

func TestRepliesAreDrainedWithoutProcess(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	done := make(chan struct{})
	go func() {
		// Device attributes and cursor position requests make the emulator reply.
		for range 200 {
			m.Write([]byte("\x1b[c\x1b[6n\x1b[>c"))
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("writing to the emulator blocked: its replies are not drained")
	}
}

func TestKeysReachTheShell(t *testing.T) {
	m := bashPane(t, 60, 10)
	m = typeLine(m, "echo sum-$((40+2))")
	waitFor(t, "the command's output", func() bool { return strings.Contains(m.Text(), "sum-42") })
	if !strings.Contains(ansi.Strip(m.View()), "sum-42") {
		t.Errorf("view lacks the output:\n%s", m.View())
	}
	c := m.Cursor()
	if c == nil || c.Y == 0 || c.X != 2 {
		t.Errorf("cursor %+v, want after the prompt on a later line", c)
	}
	m.Write([]byte("\x1b[6 q")) // a steady bar, as vim's insert mode asks
	if c := m.Cursor(); c == nil || c.Shape != tea.CursorBar || c.Blink {
		t.Errorf("cursor %+v, want a steady bar", c)
	}
}

func TestUnfocusedPaneIgnoresKeys(t *testing.T) {
	m := bashPane(t, 60, 10)
	m.Blur()
	m = typeLine(m, "echo nope-$((1+1))")
	m.Focus()
	m = typeLine(m, "echo yes-$((1+1))")
	waitFor(t, "the output", func() bool { return strings.Contains(m.Text(), "yes-2") })
	if strings.Contains(m.Text(), "nope") {
		t.Errorf("keys typed while blurred reached the shell:\n%s", m.Text())
	}
	if c := (func() *tea.Cursor { m.Blur(); return m.Cursor() })(); c != nil {
		t.Error("a blurred pane shows a cursor")
	}
}

func TestPasteReachesTheShell(t *testing.T) {
	m := bashPane(t, 60, 10)
	m, _ = m.Update(tea.PasteMsg{Content: "echo pasted-$((2*3))"})
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	waitFor(t, "the pasted command's output", func() bool { return strings.Contains(m.Text(), "pasted-6") })
}

func TestResizeReachesTheShell(t *testing.T) {
	m := bashPane(t, 60, 10)
	m.SetSize(47, 9)
	m = typeLine(m, "stty size")
	waitFor(t, "stty's answer", func() bool { return strings.Contains(m.Text(), "9 47") })
	if n := len(strings.Split(m.View(), "\n")); n != 9 {
		t.Errorf("view has %d lines after resize, want 9", n)
	}
}

func TestExitAndRestart(t *testing.T) {
	m := bashPane(t, 60, 10)
	m = typeLine(m, "exit 3")
	var msg tea.Msg
	for {
		msg = run(listen(m.sess, time.Time{}, 0))
		if _, ok := msg.(exitMsg); ok || msg == nil {
			break
		}
	}
	m, cmd := m.Update(msg)
	if gone, code := m.Exited(); !gone || code != 3 {
		t.Fatalf("Exited() = %v, %d; want true, 3", gone, code)
	}
	if ex, ok := run(cmd).(ExitedMsg); !ok || ex.Code != 3 || ex.Pane != m.ID() {
		t.Errorf("exit message = %#v", ex)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "exited (code 3)") {
		t.Errorf("view does not say the shell exited:\n%s", v)
	}
	// Other keys do nothing; enter starts a new shell.
	m, cmd = m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if cmd != nil {
		t.Error("a key other than restart did something after exit")
	}
	m, cmd = m.Update(tea.KeyPressMsg{Code: tea.KeyEnter})
	m, _ = m.Update(run(cmd))
	if !m.Running() {
		t.Fatal("enter did not restart the shell")
	}
	waitFor(t, "the new prompt", func() bool { return strings.Contains(m.Text(), "$") })
	if strings.Contains(m.Text(), "exit 3") {
		t.Errorf("the restarted pane kept the old screen:\n%s", m.Text())
	}
}

func TestScrollback(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(20, 5)
	m.Focus()
	for i := range 30 {
		m.Write([]byte("line " + strconv.Itoa(i) + "\r\n"))
	}
	if v := ansi.Strip(m.View()); strings.Contains(v, "line 10") {
		t.Fatalf("old lines on screen before scrolling:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyPgUp, Mod: tea.ModShift})
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "line 24") || !strings.Contains(v, "↑") {
		t.Errorf("shift+pgup did not scroll back:\n%s", v)
	}
	for range 20 {
		m, _ = m.Update(tea.MouseWheelMsg{Button: tea.MouseWheelUp})
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "line 1\n") && !strings.Contains(v, "line 1 ") {
		t.Errorf("the wheel did not reach the top of the scrollback:\n%s", v)
	}
	m, _ = m.Update(tea.KeyPressMsg{Code: 'a', Text: "a"}) // typing returns to the bottom
	if v := ansi.Strip(m.View()); !strings.Contains(v, "line 29") {
		t.Errorf("typing did not return to the bottom:\n%s", v)
	}
}

func TestAltScreen(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN)})
	m.SetSize(20, 5)
	m.Write([]byte("shell text\r\n\x1b[?1049h\x1b[Hfull screen app"))
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "full screen app") || strings.Contains(v, "shell text") {
		t.Errorf("alt screen not shown:\n%s", v)
	}
	m.Write([]byte("\x1b[?1049l"))
	if v := ansi.Strip(m.View()); !strings.Contains(v, "shell text") {
		t.Errorf("main screen not restored:\n%s", v)
	}
}

func TestAltScreenAppInShell(t *testing.T) {
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less is not installed")
	}
	m := bashPane(t, 60, 10)
	m = typeLine(m, "seq 100 | less")
	waitFor(t, "less on the alt screen", func() bool {
		return m.sess.isAlt() && strings.Contains(m.Text(), "\n9\n")
	})
	m, _ = m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
	waitFor(t, "less to quit", func() bool { return !m.sess.isAlt() })
}

func TestCloseKillsTheWholeSession(t *testing.T) {
	m := bashPane(t, 60, 10)
	// A background job in its own process group, and a foreground one.
	m = typeLine(m, `sleep 300 & echo "bg="$!`)
	waitFor(t, "the job's pid", func() bool { return strings.Contains(m.Text(), "\nbg=") })
	text := m.Text()
	i := strings.Index(text, "\nbg=")
	f := strings.Fields(text[i+4:])
	pid, err := strconv.Atoi(f[0])
	if err != nil {
		t.Fatalf("no pid in %q", text)
	}
	shell := m.sess.cmd.Process.Pid
	m = typeLine(m, "sleep 301")
	m.Close()
	for _, p := range []int{pid, shell} {
		waitFor(t, "process "+strconv.Itoa(p)+" to die", func() bool { return !alive(p) })
	}
}

// alive reports whether pid runs (a zombie waiting for its parent does not).
func alive(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	s := string(data)
	j := strings.LastIndexByte(s, ')')
	return j < 0 || !strings.HasPrefix(strings.TrimSpace(s[j+1:]), "Z")
}

func TestClosedPaneStartsNothing(t *testing.T) {
	m := New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) {
		return exec.Command("sleep", "300"), nil
	}})
	cmd := m.Start()
	m.Close() // the screen went away before the command ran
	msg, ok := run(cmd).(startedMsg)
	if !ok || msg.err == nil {
		t.Fatalf("start after close = %#v, want an error", msg)
	}
	if m.sess.cmd != nil && m.sess.cmd.Process != nil {
		t.Error("a process was started in a closed pane")
	}
}

// TestGoneWaitsForTheProcess: Close signals the process and returns at once (Update never
// blocks); Gone is closed only once the process exited, after what it writes on its way
// out (bash saves its history on SIGHUP). A stand-in for a shell slow to leave writes a
// file a little after SIGHUP: absent when Close returns, there when Gone is closed.
func TestGoneWaitsForTheProcess(t *testing.T) {
	late := t.TempDir() + "/late"
	script := `trap 'sleep 0.1; echo bye > "$LATE"; exit 0' HUP; echo ready; while :; do sleep 0.05; done`
	m := New(Config{Tr: i18n.New(i18n.EN), Command: func() (*exec.Cmd, error) {
		c := exec.Command("sh", "-c", script)
		c.Env = append(os.Environ(), "LATE="+late)
		return c, nil
	}})
	select {
	case <-m.Gone():
	default:
		t.Fatal("Gone is not closed on a pane that never started")
	}
	m, _ = m.Update(run(m.Start()))
	if !m.Running() {
		t.Fatalf("the program did not start: %v", m.err)
	}
	waitFor(t, "the program", func() bool { return strings.Contains(m.Text(), "ready") })
	pid := m.sess.cmd.Process.Pid
	m.Close()
	if _, err := os.Stat(late); err == nil {
		t.Fatal("the program's last write is there when Close returns: the stand-in is too fast to prove anything")
	}
	select {
	case <-m.Gone():
	case <-time.After(10 * time.Second):
		t.Fatal("Gone not closed 10 s after Close")
	}
	if alive(pid) {
		t.Error("Gone is closed while the process runs")
	}
	if _, err := os.Stat(late); err != nil {
		t.Errorf("Gone is closed before the process's last write: %v", err)
	}
}
