package quiz

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	lq "kubetutor/lessons/quiz"
)

func storeModel(t *testing.T, lang i18n.Lang, mode Mode, store *progress.Store) Model {
	t.Helper()
	m := newTestModel(lang, mode, testQuestions())
	m.cfg.Store = store
	return m
}

// TestEveryAnswerIsSavedAsItIsGiven kills the quiz (drops the model) after two answers:
// the store already holds both, in one unfinished attempt.
func TestEveryAnswerIsSavedAsItIsGiven(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []Mode{Practice, Exam} {
		t.Run(string(mode), func(t *testing.T) {
			m := storeModel(t, i18n.FR, mode, store)
			m = typeText(t, m, "2")
			m, _ = press(t, m, "enter")
			if mode == Practice {
				m, _ = press(t, m, "enter")
			}
			m, _ = press(t, m, rightPick(m, 0), "enter")
			doc, err := store.Load()
			if err != nil {
				t.Fatal(err)
			}
			a := doc.Chapters["00"].LastUnfinished(string(mode), "")
			if a == nil || len(a.Answers) != 2 || a.Score != 2 || !a.Unfinished() {
				t.Fatalf("after two answers the store holds %+v", a)
			}
			n := 0
			for _, q := range doc.Chapters["00"].Quizzes {
				if q.Mode == string(mode) {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d attempts recorded, want one updated in place", n)
			}
		})
	}
}

// TestResumeAnUnfinishedAttempt answers two questions, drops the screen, opens a new one:
// it offers the attempt; resuming asks the third question and ends with all six answers
// in the same, now finished, attempt.
func TestResumeAnUnfinishedAttempt(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, i18n.FR, Practice, store)
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter", "enter")
	m, _ = press(t, m, rightPick(m, 1), "enter")
	first := m.attemptID

	m = storeModel(t, i18n.FR, Practice, store)
	m.cfg.Now = func() time.Time { return fixedNow().Add(time.Hour) }
	m.start(m.cfg.Questions)
	m = initResume(t, m)
	if m.phase != phaseResume {
		t.Fatalf("phase %v, want the resume offer", m.phase)
	}
	golden(t, "fr-resume", m)
	if flat := strings.Join(strings.Fields(ansi.Strip(m.Render())), " "); !strings.Contains(flat, "2 réponses enregistrées sur 6 questions") {
		t.Errorf("the offer does not say what was saved:\n%s", ansi.Strip(m.Render()))
	}
	m, _ = press(t, m, "enter")
	if m.phase != phaseAsk || m.idx != 2 || m.question().ID != "phases" || m.attemptID != first {
		t.Fatalf("resumed at question %d (%s), phase %v, attempt %s (want %s)", m.idx, m.question().ID, m.phase, m.attemptID, first)
	}
	if !strings.Contains(ansi.Strip(m.Render()), "Question 3/6") {
		t.Errorf("counter after resume:\n%s", ansi.Strip(m.Render()))
	}
	m, _ = press(t, m, "enter", "enter")
	m = typeText(t, m, "raft")
	m, _ = press(t, m, "enter", "enter")
	m, _ = press(t, m, rightPick(m, 0), rightPick(m, 1), "enter", "enter")
	m = typeText(t, m, "quorum")
	m, _ = press(t, m, "ctrl+s", "space", "enter", "enter")
	if m.phase != phaseSummary {
		t.Fatalf("phase %v, want the summary", m.phase)
	}
	doc, _ := store.Load()
	qs := doc.Chapters["00"].Quizzes
	if len(qs) != 1 || qs[0].ID != first || qs[0].Unfinished() || len(qs[0].Answers) != 6 {
		t.Fatalf("attempts after the resumed run: %+v", qs)
	}
}

