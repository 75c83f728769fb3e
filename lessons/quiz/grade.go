package quiz

import (
	"math"
	"slices"
	"strconv"
)

// Response is a student's answer to a question. Only the field of the question's type is
// read.
type Response struct {
	Choices []int  // single, multiple: indexes of the chosen choices
	Order   []int  // ordering: indexes into Items, in the order the student put them
	Text    string // numeric, short: what the student typed
	Ticked  []int  // open: indexes of the rubric points the student says they made
}

// Result is the grade of one response: points from 0 to 1, and whether it counts as
// right (full points).
type Result struct {
	Points  float64
	Correct bool
}

func full(ok bool) Result {
	if ok {
		return Result{Points: 1, Correct: true}
	}
	return Result{}
}

// Grade scores r against q.
//
//   - single: 1 for the correct choice, else 0;
//   - multiple: (correct picks − wrong picks) / correct choices, never below 0; right only
//     when the picks are exactly the correct choices;
//   - ordering: the share of items in their place; right when all are;
//   - numeric: 1 when the number is within the tolerance (French "2,5" and "100 000" read,
//     the question's unit after the number too);
//   - short: 1 when the text matches an accepted answer after Normalize, spaces between
//     words ignored; with match: prefix, an accepted answer followed by more words counts;
//   - open: the share of rubric points ticked, 0 for a blank answer; right when all are.
func Grade(q *Question, r Response) Result {
	switch q.Type {
	case Single:
		return full(len(r.Choices) == 1 && inRange(r.Choices[0], len(q.Choices)) && q.Choices[r.Choices[0]].Correct)
	case Multiple:
		return gradeMultiple(q, r.Choices)
	case Ordering:
		return gradeOrdering(q, r.Order)
	case Numeric:
		f, issue := numericValue(q, r.Text)
		return full(issue == numOK && math.Abs(f-q.Answer) <= q.Tolerance+1e-9)
	case Short:
		return full(matchShort(q, r.Text))
	case Open:
		if !hasText(r.Text) {
			return Result{} // ticks on a blank answer are worth nothing
		}
		return share(len(unique(r.Ticked, len(q.Rubric))), len(q.Rubric))
	}
	return Result{}
}

func inRange(i, n int) bool { return i >= 0 && i < n }

// unique returns the distinct indexes of xs that are in [0, n).
func unique(xs []int, n int) []int {
	var out []int
	for _, x := range xs {
		if inRange(x, n) && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func share(got, total int) Result {
	if total == 0 {
		return Result{}
	}
	return Result{Points: float64(got) / float64(total), Correct: got == total}
}

func gradeMultiple(q *Question, picks []int) Result {
	want, hits, wrong := 0, 0, 0
	for _, c := range q.Choices {
		if c.Correct {
			want++
		}
	}
	for _, i := range unique(picks, len(q.Choices)) {
		if q.Choices[i].Correct {
			hits++
		} else {
			wrong++
		}
	}
	if want == 0 {
		return Result{}
	}
	pts := math.Max(0, float64(hits-wrong)/float64(want))
	return Result{Points: pts, Correct: hits == want && wrong == 0}
}

func gradeOrdering(q *Question, order []int) Result {
	if len(order) != len(q.Items) || len(unique(order, len(q.Items))) != len(q.Items) {
		return Result{}
	}
	placed := 0
	for pos, item := range order {
		if pos == item {
			placed++
		}
	}
	return share(placed, len(q.Items))
}

// Given renders a response as the strings the progress store keeps: choice, item or
// rubric indexes, or the typed text.
func (r Response) Given(t Type) []string {
	ints := func(xs []int) []string {
		out := make([]string, len(xs))
		for i, x := range xs {
			out[i] = strconv.Itoa(x)
		}
		return out
	}
	switch t {
	case Single, Multiple:
		return ints(r.Choices)
	case Ordering:
		return ints(r.Order)
	case Open:
		out := ints(r.Ticked)
		if r.Text != "" {
			out = append([]string{r.Text}, out...)
		}
		return out
	}
	return []string{r.Text}
}

// RightResponse returns a response that earns full points on q: the correct choices, the
// items in order, the number, the first accepted answer, every rubric point ticked. ok is
// false for a question that has none (an unknown type). Tests and content checks use it.
func RightResponse(q *Question) (r Response, ok bool) {
	switch q.Type {
	case Single, Multiple:
		for i, c := range q.Choices {
			if c.Correct {
				r.Choices = append(r.Choices, i)
			}
		}
	case Ordering:
		for i := range q.Items {
			r.Order = append(r.Order, i)
		}
	case Numeric:
		r.Text = strconv.FormatFloat(q.Answer, 'f', -1, 64)
	case Short:
		if len(q.Accepted) > 0 {
			r.Text = q.Accepted[0]
		}
	case Open:
		r.Text = q.Model.FR
		for i := range q.Rubric {
			r.Ticked = append(r.Ticked, i)
		}
	default:
		return r, false
	}
	return r, true
}
