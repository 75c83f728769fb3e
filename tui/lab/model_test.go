package lab

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/labs"
)

// failing is the event of step all-ready not done yet, with evidence.
func failing() labs.Event {
	return labs.Event{Step: "all-ready", Kind: labs.EventFailed, Result: checks.Fail(
		i18n.M("checks.nodes.ready.count", "Ready", 2, "Total", 3),
		i18n.M("checks.nodes.notready", "Node", "kubetutor-worker2", "State", "NotReady", "Since", "12 s"))}
}

func passed(step string) labs.Event { return labs.Event{Step: step, Kind: labs.EventPassed} }

// scenario: step 1 passed, step 2 failing with evidence, one hint shown, the shell
// showing a command.
func scenario(t *testing.T, lang i18n.Lang, w, h int) Model {
	m := newScreen(t, lang, w, h, newFakeRunner())
	testNow = t0.Add(5 * time.Second)
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	testNow = t0.Add(17 * time.Second)
	m, _ = m.Update(eventMsg{failing()})
	m = keys(m, "ctrl+o", "i")
	m.term.Write([]byte("\x1b[1;36m[kubetutor]\x1b[0m ~ $ kubectl get nodes\r\nNAME                STATUS     ROLES           AGE\r\nkubetutor-worker2   NotReady   <none>          3m\r\n\x1b[1;36m[kubetutor]\x1b[0m ~ $ "))
	return m
}

func TestGoldenScreens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("lab-%s-%dx%d.golden", lang, size[0], size[1])
			t.Run(name, func(t *testing.T) {
				m := scenario(t, lang, size[0], size[1])
				got := plain(m)
				if n := len(strings.Split(got, "\n")); n != size[1] {
					t.Errorf("view has %d lines, want %d", n, size[1])
				}
				for i, l := range strings.Split(ansi.Strip(m.View()), "\n") {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("line %d is %d cells wide, more than %d", i, w, size[0])
					}
				}
				golden(t, name, got)
			})
		}
	}
	t.Run("nocluster", func(t *testing.T) {
		m := newScreen(t, i18n.FR, 80, 24, nil)
		golden(t, "lab-fr-80x24-nocluster.golden", plain(m))
	})
	t.Run("solution", func(t *testing.T) {
		m := scenario(t, i18n.FR, 120, 40)
		m = keys(m, "s")
		golden(t, "lab-fr-120x40-confirm.golden", plain(m))
		m = keys(m, "o")
		golden(t, "lab-fr-120x40-solution.golden", plain(m))
	})
}

func TestPassingMovesOn(t *testing.T) {
	m := newScreen(t, i18n.EN, 120, 40, newFakeRunner())
	if m.cur != 0 {
		t.Fatalf("starts on step %d, want 0", m.cur)
	}
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	if m.cur != 1 {
		t.Errorf("after step 1 passed the screen shows step %d, want 1", m.cur)
	}
	// A step the student looks back at stays shown when another passes.
	m = keys(m, "ctrl+o", "up")
	m, _ = m.Update(eventMsg{passed("all-ready")})
	if m.cur != 0 {
		t.Errorf("the screen moved away from the step the student chose")
	}
	m, _ = m.Update(eventMsg{passed("count-workers")})
	if !m.done || !strings.Contains(plain(m), "Lab complete") {
		t.Errorf("every step passed but the lab is not complete:\n%s", plain(m))
	}
	// A later failure does not undo a pass.
	m, _ = m.Update(eventMsg{failing()})
	if m.steps[1].kind != labs.EventPassed {
		t.Error("a passed step went back to failed")
	}
}

func TestHintsOneAtATime(t *testing.T) {
	r := newFakeRunner()
	m := newScreen(t, i18n.EN, 120, 40, r)
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	m = keys(m, "ctrl+o")
	for want := 1; want <= 3; want++ {
		m = keys(m, "i")
		got := m.steps[1].hints
		if got != min(want, 2) {
			t.Errorf("after %d presses %d hints shown, want %d", want, got, min(want, 2))
		}
	}
	v := plain(m)
	if !strings.Contains(v, "Hint 1/2") || !strings.Contains(v, "Hint 2/2") {
		t.Errorf("hints not shown:\n%s", v)
	}
}

