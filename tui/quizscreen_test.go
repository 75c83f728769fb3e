package tui

import (
	"strings"
	"testing"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
)

// TestQuizFromHome opens the quiz from the home screen, asks to review the section of the
// first question (the reader opens there), then leaves a quiz back to the home screen.
func TestQuizFromHome(t *testing.T) {
	hs := newHarness(t, i18n.FR, 80, 24, common.OpenChapterMsg{}, nil)
	root := hs.m.(Model)
	root.c.Content = assets.FS
	hs.m = root
	hs.keys("z")
	if got := hs.m.(Model).screen; got != ScreenQuiz {
		t.Fatalf("screen %v after z, want the quiz", got)
	}
	if s := hs.screen(); !strings.Contains(s, "Quiz · chapitre 00 · entraînement") || !strings.Contains(s, "Question 1/49") {
		t.Fatalf("quiz screen:\n%s", s)
	}
	hs.send(tuiquiz.ReviewMsg{Chapter: "00", Section: "00-02-plan-controle"})
	if got := hs.m.(Model).screen; got != ScreenReader {
		t.Fatalf("screen %v after review, want the reader", got)
	}
	hs.send(common.OpenQuizMsg{Chapter: "00", Section: "00-04-reseau"})
	if s := hs.screen(); !strings.Contains(s, "Question 1/4") {
		t.Fatalf("section quiz:\n%s", s)
	}
	hs.keys("esc")
	if got := hs.m.(Model).screen; got != ScreenHome {
		t.Fatalf("screen %v after esc, want home", got)
	}
}
