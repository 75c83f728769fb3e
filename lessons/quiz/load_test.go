package quiz

import (
	"errors"
	"strings"
	"testing"

	"kubetutor/internal/validate"
)

const goodQuiz = `chapter: "00"
questions:
  - id: etcd-quorum
    section: 00-02-plan-controle
    type: numeric
    tags: [etcd]
    prompt: {fr: "Combien ?", en: "How many?"}
    answer: 2
    explanation: "Quorum."
  - id: phases
    section: 00-02-plan-controle
    type: ordering
    prompt: "Ordre ?"
    items: [Filtrage, Scoring, Liaison]
    explanation: "Fit, Score, Bind."
  - id: raft
    section: 00-02-plan-controle
    type: short
    prompt: "Algorithme ?"
    accepted: [Raft]
    explanation: "Raft."
  - id: impair
    section: 00-10-revision
    type: open
    prompt: "Pourquoi ?"
    model_answer: "Quorum."
    rubric: [quorum, pair]
    explanation: "Voir § 2.2."
  - id: entree
    section: 00-11-a-retenir
    type: single
    prompt: "Point d’entrée ?"
    choices:
      - {fr: kube-apiserver, correct: true}
      - {fr: etcd}
    explanation: "L’apiserver."
`

func TestParseGood(t *testing.T) {
	z, err := Parse("q.yaml", []byte(goodQuiz))
	if err != nil {
		t.Fatal(err)
	}
	if z.Chapter != "00" || len(z.Questions) != 5 {
		t.Fatalf("got chapter %q, %d questions", z.Chapter, len(z.Questions))
	}
	q := z.Question("etcd-quorum")
	if q.Prompt.EN != "How many?" || q.Answer != 2 || q.Line != 3 || q.LineOf("answer") != 8 {
		t.Errorf("numeric question: %+v", q)
	}
	if got := z.Question("phases").Items[2].FR; got != "Liaison" {
		t.Errorf("items: %q", got)
	}
	if got := z.Sections(); len(got) != 3 || got[1] != "00-10-revision" {
		t.Errorf("sections: %v", got)
	}
	if got := z.Filter("00-02-plan-controle"); len(got) != 3 {
		t.Errorf("filter: %d questions", len(got))
	}
}

// replace returns goodQuiz with old replaced by new (once, and it must be there).
func replace(t *testing.T, old, new string) string {
	t.Helper()
	if !strings.Contains(goodQuiz, old) {
		t.Fatalf("test fixture lacks %q", old)
	}
	return strings.Replace(goodQuiz, old, new, 1)
}

func TestParseProblemsNameTheLine(t *testing.T) {
	tests := []struct {
		name string
		old  string
		new  string
		id   string
		line int
	}{
		{"syntax error", "type: numeric", "type: [numeric", "yamlerr.flow", 0},
		{"unknown field", "tags: [etcd]", "tagz: [etcd]", "validate.quiz.unknown.field", 6},
		{"missing explanation", `    explanation: "Quorum."` + "\n", "", "validate.quiz.missing.field", 3},
		{"empty explanation", `explanation: "Quorum."`, `explanation: ""`, "validate.quiz.missing.field", 9},
		{"explanation in English only", `explanation: "Quorum."`, `explanation: {en: "Quorum."}`, "validate.quiz.missing.field", 9},
		{"unknown type", "type: numeric", "type: essay", "validate.quiz.type.unknown", 5},
		{"answer not a number", "answer: 2", "answer: deux", "validate.quiz.want.number", 8},
		{"tolerance negative", "answer: 2", "answer: 2\n    tolerance: -1", "validate.quiz.tolerance", 9},
		{"tolerance too large", "answer: 2", "answer: 2\n    tolerance: 5", "validate.quiz.tolerance", 9},
		{"numeric without answer", "    answer: 2\n", "", "validate.quiz.missing.field", 3},
		{"field of another type", "answer: 2", "answer: 2\n    accepted: [x]", "validate.quiz.field.unused", 9},
		{"ordering of one item", "items: [Filtrage, Scoring, Liaison]", "items: [Filtrage]", "validate.quiz.items.few", 14},
		{"ordering with a repeated item", "items: [Filtrage, Scoring, Liaison]", "items: [Filtrage, Scoring, filtrage]", "validate.quiz.duplicate.text", 14},
		{"short with nothing accepted", "accepted: [Raft]", "accepted: []", "validate.quiz.missing.field", 20},
		{"unknown match mode", "accepted: [Raft]", "accepted: [Raft]\n    match: contains", "validate.quiz.match.unknown", 21},
		{"match on a numeric question", "answer: 2", "answer: 2\n    match: prefix", "validate.quiz.field.unused", 9},
		{"short accepting only punctuation", "accepted: [Raft]", `accepted: ["?!"]`, "validate.quiz.accepted.blank", 20},
		{"open without rubric", "    rubric: [quorum, pair]\n", "", "validate.quiz.missing.field", 22},
		{"single without correct choice", "{fr: kube-apiserver, correct: true}", "{fr: kube-apiserver}", "validate.quiz.single.correct", 33},
		{"single with two correct", "{fr: etcd}", "{fr: etcd, correct: true}", "validate.quiz.single.correct", 33},
		{"correct not a boolean", "correct: true}", "correct: oui}", "validate.quiz.want.bool", 34},
		{"duplicate id", "id: raft", "id: phases", "validate.quiz.id.duplicate", 16},
		{"invalid id", "id: raft", "id: Raft Question", "validate.quiz.id.invalid", 16},
		{"question not a mapping", "  - id: raft\n", "  - raft\n  - id: raft2\n", "validate.quiz.want.mapping", 16},
		{"no chapter", `chapter: "00"`, `chapitre: "00"`, "validate.quiz.unknown.field", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("q.yaml", []byte(replace(t, tt.old, tt.new)))
			var ps validate.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("want problems, got %v", err)
			}
			for _, p := range ps {
				if p.Msg.ID == tt.id && (tt.line == 0 && p.Line > 0 || p.Line == tt.line) {
					if p.File != "q.yaml" {
						t.Errorf("problem names file %q", p.File)
					}
					return
				}
			}
			t.Errorf("want %s at line %d, got:\n%v", tt.id, tt.line, err)
		})
	}
}

