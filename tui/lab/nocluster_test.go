package lab

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
)

// runCmd runs the command a key returned (and the one it returns, once), as the program would.
func runCmd(m Model, cmd tea.Cmd) Model {
	if cmd == nil {
		return m
	}
	if msg := cmd(); msg != nil {
		m, _ = m.Update(msg)
	}
	return m
}

// Without a cluster, hints, the solution and an answer are recorded all the same, and v
// and r say why nothing was checked.
func TestWithoutClusterWhatTheStudentDidIsRecorded(t *testing.T) {
	rec := newFakeRunner() // records hints, solutions and answers; grades nothing here
	m := newScreen(t, i18n.FR, 120, 40, nil)
	m.cfg.Recorder = rec
	m.cfg.CanCreateCluster = true
	m = keys(m, "ctrl+o")

	var cmd tea.Cmd
	m, cmd = m.Update(tea.KeyPressMsg{Code: 'i', Text: "i"})
	m = runCmd(m, cmd)
	m = keys(m, "s")
	m, cmd = m.Update(tea.KeyPressMsg{Code: 'o', Text: "o"})
	m = runCmd(m, cmd)
	if rec.hints != 1 || rec.solutions != 1 {
		t.Errorf("without a cluster: %d hints and %d solutions recorded, want 1 and 1", rec.hints, rec.solutions)
	}

	m = keys(m, "v")
	if v := plain(m); !strings.Contains(v, "Rien à vérifier sans cluster") || !strings.Contains(v, "touche c") {
		t.Errorf("v without a cluster gives no feedback:\n%s", v)
	}
	m = keys(m, "r")
	if m.answering || !strings.Contains(plain(m), "n’attend pas de réponse") {
		t.Errorf("r on a step without a question gives no feedback:\n%s", plain(m))
	}
	if strings.Contains(plain(m), "Rien à vérifier") {
		t.Error("the feedback of v stayed after the next key")
	}

	// The question step: the answer typed is kept, « n » included.
	m = keys(m, "down", "down", "r")
	if !m.answering {
		t.Fatal("r did not open the answer on the question step")
	}
	if f := plain(m); !strings.Contains(lastLine(f), "échap annuler") || strings.Contains(lastLine(f), "n/échap") {
		t.Errorf("the answer prompt offers a key that types into the answer: %q", lastLine(f))
	}
	m = keys(m, "non2")
	if !m.answering {
		t.Fatal("n closed the answer input")
	}
	m, cmd = m.Update(named["enter"])
	m = runCmd(m, cmd)
	if rec.answer != "non2" || m.steps[2].answer != "non2" {
		t.Errorf("the answer typed without a cluster is not kept: recorded %q, shown %q", rec.answer, m.steps[2].answer)
	}
	if v := plain(m); !strings.Contains(v, "Réponse enregistrée") || !strings.Contains(v, "Votre réponse\u00a0: non2") {
		t.Errorf("no feedback for the kept answer:\n%s", v)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}
