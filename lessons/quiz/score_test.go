package quiz

import "testing"

func TestTally(t *testing.T) {
	by, total := Tally([]Scored{
		{"00-02-plan-controle", 1}, {"00-04-reseau", 0.5}, {"00-02-plan-controle", 0}, {"00-04-reseau", 1},
	})
	if len(by) != 2 || by[0].Section != "00-02-plan-controle" || by[0].Max != 2 || by[0].Percent() != 50 {
		t.Errorf("by section: %+v", by)
	}
	if by[1].Percent() != 75 || total.Max != 4 || total.Percent() != 63 { // 62.5 rounds up
		t.Errorf("reseau %+v, total %+v (%d%%)", by[1], total, total.Percent())
	}
	if got := (Score{Points: 2, Max: 3}).Percent(); got != 67 {
		t.Errorf("2/3 is %d %%, want 67", got)
	}
	if (Score{}).Percent() != 0 {
		t.Error("empty score is not 0%")
	}
	if got := (Score{Points: 1.0/3 + 1.0/3 + 1.0/3, Max: 1}).Percent(); got != 100 {
		t.Errorf("rounding: %d", got)
	}
}
