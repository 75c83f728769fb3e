package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
)

// TestE2EHomeScrollsAt80x24 goes down the home list to its last lab at 80x24: the
// selection stays on screen, and Enter opens the lab the student sees selected.
func TestE2EHomeScrollsAt80x24(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	s := tmuxtest.Start(t, 80, 24, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q", home, home, bin))
	s.WaitFor("the home screen", func(scr string) bool { return strings.Contains(scr, "▸ 00. Architecture de Kubernetes") })
	for range 8 {
		s.Send("Down")
	}
	s.WaitFor("the last lab selected, on screen above the footer", func(scr string) bool {
		lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
		return len(lines) >= 2 && strings.Contains(strings.Join(lines[:len(lines)-1], "\n"), "▸ Les nœuds du cluster")
	})
	s.Send("Enter")
	s.WaitFor("the lab seen selected, opened", func(scr string) bool {
		return strings.Contains(scr, "TP · Les nœuds du cluster") && strings.Contains(scr, "[kubetutor]")
	})
	s.Send("C-o", "q")
	s.WaitExit()
}

// TestE2ELabAnswerWithoutCluster answers a question step with no cluster: the prompt
// offers only esc to cancel, « n » is a letter of the answer, the answer is kept (in the
// progress file, for lab check) and the screen says so; v says why nothing was checked.
func TestE2ELabAnswerWithoutCluster(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	s := tmuxtest.Start(t, 80, 24, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open nodes-ready", home, home, bin))
	s.WaitFor("the lab and its shell", func(scr string) bool {
		return strings.Contains(scr, "[kubetutor]") && strings.Contains(scr, "pas encore de cluster")
	})
	s.Send("C-o", "v")
	s.WaitFor("the feedback of v", func(scr string) bool { return strings.Contains(scr, "Rien à vérifier sans cluster") })
	s.Send("Down", "Down", "Down", "r")
	scr := s.WaitFor("the answer prompt", func(scr string) bool { return strings.Contains(lastLine(scr), "Votre réponse") })
	if l := lastLine(scr); !strings.Contains(l, "échap annuler") || strings.Contains(l, "n/échap") {
		t.Errorf("the answer prompt offers a letter to cancel: %q", l)
	}
	s.Send("non2")
	s.WaitFor("n typed into the answer", func(scr string) bool { return strings.Contains(lastLine(scr), "non2") })
	s.Send("Enter")
	s.WaitFor("the answer kept", func(scr string) bool {
		return strings.Contains(scr, "Réponse enregistrée") && strings.Contains(scr, "Votre réponse\u00a0: non2")
	})
	s.Send("q")
	s.WaitExit()
	data, err := os.ReadFile(filepath.Join(home, "state", "progress.json"))
	if err != nil || !strings.Contains(string(data), `"answer": "non2"`) {
		t.Errorf("the answer is not in the progress file (%v):\n%s", err, data)
	}
}

// TestE2ECreateClusterFromLabComesBack presses c on a lab with Docker not answering (a
// docker that fails, first on PATH): the doctor blocks, and Enter goes back to the lab
// and its shell, what was typed there still on screen.
func TestE2ECreateClusterFromLabComesBack(t *testing.T) {
	bin := tmuxtest.Binary(t, "bash")
	home := t.TempDir()
	fake := filepath.Join(home, "fakebin")
	os.MkdirAll(fake, 0o755)
	os.WriteFile(filepath.Join(fake, "docker"), []byte("#!/bin/sh\necho 'Cannot connect to the Docker daemon' >&2\nexit 1\n"), 0o755)
	s := tmuxtest.Start(t, 100, 30, fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr PATH=%q:$PATH %q lab open nodes-ready", home, home, fake, bin))
	s.WaitFor("the lab and its shell", func(scr string) bool { return strings.Contains(scr, "[kubetutor]") })
	s.Send("echo", "Space", "marker-$((6*7))", "Enter")
	s.WaitFor("the marker", func(scr string) bool { return strings.Contains(scr, "marker-42") })
	s.Send("C-o", "c")
	s.WaitFor("the doctor blocking, offering the lab", func(scr string) bool {
		return strings.Contains(scr, "ne peut pas être créé") && strings.Contains(scr, "revenir au TP")
	})
	s.Send("Enter")
	s.WaitFor("the lab again, its shell as it was", func(scr string) bool {
		return strings.Contains(scr, "TP · Les nœuds du cluster") && strings.Contains(scr, "marker-42")
	})
	s.Send("q")
	s.WaitExit()
}
