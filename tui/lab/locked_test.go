package lab

import (
	"strings"
	"testing"

	"kubetutor/i18n"
)

// TestSolutionLockedByInstructor: while the workshop's instructor locks the lab's
// solutions, the solution key refuses and says so (its help too), a confirmation already
// open is refused, hints stay available; unlocking gives the key back.
func TestSolutionLockedByInstructor(t *testing.T) {
	locked := true
	m := newScreen(t, i18n.FR, 80, 24, nil)
	m.cfg.SolutionLocked = func() bool { return locked }
	m = keys(m, "ctrl+o")
	if v := plain(m); !strings.Contains(v, "s verrouillée") || !strings.Contains(v, "? aide") {
		t.Fatalf("the help does not say the solution is locked:\n%s", v)
	}
	golden(t, "lab-fr-80x24-locked.golden", plain(m))
	m = keys(m, "s")
	if m.confirm || m.steps[0].solution {
		t.Fatal("s asked for or showed a locked solution")
	}
	if v := plain(m); !strings.Contains(v, "verrouillé les solutions") || strings.Contains(v, "Solution\u00a0:") {
		t.Fatalf("s on a locked solution:\n%s", v)
	}
	m = keys(m, "i")
	if m.steps[0].hints != 1 {
		t.Fatal("a hint was refused while the solution is locked")
	}

	locked = false
	if v := plain(m); strings.Contains(v, "verrouillée") {
		t.Fatalf("unlocked, the help still says locked:\n%s", v)
	}
	m = keys(m, "s")
	if !m.confirm {
		t.Fatal("unlocked, s did not ask for the solution")
	}
	locked = true // locked while the question is on the screen
	m = keys(m, "o")
	if m.steps[0].solution {
		t.Fatal("a solution was shown after the instructor locked it")
	}
	locked = false
	m = keys(m, "s", "o")
	if !m.steps[0].solution || !strings.Contains(plain(m), "kubectl get nodes -o wide") {
		t.Fatalf("unlocked, the solution was not shown:\n%s", plain(m))
	}

	en := newScreen(t, i18n.EN, 120, 40, nil)
	en.cfg.SolutionLocked = func() bool { return true }
	en = keys(en, "ctrl+o")
	if v := plain(en); !strings.Contains(v, "s solution locked by the instructor") {
		t.Errorf("the help at 120 columns does not say who locked the solution:\n%s", v)
	}
	golden(t, "lab-en-120x40-locked.golden", plain(en))
}
