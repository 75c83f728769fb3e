package quiz

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"kubetutor/internal/validate"
)

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// check reports what is wrong in a decoded quiz: missing fields, unknown types, answers
// that cannot be right, duplicate ids.
func check(z *Quiz) validate.Problems {
	var ps validate.Problems
	add := func(line int, id string, kv ...any) { ps.Add(z.File, line, id, kv...) }
	firstLine := map[string]int{}
	for _, q := range z.Questions {
		switch {
		case q.ID == "":
			add(q.Line, "validate.quiz.missing.field", "Field", "id")
		case !validID.MatchString(q.ID):
			add(q.LineOf("id"), "validate.quiz.id.invalid", "ID", q.ID)
		case firstLine[q.ID] != 0:
			add(q.LineOf("id"), "validate.quiz.id.duplicate", "ID", q.ID, "Line", firstLine[q.ID])
		default:
			firstLine[q.ID] = q.LineOf("id")
		}
		for _, f := range []struct {
			name  string
			empty bool
		}{
			{"section", q.Section == ""},
			{"type", q.Type == ""},
			{"prompt", q.Prompt.FR == ""},
			{"explanation", q.Explanation.FR == ""},
		} {
			if f.empty {
				add(q.LineOf(f.name), "validate.quiz.missing.field", "Field", f.name, "ID", q.ID)
			}
		}
		if _, ok := fieldsOf[q.Type]; !ok && q.Type != "" {
			add(q.LineOf("type"), "validate.quiz.type.unknown", "Type", string(q.Type), "Types", typeNames())
			continue
		}
		checkAnswer(q, add)
	}
	return ps
}

func typeNames() string {
	names := make([]string, len(Types))
	for i, t := range Types {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// checkAnswer reports an answer that is missing or cannot be graded.
func checkAnswer(q *Question, add func(line int, id string, kv ...any)) {
	switch q.Type {
	case Single, Multiple:
		if len(q.Choices) < 2 {
			add(q.LineOf("choices"), "validate.quiz.choices.few", "ID", q.ID)
			return
		}
		correct := 0
		for _, c := range q.Choices {
			if c.Correct {
				correct++
			}
		}
		if q.Type == Single && correct != 1 {
			add(q.LineOf("choices"), "validate.quiz.single.correct", "ID", q.ID, "Count", correct)
		}
		if q.Type == Multiple && correct == 0 {
			add(q.LineOf("choices"), "validate.quiz.multiple.correct", "ID", q.ID)
		}
		texts := make([]Text, len(q.Choices))
		for i, c := range q.Choices {
			texts[i] = c.Text
		}
		if dup := duplicate(texts); dup != "" {
			add(q.LineOf("choices"), "validate.quiz.duplicate.text", "ID", q.ID, "Text", dup)
		}
	case Ordering:
		if len(q.Items) < 2 {
			add(q.LineOf("items"), "validate.quiz.items.few", "ID", q.ID)
			return
		}
		if dup := duplicate(q.Items); dup != "" {
			add(q.LineOf("items"), "validate.quiz.duplicate.text", "ID", q.ID, "Text", dup)
		}
	case Numeric:
		if _, ok := q.lines["answer"]; !ok {
			add(q.Line, "validate.quiz.missing.field", "Field", "answer", "ID", q.ID)
			return
		}
		limit := math.Max(math.Abs(q.Answer), 1) / 2
		if q.Tolerance < 0 || q.Tolerance > limit {
			add(q.LineOf("tolerance"), "validate.quiz.tolerance", "ID", q.ID,
				"Tolerance", fmtNum(q.Tolerance), "Max", fmtNum(limit))
		}
	case Short:
		if len(q.Accepted) == 0 {
			add(q.LineOf("accepted"), "validate.quiz.missing.field", "Field", "accepted", "ID", q.ID)
		}
		for _, a := range q.Accepted {
			if Normalize(a) == "" {
				add(q.LineOf("accepted"), "validate.quiz.accepted.blank", "ID", q.ID, "Text", a)
			}
		}
		if q.Match != "" && !slices.Contains(Matches, q.Match) {
			names := make([]string, len(Matches))
			for i, m := range Matches {
				names[i] = string(m)
			}
			add(q.LineOf("match"), "validate.quiz.match.unknown", "ID", q.ID, "Match", string(q.Match), "Valid", strings.Join(names, ", "))
		}
	case Open:
		if q.Model.FR == "" {
			add(q.LineOf("model_answer"), "validate.quiz.missing.field", "Field", "model_answer", "ID", q.ID)
		}
		if len(q.Rubric) == 0 {
			add(q.LineOf("rubric"), "validate.quiz.missing.field", "Field", "rubric", "ID", q.ID)
		}
	}
}

// duplicate returns a French text present twice (after normalization), or "".
func duplicate(texts []Text) string {
	seen := map[string]bool{}
	for _, t := range texts {
		k := Normalize(t.FR)
		if seen[k] {
			return t.FR
		}
		seen[k] = true
	}
	return ""
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// CheckChapter reports questions of z that do not fit its chapter: a chapter id other
// than chapter, or a section that is not one of sections (the chapter's section ids).
func CheckChapter(z *Quiz, chapter string, sections []string) validate.Problems {
	var ps validate.Problems
	if z.Chapter != chapter {
		ps.Add(z.File, 1, "validate.quiz.chapter.mismatch", "Chapter", z.Chapter, "Want", chapter)
	}
	known := map[string]bool{}
	for _, s := range sections {
		known[s] = true
	}
	for _, q := range z.Questions {
		if q.Section != "" && !known[q.Section] {
			ps.Add(z.File, q.LineOf("section"), "validate.quiz.section.unknown",
				"ID", q.ID, "Section", q.Section, "Valid", strings.Join(sections, ", "))
		}
	}
	return ps
}