// TestRestartKeepsTheUnfinishedAttempt: n starts a new attempt; the old one stays
// unfinished.
func TestRestartKeepsTheUnfinishedAttempt(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, i18n.EN, Exam, store)
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")

	m = storeModel(t, i18n.EN, Exam, store)
	m.cfg.Now = func() time.Time { return fixedNow().Add(time.Hour) }
	m.start(m.cfg.Questions)
	m = initResume(t, m)
	golden(t, "en-resume", m)
	m, _ = press(t, m, "n")
	if m.phase != phaseAsk || m.idx != 0 || len(m.records) != 0 {
		t.Fatalf("restart: phase %v, question %d", m.phase, m.idx)
	}
	m = typeText(t, m, "3")
	m, _ = press(t, m, "enter")
	doc, _ := store.Load()
	qs := doc.Chapters["00"].Quizzes
	if len(qs) != 2 || !qs[0].Unfinished() || len(qs[0].Answers) != 1 || qs[1].ID == qs[0].ID {
		t.Fatalf("attempts: %+v", qs)
	}
}

// TestNoOfferWithoutUnfinishedAttempt: a finished attempt, or another mode's, is not
// offered.
func TestNoOfferWithoutUnfinishedAttempt(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, i18n.FR, Exam, store)
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	m = storeModel(t, i18n.FR, Practice, store)
	if m = initResume(t, m); m.phase != phaseAsk {
		t.Fatalf("an exam attempt offered to a practice run: phase %v", m.phase)
	}
}

// initResume runs the screen's Init commands the way the program would.
func initResume(t *testing.T, m Model) Model {
	t.Helper()
	msg := m.findResumableCmd()()
	m, _ = m.Update(msg)
	return m
}

// TestRefusedAnswersAreNotScored: « deux » in a numeric question and an open answer left
// blank are refused with a message, nothing recorded.
func TestRefusedAnswersAreNotScored(t *testing.T) {
	for _, lang := range i18n.Langs {
		m := newTestModel(lang, Practice, testQuestions())
		m = typeText(t, m, "deux")
		m, _ = press(t, m, "enter")
		if m.phase != phaseAsk || len(m.records) != 0 || m.refusal.ID != "quiz.answer.notnumber" {
			t.Fatalf("%s: « deux » gave phase %v, %d records, refusal %q", lang, m.phase, len(m.records), m.refusal.ID)
		}
		golden(t, string(lang)+"-numeric-refused", m)
		// Typing clears the message; a number is then graded.
		m, _ = press(t, m, "backspace")
		if m.refusal.ID != "" {
			t.Errorf("%s: the refusal stays after an edit", lang)
		}

		m = newTestModel(lang, Practice, testQuestions()[5:])
		m, _ = press(t, m, "ctrl+s")
		if m.phase != phaseAsk || m.refusal.ID != "quiz.open.needtext" {
			t.Fatalf("%s: a blank open answer gave phase %v, refusal %q", lang, m.phase, m.refusal.ID)
		}
		m = typeText(t, m, "   ")
		m, _ = press(t, m, "ctrl+s")
		if m.phase != phaseAsk {
			t.Fatalf("%s: spaces passed as an open answer", lang)
		}
	}
}

// TestFullHelpListsEachKeyOnce opens the full help in every phase: no key twice.
func TestFullHelpListsEachKeyOnce(t *testing.T) {
	m := newTestModel(i18n.FR, Practice, testQuestions())
	seen := 0
	check := func(name string) {
		seen++
		var helps []string
		for _, col := range m.helpKeys().full {
			for _, b := range col {
				h := b.Help().Key + " " + b.Help().Desc
				if slices.Contains(helps, h) {
					t.Errorf("%s: full help lists %q twice", name, h)
				}
				helps = append(helps, h)
			}
		}
		m.fullHelp = true
		if n := strings.Count(ansi.Strip(m.Render()), "quitter le quiz"); n != 1 {
			t.Errorf("%s: « quitter le quiz » shown %d times in the full help", name, n)
		}
		m.fullHelp = false
	}
	check("ask")
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	check("feedback")
	m.fullHelp = true
	golden(t, "fr-help", m)
	m.fullHelp = false
	m, _ = press(t, m, "enter")
	m.phase = phaseSummary
	check("summary")
	if seen != 3 {
		t.Fatal("phases not checked")
	}
}

