package labs

import (
	"testing"

	"kubetutor/internal/progress"
)

func TestCountSolved(t *testing.T) {
	p := &progress.Lab{Steps: map[string]*progress.StepResult{
		"a": {Status: StatusPassed}, "b": {Status: StatusSolvedWithHelp}, "c": {Status: "failed"}, "gone": {Status: StatusPassed},
	}}
	if got := CountSolved([]string{"a", "b", "c", "d"}, p); got != 2 {
		t.Errorf("CountSolved = %d, want 2 (passed and solved with help, of the lab's steps only)", got)
	}
	if got := CountSolved([]string{"a"}, nil); got != 0 {
		t.Errorf("nil progress: %d", got)
	}
}
