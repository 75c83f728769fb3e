package labs

import (
	"errors"
	"testing"

	"kubetutor/checks"
	"kubetutor/i18n"
)

func TestEventDescribe(t *testing.T) {
	tr := i18n.New(i18n.EN)
	ev := Event{Result: checks.Result{
		Reason:   i18n.M("tui.home.key.cluster"),
		Evidence: []i18n.Message{i18n.M("tui.home.key.up"), i18n.M("tui.home.key.down")},
	}}
	want := tr.T("tui.home.key.cluster") + " | " + tr.T("tui.home.key.up") + " | " + tr.T("tui.home.key.down")
	if got := ev.Describe(tr); got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got := (Event{Err: errors.New("forbidden")}).Describe(tr); got != "error: forbidden" {
		t.Errorf("Describe of an error = %q", got)
	}
}
