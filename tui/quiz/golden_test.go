package quiz

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// golden compares the screen, colors stripped, with testdata/<name>.golden.
func golden(t *testing.T, name string, m Model) {
	t.Helper()
	got := ansi.Strip(m.Render())
	if lines := strings.Count(got, "\n") + 1; lines != m.height {
		t.Errorf("%s: %d lines, want the window's %d", name, lines, m.height)
	}
	for i, l := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(l); w > m.width {
			t.Errorf("%s: line %d is %d cells wide, window is %d", name, i+1, w, m.width)
		}
	}
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui/quiz -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from %s:\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

// TestGolden renders each phase of the quiz screen in French and English at 80x24, and
// the summary at 100x30.
func TestGolden(t *testing.T) {
	for _, lang := range i18n.Langs {
		t.Run(string(lang), func(t *testing.T) {
			p := string(lang) + "-"
			m := newTestModel(lang, Practice, testQuestions())
			m = typeText(t, m, "2")
			golden(t, p+"numeric", m)
			m, _ = press(t, m, "enter")
			golden(t, p+"feedback-right", m)
			m, _ = press(t, m, "enter", "down")
			golden(t, p+"single", m)
			m, _ = press(t, m, rightPick(m, 1), "enter")
			golden(t, p+"feedback-wrong", m)
			m, _ = press(t, m, "enter", "down")
			golden(t, p+"ordering", m)
			m, _ = press(t, m, "enter", "enter")
			m = typeText(t, m, "raft")
			m, _ = press(t, m, "enter", "enter")
			m, _ = press(t, m, rightPick(m, 0))
			m, _ = press(t, m, "enter", "enter")
			m = typeText(t, m, "Raft a besoin d’une majorité.")
			golden(t, p+"open", m)
			m, _ = press(t, m, "ctrl+s", "space")
			golden(t, p+"rubric", m)
			m, _ = press(t, m, "enter", "enter")
			golden(t, p+"summary", m)
			m.SetSize(100, 30)
			golden(t, p+"summary-100x30", m)
		})
	}
}

func TestGoldenExamWithoutQuestions(t *testing.T) {
	m := newTestModel(i18n.FR, Exam, nil)
	golden(t, "fr-exam-empty", m)
}
