package labs

import "kubetutor/internal/progress"

// CountSolved counts the steps of stepIDs that p records as solved (passed, or passed
// after the solution was shown). It is the one definition of « steps done » that the
// home screen, kubetutor lab list and kubetutor progress use; p may be nil.
func CountSolved(stepIDs []string, p *progress.Lab) int {
	if p == nil {
		return 0
	}
	n := 0
	for _, id := range stepIDs {
		if r := p.Steps[id]; r != nil && Solved(r.Status) {
			n++
		}
	}
	return n
}

// StepIDs returns the ids of the lab's steps, in order.
func (l *Lab) StepIDs() []string {
	ids := make([]string, len(l.Steps))
	for i, s := range l.Steps {
		ids[i] = s.ID
	}
	return ids
}