func TestParseEmpty(t *testing.T) {
	for _, src := range []string{"", "chapter: \"00\"\nquestions: []\n", "- a\n", "chapter: [x]\n"} {
		if _, err := Parse("q.yaml", []byte(src)); err == nil {
			t.Errorf("Parse(%q) accepted", src)
		}
	}
}

func TestCheckChapter(t *testing.T) {
	z, err := Parse("q.yaml", []byte(replace(t, "section: 00-10-revision", "section: 00-99-nulle-part")))
	if err != nil {
		t.Fatal(err)
	}
	ps := CheckChapter(z, "00", []string{"00-02-plan-controle", "00-10-revision", "00-11-a-retenir"})
	if len(ps) != 1 || ps[0].Msg.ID != "validate.quiz.section.unknown" || ps[0].Line != 23 {
		t.Errorf("got %v", ps)
	}
	if !strings.Contains(ps[0].Msg.String(), "00-10-revision") {
		t.Errorf("message does not list the valid sections: %s", ps[0].Msg.String())
	}
	if ps := CheckChapter(z, "01", nil); len(ps) < 1 || ps[0].Msg.ID != "validate.quiz.chapter.mismatch" {
		t.Errorf("chapter mismatch not reported: %v", ps)
	}
}

func TestParseMatch(t *testing.T) {
	z, err := Parse("q.yaml", []byte(replace(t, "accepted: [Raft]", "accepted: [Raft]\n    match: prefix")))
	if err != nil {
		t.Fatal(err)
	}
	if q := z.Question("raft"); q.Match != MatchPrefix || !Grade(q, Response{Text: "Raft, l’algorithme"}).Correct {
		t.Errorf("match prefix not read: %+v", q)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(goodQuiz))
	f.Add([]byte(strings.Replace(goodQuiz, "accepted: [Raft]", "accepted: [Raft]\n    match: prefix", 1)))
	f.Add([]byte("chapter: x\nquestions:\n  - {id: a, type: single, choices: [{fr: b, correct: true}]}\n"))
	f.Add([]byte("questions: &a [*a]\n"))
	f.Add([]byte("\t- :"))
	f.Fuzz(func(t *testing.T, data []byte) {
		z, err := Parse("f.yaml", data)
		if z == nil {
			t.Fatal("Parse returned no quiz")
		}
		if err != nil {
			var ps validate.Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("error is not problems: %v", err)
			}
			for _, p := range ps {
				if p.File != "f.yaml" || p.Line < 0 || p.Msg.ID == "" {
					t.Fatalf("bad problem %+v", p)
				}
			}
			return
		}
		// An accepted quiz can be graded without panicking, and its right answers score 1.
		for _, q := range z.Questions {
			if q.ID == "" || q.Explanation.FR == "" || q.Prompt.FR == "" {
				t.Fatalf("accepted question lacks id, prompt or explanation: %+v", q)
			}
			if r, ok := RightResponse(q); ok {
				if got := Grade(q, r); !got.Correct {
					t.Fatalf("right answer to %s graded %+v", q.ID, got)
				}
			}
		}
	})
}
