// Package progress keeps a student's progress in one JSON document in the state dir:
// reading positions, sections read, quiz attempts and lab step results. Writes are atomic
// and serialized across processes; a corrupt file is moved aside, never silently dropped.
package progress

import "time"

// Schema is the version of the document this build writes.
const Schema = 1

// Document is the whole progress of one student.
type Document struct {
	Schema   int                 `json:"schema"`
	Chapters map[string]*Chapter `json:"chapters,omitempty"`
	Labs     map[string]*Lab     `json:"labs,omitempty"`
}

// Chapter is the progress in one chapter, by chapter id.
type Chapter struct {
	Position     *Position            `json:"position,omitempty"`
	SectionsRead map[string]time.Time `json:"sections_read,omitempty"`
	Quizzes      []QuizAttempt        `json:"quiz_attempts,omitempty"`
}

// Position is where the student stopped reading: a section and a line offset below its
// heading, so it survives a change of width.
type Position struct {
	Section string    `json:"section"`
	Offset  int       `json:"offset"`
	At      time.Time `json:"at"`
}

// QuizAttempt is one run through a chapter's quiz.
type QuizAttempt struct {
	ID       string    `json:"id"`
	Mode     string    `json:"mode"`
	Section  string    `json:"section,omitempty"`
	Started  time.Time `json:"started"`
	Finished time.Time `json:"finished,omitzero"` // zero while unfinished
	Answers  []Answer  `json:"answers"`
	Score    float64   `json:"score"`
	Max      float64   `json:"max"`
}

// Answer is the student's answer to one question, with the points it earned (0 to 1).
type Answer struct {
	Question string    `json:"question"`
	Section  string    `json:"section"`
	Given    []string  `json:"given"`
	Points   float64   `json:"points"`
	Correct  bool      `json:"correct"`
	At       time.Time `json:"at"`
	// Pending marks an open answer written but not yet self-assessed (exam mode assesses
	// at the end): it has no points yet and counts in no score.
	Pending bool `json:"pending,omitempty"`
}

// Lab is the progress in one lab, by lab id.
type Lab struct {
	Started time.Time `json:"started"`
	// StartRevision is the cluster's etcd revision when the lab started (0 when unknown).
	StartRevision int64                  `json:"start_revision,omitempty"`
	Steps         map[string]*StepResult `json:"steps,omitempty"`
}

// StepResult is the last known state of one lab step.
type StepResult struct {
	Status        string    `json:"status"`
	Reason        string    `json:"reason,omitempty"`
	At            time.Time `json:"at"`
	HintsShown    int       `json:"hints_shown,omitempty"`
	SolutionShown bool      `json:"solution_shown,omitempty"`
	// Answer is the student's last answer to a question step.
	Answer string `json:"answer,omitempty"`
}

// Chapter returns the chapter's progress, creating it.
func (d *Document) Chapter(id string) *Chapter {
	if d.Chapters == nil {
		d.Chapters = map[string]*Chapter{}
	}
	c := d.Chapters[id]
	if c == nil {
		c = &Chapter{}
		d.Chapters[id] = c
	}
	return c
}

// Lab returns the lab's progress, creating it.
func (d *Document) Lab(id string) *Lab {
	if d.Labs == nil {
		d.Labs = map[string]*Lab{}
	}
	l := d.Labs[id]
	if l == nil {
		l = &Lab{}
		d.Labs[id] = l
	}
	return l
}

// MarkRead records that a section was read, keeping the first time.
func (c *Chapter) MarkRead(section string, at time.Time) {
	if c.SectionsRead == nil {
		c.SectionsRead = map[string]time.Time{}
	}
	if _, ok := c.SectionsRead[section]; !ok {
		c.SectionsRead[section] = at
	}
}

// Unfinished reports whether the attempt was left before its summary.
func (a *QuizAttempt) Unfinished() bool { return a.Finished.IsZero() }

// SaveAttempt records a, replacing the attempt with the same id. Saves of one attempt
// may reach the store out of order (each runs in its own goroutine): a save never
// replaces a finished attempt by an unfinished one, nor an attempt by one that knows less
// (fewer answers, or as many with fewer assessed).
func (c *Chapter) SaveAttempt(a QuizAttempt) {
	for i := range c.Quizzes {
		old := &c.Quizzes[i]
		if old.ID != a.ID {
			continue
		}
		older := len(a.Answers) < len(old.Answers) || len(a.Answers) == len(old.Answers) && a.Max < old.Max
		if !old.Unfinished() && a.Unfinished() || older {
			return
		}
		*old = a
		return
	}
	c.Quizzes = append(c.Quizzes, a)
}

// LastUnfinished returns the latest attempt in mode over section when it was left
// unfinished with answers (one to resume), or nil.
func (c *Chapter) LastUnfinished(mode, section string) *QuizAttempt {
	for i := len(c.Quizzes) - 1; i >= 0; i-- {
		a := &c.Quizzes[i]
		if a.Mode != mode || a.Section != section {
			continue
		}
		if a.Unfinished() && len(a.Answers) > 0 {
			return a
		}
		return nil
	}
	return nil
}

// Step returns the lab step's result, creating it.
func (l *Lab) Step(id string) *StepResult {
	if l.Steps == nil {
		l.Steps = map[string]*StepResult{}
	}
	s := l.Steps[id]
	if s == nil {
		s = &StepResult{}
		l.Steps[id] = s
	}
	return s
}
