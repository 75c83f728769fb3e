package labs

import (
	"kubetutor/internal/progress"
	"kubetutor/labs/catalog"
)

// CountSolved counts the steps of stepIDs that p records as solved (catalog.CountSolved).
func CountSolved(stepIDs []string, p *progress.Lab) int { return catalog.CountSolved(stepIDs, p) }

// StepIDs returns the ids of the lab's steps, in order.
func (l *Lab) StepIDs() []string {
	ids := make([]string, len(l.Steps))
	for i, s := range l.Steps {
		ids[i] = s.ID
	}
	return ids
}
