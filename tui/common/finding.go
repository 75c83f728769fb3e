package common

import "kubetutor/i18n"

// FindingLevel is how serious a doctor's finding is, in the order of doctor.Level.
type FindingLevel int

// The levels of a finding.
const (
	FindingOK FindingLevel = iota
	FindingWarning
	FindingBlocking
)

// Finding is one of the doctor's findings as the cluster creation screen shows it
// (the full binary converts labs/cluster/doctor's, which the root does not link).
type Finding struct {
	Level      FindingLevel
	Title, Fix i18n.Message
}

// WorstFinding is the most serious level of fs, FindingOK for none.
func WorstFinding(fs []Finding) FindingLevel {
	w := FindingOK
	for _, f := range fs {
		w = max(w, f.Level)
	}
	return w
}

// CountFindings counts the findings of fs at level l.
func CountFindings(fs []Finding, l FindingLevel) int {
	n := 0
	for _, f := range fs {
		if f.Level == l {
			n++
		}
	}
	return n
}
