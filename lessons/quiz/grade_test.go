package quiz

import (
	"math"
	"testing"
)

func choices(correct ...bool) []Choice {
	out := make([]Choice, len(correct))
	for i, c := range correct {
		out[i] = Choice{Text: Text{FR: string(rune('a' + i))}, Correct: c}
	}
	return out
}

func TestGrade(t *testing.T) {
	single := &Question{Type: Single, Choices: choices(false, true, false)}
	multiple := &Question{Type: Multiple, Choices: choices(true, true, false, false)}
	ordering := &Question{Type: Ordering, Items: []Text{{FR: "Filtrage"}, {FR: "Scoring"}, {FR: "Liaison"}}}
	numeric := &Question{Type: Numeric, Answer: 2}
	approx := &Question{Type: Numeric, Answer: 5000, Tolerance: 1000}
	decimal := &Question{Type: Numeric, Answer: 2.5, Tolerance: 0.1}
	short := &Question{Type: Short, Accepted: []string{"filtrage", "Fit"}}
	accents := &Question{Type: Short, Accepted: []string{"schéma"}}
	hyphen := &Question{Type: Short, Accepted: []string{"kubectl auth can-i"}}
	open := &Question{Type: Open, Rubric: []Text{{FR: "quorum"}, {FR: "pair"}, {FR: "jamais 2"}}}

	tests := []struct {
		name    string
		q       *Question
		r       Response
		points  float64
		correct bool
	}{
		{"single right", single, Response{Choices: []int{1}}, 1, true},
		{"single wrong", single, Response{Choices: []int{0}}, 0, false},
		{"single none", single, Response{}, 0, false},
		{"single two picks", single, Response{Choices: []int{1, 2}}, 0, false},
		{"single out of range", single, Response{Choices: []int{7}}, 0, false},

		{"multiple exact", multiple, Response{Choices: []int{0, 1}}, 1, true},
		{"multiple exact any order", multiple, Response{Choices: []int{1, 0}}, 1, true},
		{"multiple half", multiple, Response{Choices: []int{0}}, 0.5, false},
		{"multiple one wrong pick cancels one right", multiple, Response{Choices: []int{0, 1, 2}}, 0.5, false},
		{"multiple never below zero", multiple, Response{Choices: []int{2, 3}}, 0, false},
		{"multiple everything ticked", multiple, Response{Choices: []int{0, 1, 2, 3}}, 0, false},
		{"multiple duplicates count once", multiple, Response{Choices: []int{0, 0, 0}}, 0.5, false},

		{"ordering right", ordering, Response{Order: []int{0, 1, 2}}, 1, true},
		{"ordering two swapped", ordering, Response{Order: []int{1, 0, 2}}, 1.0 / 3, false},
		{"ordering reversed", ordering, Response{Order: []int{2, 1, 0}}, 1.0 / 3, false},
		{"ordering incomplete", ordering, Response{Order: []int{0, 1}}, 0, false},
		{"ordering repeated item", ordering, Response{Order: []int{0, 0, 2}}, 0, false},

		{"numeric exact", numeric, Response{Text: "2"}, 1, true},
		{"numeric spaces", numeric, Response{Text: " 2 "}, 1, true},
		{"numeric off", numeric, Response{Text: "3"}, 0, false},
		{"numeric words", numeric, Response{Text: "deux"}, 0, false},
		{"numeric empty", numeric, Response{Text: ""}, 0, false},
		{"numeric within tolerance", approx, Response{Text: "5500"}, 1, true},
		{"numeric at tolerance", approx, Response{Text: "4000"}, 1, true},
		{"numeric thousands with spaces", approx, Response{Text: "5 000"}, 1, true},
		{"numeric thousands with no-break space", approx, Response{Text: "5\u00a0000"}, 1, true},
		{"numeric beyond tolerance", approx, Response{Text: "100000"}, 0, false},
		{"numeric French decimal comma", decimal, Response{Text: "2,5"}, 1, true},
		{"numeric decimal point", decimal, Response{Text: "2.55"}, 1, true},
		{"numeric NaN", decimal, Response{Text: "NaN"}, 0, false},
		{"numeric exponent refused", approx, Response{Text: "5e3"}, 0, false},

		{"short exact", short, Response{Text: "filtrage"}, 1, true},
		{"short capitalized", short, Response{Text: "Filtrage"}, 1, true},
		{"short upper case", short, Response{Text: "FILTRAGE"}, 1, true},
		{"short punctuation and spaces", short, Response{Text: "  «\u00a0Filtrage\u00a0»\u00a0!"}, 1, true},
		{"short second accepted", short, Response{Text: "fit"}, 1, true},
		{"short wrong", short, Response{Text: "scoring"}, 0, false},
		{"short empty", short, Response{Text: "  "}, 0, false},
		{"short accents dropped", accents, Response{Text: "schema"}, 1, true},
		{"short accents upper", accents, Response{Text: "SCHÉMA"}, 1, true},
		{"short hyphens and spaces", hyphen, Response{Text: "kubectl auth can i"}, 1, true},

		{"open all ticked", open, Response{Ticked: []int{0, 1, 2}}, 1, true},
		{"open two of three", open, Response{Ticked: []int{2, 0}}, 2.0 / 3, false},
		{"open none", open, Response{Text: "je ne sais pas"}, 0, false},
		{"open ticks deduplicated", open, Response{Ticked: []int{1, 1, 1}}, 1.0 / 3, false},
		{"open out of range ignored", open, Response{Ticked: []int{0, 9}}, 1.0 / 3, false},

		{"unknown type", &Question{Type: "essay"}, Response{Text: "x"}, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Grade(tt.q, tt.r)
			if math.Abs(got.Points-tt.points) > 1e-9 || got.Correct != tt.correct {
				t.Errorf("Grade = %+v, want points %.3f correct %v", got, tt.points, tt.correct)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"2", 2, true}, {"-3", -3, true}, {"2,5", 2.5, true}, {"100 000", 100000, true},
		{"1_000", 1000, true}, {"", 0, false}, {"Inf", 0, false}, {"0x10", 0, false},
		{"1e3", 0, false}, {"2,5,1", 0, false},
	}
	for _, tt := range tests {
		got, ok := ParseNumber(tt.in)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGiven(t *testing.T) {
	if got := (Response{Choices: []int{0, 2}}).Given(Multiple); len(got) != 2 || got[1] != "2" {
		t.Errorf("multiple: %v", got)
	}
	if got := (Response{Text: "etcd"}).Given(Short); len(got) != 1 || got[0] != "etcd" {
		t.Errorf("short: %v", got)
	}
	if got := (Response{Text: "réponse", Ticked: []int{1}}).Given(Open); len(got) != 2 || got[0] != "réponse" {
		t.Errorf("open: %v", got)
	}
}