// TestOrderingQuestionsSayItOnce renders every ordering question of chapter 00: the
// prompt asks for the order, the hint says how, « dans l’ordre » shows once.
func TestOrderingQuestionsSayItOnce(t *testing.T) {
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	ch, _ := course.Chapter("00")
	z, err := lq.ForChapter(assets.FS, "", ch)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range z.Questions {
		if q.Type != lq.Ordering {
			continue
		}
		n++
		for _, lang := range i18n.Langs {
			m := newTestModel(lang, Practice, []*lq.Question{q})
			screen := strings.ToLower(ansi.Strip(m.Render()))
			phrase := map[i18n.Lang]string{i18n.FR: "dans l’ordre", i18n.EN: "in order"}[lang]
			if c := strings.Count(screen, phrase); c > 1 {
				t.Errorf("%s (%s): %q shows %d times:\n%s", q.ID, lang, phrase, c, screen)
			}
		}
	}
	if n == 0 {
		t.Fatal("no ordering question in chapter 00")
	}
}

// TestExamOpenAnswerSurvivesAKill: in exam mode an open answer waits for its rubric until
// the end; killed before, its text is kept (pending, no points) and the resumed run asks
// for its rubric at the end.
func TestExamOpenAnswerSurvivesAKill(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	qs := testQuestions()
	open, numeric := qs[5], qs[0]
	m := newTestModel(i18n.FR, Exam, []*lq.Question{open, numeric})
	m.cfg.Store = store
	m = typeText(t, m, "Il faut un quorum.")
	m, _ = press(t, m, "ctrl+s")
	doc, _ := store.Load()
	a := doc.Chapters["00"].LastUnfinished("exam", "")
	if a == nil || len(a.Answers) != 1 || !a.Answers[0].Pending || a.Answers[0].Given[0] != "Il faut un quorum." || a.Max != 0 {
		t.Fatalf("the pending open answer is not kept: %+v", a)
	}

	m = newTestModel(i18n.FR, Exam, []*lq.Question{open, numeric})
	m.cfg.Store = store
	m.cfg.Now = func() time.Time { return fixedNow().Add(time.Hour) }
	m.start(m.cfg.Questions)
	m = initResume(t, m)
	m, _ = press(t, m, "enter")
	if m.phase != phaseAsk || m.question().ID != numeric.ID {
		t.Fatalf("resumed on %s, phase %v", m.question().ID, m.phase)
	}
	m = typeText(t, m, "2")
	m, _ = press(t, m, "enter")
	if m.phase != phaseRubric || m.current.resp.Text != "Il faut un quorum." {
		t.Fatalf("phase %v, want the rubric of the kept answer", m.phase)
	}
	m, _ = press(t, m, "1", "enter")
	doc, _ = store.Load()
	got := doc.Chapters["00"].Quizzes
	if len(got) != 1 || got[0].Unfinished() || got[0].Max != 2 || got[0].Score != 1.5 {
		t.Fatalf("final attempt %+v", got)
	}
}

// TestResumeSkipsAnswersThatNoLongerFit: a stored choice the question no longer has is
// not restored (it would not display); the question is asked again.
func TestResumeSkipsAnswersThatNoLongerFit(t *testing.T) {
	store, err := progress.Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	err = store.Update(func(d *progress.Document) error {
		d.Chapter("00").SaveAttempt(progress.QuizAttempt{ID: "00-x", Mode: "practice", Started: fixedNow(),
			Answers: []progress.Answer{
				{Question: "etcd-5", Section: "00-02-plan-controle", Given: []string{"2"}, Points: 1, Correct: true},
				{Question: "entree", Section: "00-11-a-retenir", Given: []string{"7"}, Points: 1, Correct: true},
			}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	m := storeModel(t, i18n.FR, Practice, store)
	m = initResume(t, m)
	m, _ = press(t, m, "enter")
	if m.idx != 1 || m.question().ID != "entree" || len(m.records) != 1 {
		t.Fatalf("resumed at %d (%s) with %d records", m.idx, m.question().ID, len(m.records))
	}
	_ = m.Render()
}
