package quiz

import (
	"math"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	lq "kubetutor/lessons/quiz"
)

// orderByKeys puts the ordering items in the right order as a student would: cursor to
// the item, then shift+up until it is in place.
func orderByKeys(t *testing.T, m Model) Model {
	t.Helper()
	for want := range m.in.order {
		at := -1
		for i, item := range m.in.order {
			if item == want {
				at = i
			}
		}
		for m.in.cursor < at {
			m, _ = press(t, m, "down")
		}
		for m.in.cursor > at {
			m, _ = press(t, m, "up")
		}
		for m.in.cursor > want {
			m, _ = press(t, m, "shift+up")
		}
	}
	return m
}

func TestPracticeRun(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := newTestModel(i18n.FR, Practice, testQuestions())
	m.cfg.Store = store

	// Numeric, right; « Revoir la section » asks the root to open the reader there.
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	if m.phase != phaseFeedback || !m.current.res.Correct {
		t.Fatalf("after a right number: phase %v, result %+v", m.phase, m.current.res)
	}
	_, out := press(t, m, "v")
	if len(out) != 1 || out[0] != (ReviewMsg{Chapter: "00", Section: "00-02-plan-controle"}) {
		t.Errorf("review sent %v", out)
	}
	m, _ = press(t, m, "enter")

	// Single choice: pick etcd, wrong.
	m, _ = press(t, m, rightPick(m, 1), "enter")
	if m.current.res.Correct {
		t.Fatal("etcd graded as the entry point")
	}
	m, _ = press(t, m, "enter")

	// Ordering, put right with the keys.
	if m.question().Type != lq.Ordering {
		t.Fatalf("question 3 is %s", m.question().Type)
	}
	m = orderByKeys(t, m)
	m, _ = press(t, m, "enter")
	if !m.current.res.Correct {
		t.Fatalf("ordering graded %+v with order %v", m.current.res, m.current.resp.Order)
	}
	m, _ = press(t, m, "enter")

	// Short answer, in capitals.
	m = typeText(t, m, "RAFT")
	m, _ = press(t, m, "enter")
	if !m.current.res.Correct {
		t.Fatal("RAFT not accepted for Raft")
	}
	m, _ = press(t, m, "enter")

	// Multiple choice, both right ones.
	m, _ = press(t, m, rightPick(m, 0), rightPick(m, 1), "enter")
	if !m.current.res.Correct {
		t.Fatalf("multiple graded %+v", m.current.res)
	}
	m, _ = press(t, m, "enter")

	// Open: write, submit, tick one rubric point of two.
	m = typeText(t, m, "Il faut un quorum.")
	m, _ = press(t, m, "ctrl+s")
	if m.phase != phaseRubric {
		t.Fatalf("open answer: phase %v, want rubric", m.phase)
	}
	m, _ = press(t, m, "space", "enter")
	if m.phase != phaseFeedback || m.current.res.Points != 0.5 {
		t.Fatalf("rubric: phase %v, result %+v", m.phase, m.current.res)
	}
	m, out = press(t, m, "enter")
	if m.phase != phaseSummary {
		t.Fatalf("phase %v, want summary", m.phase)
	}
	if len(out) != 1 || m.notice.ID != "quiz.saved" {
		t.Fatalf("attempt not saved: %v, %q", out, m.notice.ID)
	}
	_, total := m.scores()
	if total.Max != 6 || math.Abs(total.Points-4.5) > 1e-9 {
		t.Errorf("total %+v, want 4.5/6", total)
	}

	doc, err := store.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := doc.Chapters["00"].Quizzes
	if len(a) != 1 || a[0].Mode != "practice" || a[0].Max != 6 || a[0].Score != 4.5 || a[0].Finished.IsZero() {
		t.Fatalf("recorded attempts: %+v", a)
	}
	if got := a[0].Answers[3]; got.Question != "raft" || got.Given[0] != "RAFT" || !got.Correct {
		t.Errorf("recorded answer: %+v", got)
	}

	// Redo the missed questions: the single choice and the open one.
	m, _ = press(t, m, "r")
	if m.phase != phaseAsk || len(m.questions) != 2 || m.questions[0].ID != "entree" || m.questions[1].ID != "impair" {
		t.Fatalf("retry asks %d questions, phase %v", len(m.questions), m.phase)
	}
}

func TestExamGivesNoFeedbackUntilTheEnd(t *testing.T) {
	m := newTestModel(i18n.EN, Exam, testQuestions())
	m = typeText(t, m, "3")
	m, _ = press(t, m, "enter")
	if m.phase != phaseAsk || m.idx != 1 {
		t.Fatalf("exam showed feedback: phase %v, question %d", m.phase, m.idx)
	}
	m, _ = press(t, m, rightPick(m, 0), "enter")
	m = orderByKeys(t, m)
	m, _ = press(t, m, "enter")
	m = typeText(t, m, "paxos")
	m, _ = press(t, m, "enter")
	m, _ = press(t, m, rightPick(m, 0), "enter")
	m = typeText(t, m, "quorum")
	m, _ = press(t, m, "ctrl+s")
	if m.phase != phaseRubric {
		t.Fatalf("phase %v, want the open question's rubric at the end", m.phase)
	}
	m, out := press(t, m, "1", "2", "enter")
	if m.phase != phaseSummary || len(out) != 0 {
		t.Fatalf("phase %v (out %v), want summary without a store", m.phase, out)
	}
	missed := m.missed()
	if len(missed) != 3 || missed[0].q.ID != "etcd-5" || missed[1].q.ID != "raft" || missed[2].q.ID != "acces" {
		var ids []string
		for _, r := range missed {
			ids = append(ids, r.q.ID)
		}
		t.Errorf("missed %v", ids)
	}
}

func TestMouseClickPicksAChoice(t *testing.T) {
	m := newTestModel(i18n.FR, Practice, testQuestions()[1:2])
	_, owner := m.body()
	line := -1
	for i, o := range owner {
		if o == 2 {
			line = i
			break
		}
	}
	m, _ = m.Update(tea.MouseClickMsg{X: 6, Y: line + headerHeight, Button: tea.MouseLeft})
	if c := m.in.perm[2]; !m.in.picked[c] || len(m.in.picked) != 1 {
		t.Fatalf("click on line %d picked %v", line, m.in.picked)
	}
}

func TestLeavingMidwayRecordsAnUnfinishedAttempt(t *testing.T) {
	m := newTestModel(i18n.FR, Exam, testQuestions())
	if cmd := m.leave(); cmd == nil {
		t.Fatal("leave returned no command")
	}
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	a := m.attempt(false)
	if !a.Finished.IsZero() || len(a.Answers) != 1 || a.Score != 1 || a.Mode != "exam" {
		t.Errorf("unfinished attempt %+v", a)
	}
}

func TestEmptyAnswerIsNotGraded(t *testing.T) {
	m := newTestModel(i18n.FR, Practice, testQuestions())
	m, _ = press(t, m, "enter")
	if m.phase != phaseAsk || len(m.records) != 0 || m.refusal.ID != "quiz.answer.empty" {
		t.Fatalf("empty answer: phase %v, %d records, status %q", m.phase, len(m.records), m.refusal.ID)
	}
}
