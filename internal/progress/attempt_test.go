package progress

import (
	"testing"
	"time"
)

// TestSaveAttemptNeverGoesBack replays the saves of one attempt out of order, as the quiz
// screen's background saves may land: the store keeps the most complete one.
func TestSaveAttemptNeverGoesBack(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	snap := func(answers, assessed int, finished bool) QuizAttempt {
		a := QuizAttempt{ID: "00-x", Mode: "exam", Started: at, Max: float64(assessed)}
		for i := 0; i < answers; i++ {
			a.Answers = append(a.Answers, Answer{Question: string(rune('a' + i)), Pending: i >= assessed})
		}
		if finished {
			a.Finished = at.Add(time.Minute)
		}
		return a
	}
	var c Chapter
	for _, s := range []QuizAttempt{snap(1, 1, false), snap(3, 2, false), snap(2, 2, false), snap(3, 3, true),
		snap(3, 2, false), snap(3, 3, false)} {
		c.SaveAttempt(s)
	}
	if len(c.Quizzes) != 1 {
		t.Fatalf("%d attempts, want one updated in place", len(c.Quizzes))
	}
	if a := c.Quizzes[0]; a.Unfinished() || len(a.Answers) != 3 || a.Max != 3 {
		t.Errorf("kept %+v, want the finished one with 3 assessed answers", a)
	}
	if c.LastUnfinished("exam", "") != nil {
		t.Error("a finished attempt offered for resume")
	}
	c.SaveAttempt(QuizAttempt{ID: "00-y", Mode: "exam", Started: at, Answers: []Answer{{Question: "a"}}, Max: 1})
	if a := c.LastUnfinished("exam", ""); a == nil || a.ID != "00-y" {
		t.Errorf("LastUnfinished = %+v", a)
	}
	if c.LastUnfinished("practice", "") != nil || c.LastUnfinished("exam", "00-02-plan-controle") != nil {
		t.Error("an attempt offered to another mode or section")
	}
}

// BenchmarkSaveAnswer is what each graded answer costs the quiz (in the background): the
// whole attempt saved under the store's lock, with its fsyncs, in a document that
// already holds 50 attempts of 13 answers.
func BenchmarkSaveAnswer(b *testing.B) {
	s, err := Open(b.TempDir() + "/progress.json")
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	attempt := func(id string, n int) QuizAttempt {
		a := QuizAttempt{ID: id, Mode: "practice", Started: at}
		for i := 0; i < n; i++ {
			a.Answers = append(a.Answers, Answer{Question: "question-" + string(rune('a'+i)), Section: "00-02-plan-controle",
				Given: []string{"2"}, Points: 1, Correct: true, At: at})
			a.Max++
		}
		return a
	}
	err = s.Update(func(d *Document) error {
		for i := 0; i < 50; i++ {
			d.Chapter("00").SaveAttempt(attempt(time.Duration(i).String(), 13))
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n = n%13 + 1
		a := attempt("current", n)
		if err := s.Update(func(d *Document) error { d.Chapter("00").SaveAttempt(a); return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
