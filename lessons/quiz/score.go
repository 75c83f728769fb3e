package quiz

import "kubetutor/i18n"

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

// Percent is the score in percent, rounded as i18n.PercentOf rounds every share (2/3 is
// 67); 0 when nothing was asked.
func (s Score) Percent() int { return i18n.PercentOf(s.Points, float64(s.Max)) }

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
