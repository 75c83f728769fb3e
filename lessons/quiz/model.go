// Package quiz is the model of a chapter's self-assessment quiz: the YAML format and its
// loader (errors name file and line), the answer normalizer and the grading of every
// question type. It knows nothing of the screen that asks the questions.
package quiz

import "kubetutor/i18n"

// Type is the kind of a question.
type Type string

// The question types a quiz may hold.
const (
	Single   Type = "single"   // one correct choice
	Multiple Type = "multiple" // one or more correct choices, all to be found
	Ordering Type = "ordering" // items to put in order
	Numeric  Type = "numeric"  // a number, within a tolerance
	Short    Type = "short"    // a few words, compared after normalization
	Open     Type = "open"     // free text, self-assessed against a rubric
)

// Types lists every question type, in the order the format documents them.
var Types = []Type{Single, Multiple, Ordering, Numeric, Short, Open}

// Text is a student-facing text in French, with an optional English translation.
type Text struct {
	FR string
	EN string
}

// In returns the text in lang, falling back to French when there is no translation.
func (t Text) In(lang i18n.Lang) string {
	if lang == i18n.EN && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// Choice is one answer offered by a single or multiple choice question.
type Choice struct {
	Text    Text
	Correct bool
}

// Quiz is the quiz of one chapter.
type Quiz struct {
	// File is the path the quiz was loaded from, used in error messages.
	File string
	// Chapter is the id of the chapter the quiz belongs to.
	Chapter   string
	Questions []*Question
}

// Question is one question of a quiz. Only the fields of its Type are set.
type Question struct {
	ID          string
	Section     string
	Type        Type
	Tags        []string
	Prompt      Text
	Explanation Text

	Choices   []Choice // single, multiple
	Items     []Text   // ordering: in the correct order
	Answer    float64  // numeric
	Tolerance float64  // numeric: accepted distance from Answer
	Unit      Text     // numeric: optional unit shown after the input
	Accepted  []string // short: accepted answers, compared normalized
	Match     Match    // short: how answers are compared ("" is MatchExact)
	Model     Text     // open: the model answer
	Rubric    []Text   // open: the points a good answer makes

	// Line is the line of the question in its file; lines holds the line of each field.
	Line  int
	lines map[string]int
}

// LineOf returns the line of field in the question's file, or the question's line when
// the field is absent.
func (q *Question) LineOf(field string) int {
	if l, ok := q.lines[field]; ok {
		return l
	}
	return q.Line
}

// Question returns the question with id, or nil.
func (z *Quiz) Question(id string) *Question {
	for _, q := range z.Questions {
		if q.ID == id {
			return q
		}
	}
	return nil
}

// Sections returns the sections the quiz checks, in the order they first appear.
func (z *Quiz) Sections() []string {
	var out []string
	seen := map[string]bool{}
	for _, q := range z.Questions {
		if !seen[q.Section] {
			seen[q.Section] = true
			out = append(out, q.Section)
		}
	}
	return out
}

// Filter returns the questions checking section, or all of them when section is "".
func (z *Quiz) Filter(section string) []*Question {
	if section == "" {
		return z.Questions
	}
	var out []*Question
	for _, q := range z.Questions {
		if q.Section == section {
			out = append(out, q)
		}
	}
	return out
}
