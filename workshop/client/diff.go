package client

import (
	"sort"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
)

// Localize turns a reason as the progress store keeps it into the student's language;
// it returns "" when it has no better text (the stored one is sent).
type Localize func(lab, step, stored string) string

// Diff returns the events that take the board from before to after: step status changes
// (with the localized reason), hints, solutions, quiz answers and attempts, sections read,
// the current lab and step, lab resets. Only these facts leave the machine: never an
// answer's text, a shell's contents or a path.
func Diff(before, after *progress.Document, localize Localize, now time.Time) []workshop.Event {
	if before == nil {
		before = &progress.Document{}
	}
	var out []workshop.Event
	add := func(e workshop.Event) {
		if e.At.IsZero() {
			e.At = now
		}
		out = append(out, e)
	}
	for _, labID := range sortedKeys(before.Labs) {
		if _, ok := after.Labs[labID]; !ok {
			add(workshop.Event{Kind: workshop.KindLabReset, Lab: labID})
		}
	}
	for _, labID := range sortedKeys(after.Labs) {
		lab := after.Labs[labID]
		var old *progress.Lab
		if before.Labs != nil {
			old = before.Labs[labID]
		}
		for _, stepID := range sortedKeys(lab.Steps) {
			st := lab.Steps[stepID]
			var prev progress.StepResult
			if old != nil && old.Steps[stepID] != nil {
				prev = *old.Steps[stepID]
			}
			if st.Status != "" && (st.Status != prev.Status || st.Reason != prev.Reason) {
				reason := st.Reason
				if localize != nil {
					if r := localize(labID, stepID, st.Reason); r != "" {
						reason = r
					}
				}
				add(workshop.Event{Kind: workshop.KindStep, Lab: labID, Step: stepID, Status: st.Status,
					Reason: clip(reason), At: st.At})
			}
			if st.HintsShown > prev.HintsShown {
				add(workshop.Event{Kind: workshop.KindHint, Lab: labID, Step: stepID, Hints: st.HintsShown})
			}
			if st.SolutionShown && !prev.SolutionShown {
				add(workshop.Event{Kind: workshop.KindSolution, Lab: labID, Step: stepID})
			}
		}
	}
	for _, chID := range sortedKeys(after.Chapters) {
		ch := after.Chapters[chID]
		var old *progress.Chapter
		if before.Chapters != nil {
			old = before.Chapters[chID]
		}
		if old == nil {
			old = &progress.Chapter{}
		}
		for _, sec := range sortedKeys(ch.SectionsRead) {
			if _, ok := old.SectionsRead[sec]; !ok {
				add(workshop.Event{Kind: workshop.KindSection, Chapter: chID, Section: sec, At: ch.SectionsRead[sec]})
			}
		}
		prevAttempts := map[string]progress.QuizAttempt{}
		for _, a := range old.Quizzes {
			prevAttempts[a.ID] = a
		}
		for _, a := range ch.Quizzes {
			p := prevAttempts[a.ID]
			for _, ans := range a.Answers[min(len(p.Answers), len(a.Answers)):] {
				add(workshop.Event{Kind: workshop.KindAnswer, Chapter: chID, Section: ans.Section, Quiz: ans.Question,
					Points: clamp01(ans.Points), Correct: ans.Correct, At: ans.At})
			}
			if !a.Finished.IsZero() && p.Finished.IsZero() {
				add(workshop.Event{Kind: workshop.KindQuiz, Chapter: chID, Quiz: a.ID, Score: a.Score, Max: a.Max, At: a.Finished})
			}
		}
	}
	for i := range out {
		if out[i].At.After(now) || now.Sub(out[i].At) > workshop.MaxAge/2 {
			out[i].At = now // a stamp the server would refuse: the change is happening now
		}
	}
	return out
}

func clip(s string) string {
	r := []rune(s)
	if len(s) <= workshop.MaxText {
		return s
	}
	for len(string(r)) > workshop.MaxText-3 {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func clamp01(f float64) float64 { return max(0, min(1, f)) }

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
