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
