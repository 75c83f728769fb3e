package quiz

import (
	"math"
	"strconv"
	"strings"
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
	prefix := &Question{Type: Short, Accepted: []string{"kubectl auth can-i"}, Match: MatchPrefix}
	cidr := &Question{Type: Short, Accepted: []string{"10.244.0.0/16"}}
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
		{"numeric minus", numeric, Response{Text: "-2"}, 0, false},
		{"numeric plus", numeric, Response{Text: "+2"}, 1, true},
		{"numeric spaces inside are not thousands", &Question{Type: Numeric, Answer: 100}, Response{Text: "1 0 0"}, 0, false},
		{"numeric ambiguous thousands", approx, Response{Text: "5,000"}, 0, false},
		{"numeric English thousands", &Question{Type: Numeric, Answer: 1000000}, Response{Text: "1,000,000"}, 1, true},
		{"numeric with the unit", &Question{Type: Numeric, Answer: 2, Unit: Text{FR: "membres", EN: "members"}}, Response{Text: "2 membres"}, 1, true},
		{"numeric with the unit in the singular", &Question{Type: Numeric, Answer: 1, Unit: Text{FR: "membres", EN: "members"}}, Response{Text: "1 membre"}, 1, true},
		{"numeric with the English unit", &Question{Type: Numeric, Answer: 2, Unit: Text{FR: "membres", EN: "members"}}, Response{Text: "2 members"}, 1, true},
		{"numeric with a glued unit", &Question{Type: Numeric, Answer: 10, Unit: Text{FR: "ms"}}, Response{Text: "10ms"}, 1, true},
		{"numeric with another unit", &Question{Type: Numeric, Answer: 10, Unit: Text{FR: "ms"}}, Response{Text: "10 s"}, 0, false},
		{"numeric with a ligature unit", &Question{Type: Numeric, Answer: 100, Unit: Text{FR: "nœuds", EN: "nodes"}}, Response{Text: "100 noeuds"}, 1, true},
		{"numeric about", approx, Response{Text: "~5000"}, 1, true},
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
		{"short exact refuses more words", hyphen, Response{Text: "kubectl auth can-i create pods"}, 0, false},
		{"short prefix takes more words", prefix, Response{Text: "kubectl auth can-i create pods"}, 1, true},
		{"short prefix takes the answer alone", prefix, Response{Text: "kubectl auth can-i"}, 1, true},
		{"short prefix needs a word boundary", prefix, Response{Text: "kubectl auth can-ix"}, 0, false},
		{"short prefix is not a suffix", prefix, Response{Text: "sudo kubectl auth can-i"}, 0, false},
		{"short prefix not shorter", prefix, Response{Text: "kubectl auth"}, 0, false},
		{"short address digits kept", cidr, Response{Text: "10.24.40.0/16"}, 0, false},
		{"short address right", cidr, Response{Text: "10.244.0.0/16"}, 1, true},
		{"short address spaced slash", cidr, Response{Text: "10.244.0.0 / 16"}, 1, true},
		{"short address other mask", cidr, Response{Text: "10.244.0.0/24"}, 0, false},

		{"open all ticked", open, Response{Text: "quorum", Ticked: []int{0, 1, 2}}, 1, true},
		{"open two of three", open, Response{Text: "quorum", Ticked: []int{2, 0}}, 2.0 / 3, false},
		{"open none", open, Response{Text: "je ne sais pas"}, 0, false},
		{"open ticks deduplicated", open, Response{Text: "quorum", Ticked: []int{1, 1, 1}}, 1.0 / 3, false},
		{"open out of range ignored", open, Response{Text: "quorum", Ticked: []int{0, 9}}, 1.0 / 3, false},
		{"open blank answer with every box ticked", open, Response{Ticked: []int{0, 1, 2}}, 0, false},
		{"open punctuation only with every box ticked", open, Response{Text: " … ?! ", Ticked: []int{0, 1, 2}}, 0, false},

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
		{"1e3", 0, false}, {"2,5,1", 0, false}, {"deux", 0, false}, {"5,000", 0, false},
		{"5.000", 0, false}, {"0,125", 0.125, true}, {"1,000,000", 1e6, true}, {"1.000.000", 1e6, true},
		{"1,000.5", 1000.5, true}, {"1.000,5", 1000.5, true}, {"5 000,5", 5000.5, true},
		{"5 000", 5000, true}, {"5 000", 5000, true}, {"1 0 0", 0, false}, {"1  000", 0, false},
		{"1000 000", 0, false}, {".5", 0.5, true}, {"2.", 2, true}, {".", 0, false}, {",", 0, false},
		{"-", 0, false}, {"+", 0, false}, {"--2", 0, false}, {"−3", -3, true}, {"２", 2, true},
		{"12.5", 12.5, true}, {"1,5", 1.5, true}, {"2 ,5", 0, false},
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

// FuzzParseNumber: any text is read or refused without panicking; what is read is a
// finite number whose plain rendering reads back the same.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"2", "-3", "2,5", "100 000", "1,000,000", "5,000", "1.000,5", "deux", ".5", "２", "1 234,567"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseNumber(s)
		if !ok {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseNumber(%q) = %v", s, v)
		}
		plain := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(plain, '.'); i >= 0 && len(plain)-i-1 == 3 {
			plain += "0" // "1234.567" reads two ways; "1234.5670" does not
		}
		back, ok := ParseNumber(plain)
		if !ok || back != v {
			t.Fatalf("ParseNumber(%q) = %v, which reads back as %v, %v", s, v, back, ok)
		}
	})
}
