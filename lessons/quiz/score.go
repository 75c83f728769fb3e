package quiz

import "math"

// Scored is the points one answer earned in a section.
type Scored struct {
	Section string
	Points  float64
}

// Score is points earned out of a number of questions.
type Score struct {
	Section string
	Points  float64
	Max     int
}

// Percent is the score in percent, rounded down; 0 when nothing was asked.
func (s Score) Percent() int {
	if s.Max == 0 {
		return 0
	}
	return int(math.Floor(100*s.Points/float64(s.Max) + 1e-9))
}

// Tally adds answers up by section, in the order sections first appear, and returns the
// total as well.
func Tally(answers []Scored) (bySection []Score, total Score) {
	index := map[string]int{}
	for _, a := range answers {
		i, ok := index[a.Section]
		if !ok {
			i = len(bySection)
			index[a.Section] = i
			bySection = append(bySection, Score{Section: a.Section})
		}
		bySection[i].Points += a.Points
		bySection[i].Max++
		total.Points += a.Points
		total.Max++
	}
	return bySection, total
}