func TestSolutionAsksFirstAndCountsAsHelp(t *testing.T) {
	m := newScreen(t, i18n.FR, 120, 40, newFakeRunner())
	m = keys(m, "ctrl+o", "s")
	if !m.confirm || m.steps[0].solution {
		t.Fatal("s did not ask for confirmation")
	}
	m = keys(m, "n")
	if m.confirm || m.steps[0].solution {
		t.Fatal("n did not cancel")
	}
	m = keys(m, "s", "o")
	if !m.steps[0].solution || !strings.Contains(plain(m), "kubectl get nodes -o wide") {
		t.Fatalf("o did not show the solution:\n%s", plain(m))
	}
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	if !m.steps[0].withHelp || !strings.Contains(plain(m), "◐ 1 list-nodes") {
		t.Errorf("a step passed after its solution is not marked solved with help:\n%s", plain(m))
	}
}

func TestShellFocusTakesEveryKey(t *testing.T) {
	m := newScreen(t, i18n.FR, 80, 24, newFakeRunner())
	if !m.CapturesKeys() {
		t.Fatal("the shell should have the focus when the screen opens")
	}
	m = keys(m, "i", "s", "q")
	if m.steps[0].hints != 0 || m.confirm {
		t.Error("keys typed in the shell acted on the instructions")
	}
	m = keys(m, "ctrl+o")
	if m.CapturesKeys() {
		t.Fatal("ctrl+o did not move the focus to the instructions")
	}
	m = keys(m, "i")
	if m.steps[0].hints != 1 {
		t.Error("i did not reveal a hint with the instructions focused")
	}
}

// The expected wait counts from the student's action (the first change the check sees
// once the step is current), not from when the step became current.
func TestWaitShowsElapsedTime(t *testing.T) {
	m := newScreen(t, i18n.FR, 120, 40, newFakeRunner())
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	testNow = t0.Add(12 * time.Second)
	m, cmd := m.Update(eventMsg{failing()})
	if cmd == nil {
		t.Fatal("the watch was not re-armed")
	}
	v := plain(m)
	if !strings.Contains(v, "Dès que vous aurez fait l’étape") || strings.Contains(v, "Écoulé") {
		t.Errorf("before any action the wait counts time:\n%s", v)
	}
	if m.tickIfWaiting() != nil {
		t.Error("a tick is armed before the wait started")
	}
	// The student acts: the check now sees a node coming back (a new reason).
	testNow = t0.Add(40 * time.Second)
	acted := labs.Event{Step: "all-ready", Kind: labs.EventPending, Result: checks.Wait(i18n.M("checks.nodes.none"))}
	m, cmd = m.Update(eventMsg{acted})
	if cmd == nil {
		t.Error("no tick armed while a wait is shown")
	}
	if again := m.tickIfWaiting(); again != nil {
		t.Error("a second tick chain was armed")
	}
	testNow = t0.Add(45 * time.Second)
	m, _ = m.Update(tickMsg{})
	v = plain(m)
	if !strings.Contains(v, "environ 30 s") || !strings.Contains(v, "Écoulé\u00a0: 5 s") {
		t.Errorf("the wait does not count from the action (5 s):\n%s", v)
	}
}

func TestAnswerAQuestionStep(t *testing.T) {
	r := newFakeRunner()
	m := newScreen(t, i18n.EN, 80, 24, r)
	m, _ = m.Update(eventMsg{passed("list-nodes")})
	m, _ = m.Update(eventMsg{passed("all-ready")})
	if m.cur != 2 || !strings.Contains(plain(m), "expects an answer") {
		t.Fatalf("the question step does not say how to answer:\n%s", plain(m))
	}
	m = keys(m, "ctrl+o", "r")
	if !m.answering || !m.CapturesKeys() {
		t.Fatal("r did not open the answer input")
	}
	m = keys(m, "i2") // i is part of the answer, not a hint
	if m.steps[2].hints != 0 {
		t.Error("a key typed in the answer revealed a hint")
	}
	m, _ = m.Update(named["esc"])
	m = keys(m, "r")
	for range 3 {
		m, _ = m.Update(tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	m = keys(m, "2")
	var cmd tea.Cmd
	m, cmd = m.Update(named["enter"])
	if m.answering || cmd == nil {
		t.Fatal("enter did not send the answer")
	}
	m, _ = m.Update(cmd())
	if r.answer != "2" || m.steps[2].kind != labs.EventPassed || !m.done {
		t.Errorf("answer %q, step %q, done %v:\n%s", r.answer, m.steps[2].kind, m.done, plain(m))
	}
	if !strings.Contains(plain(m), "Your answer: 2") {
		t.Errorf("the answer is not shown:\n%s", plain(m))
	}
}
