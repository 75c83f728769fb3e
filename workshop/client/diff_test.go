package client

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
)

func TestDiff(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	before := &progress.Document{Labs: map[string]*progress.Lab{
		"inspect": {Steps: map[string]*progress.StepResult{"nodes": {Status: "failed", Reason: "none", At: now}}},
		"old":     {},
	}}
	after := &progress.Document{
		Labs: map[string]*progress.Lab{"inspect": {Steps: map[string]*progress.StepResult{
			"nodes": {Status: "passed", Reason: "3 nodes", At: now, HintsShown: 1, SolutionShown: true, Answer: "secret answer text"},
		}}},
		Chapters: map[string]*progress.Chapter{"00": {
			SectionsRead: map[string]time.Time{"intro": now},
			Quizzes: []progress.QuizAttempt{{ID: "q1", Finished: now, Score: 1, Max: 2,
				Answers: []progress.Answer{{Question: "q-etcd", Section: "intro", Given: []string{"my typed words"}, Points: 1, Correct: true, At: now}}}},
		}},
	}
	loc := func(lab, step, stored string) string { return "trois nœuds" }
	events := Diff(before, after, loc, now)
	kinds := map[workshop.Kind]workshop.Event{}
	for _, e := range events {
		if verr := workshop.ValidateEvent(&workshop.Event{ID: "x", Seq: 1, Kind: e.Kind, At: e.At, Lab: e.Lab, Step: e.Step,
			Status: e.Status, Reason: e.Reason, Hints: e.Hints, Chapter: e.Chapter, Section: e.Section, Quiz: e.Quiz,
			Points: e.Points, Correct: e.Correct, Score: e.Score, Max: e.Max}, now); verr != nil {
			t.Errorf("diff made an invalid %s event: %v", e.Kind, verr)
		}
		kinds[e.Kind] = e
	}
	for _, k := range []workshop.Kind{workshop.KindLabReset, workshop.KindStep, workshop.KindHint, workshop.KindSolution,
		workshop.KindSection, workshop.KindAnswer, workshop.KindQuiz} {
		if _, ok := kinds[k]; !ok {
			t.Errorf("no %s event in %+v", k, events)
		}
	}
	if got := kinds[workshop.KindStep].Reason; got != "trois nœuds" {
		t.Errorf("step reason %q, want the localized one", got)
	}
	// What never leaves the machine: answers' texts.
	data, _ := json.Marshal(events)
	for _, secret := range []string{"secret answer text", "my typed words"} {
		if strings.Contains(string(data), secret) {
			t.Errorf("events carry %q", secret)
		}
	}
	if again := Diff(after, after, loc, now); len(again) != 0 {
		t.Errorf("no change made events: %+v", again)
	}
}
