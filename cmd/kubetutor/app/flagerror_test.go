package app

import (
	"strings"
	"testing"
)

// A flag that cannot be parsed is reported with its cause, in the student's language,
// never as a bare « option invalide ».
func TestFlagErrorsSayTheirCause(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"read", "00", "--section"}, "l’option --section attend une valeur"},
		{[]string{"read", "00", "--width", "abc"}, "--width\u00a0: «\u00a0abc\u00a0» n’est pas un nombre"},
		{[]string{"read", "00", "--width", "abc", "--lang", "en"}, "--width: “abc” is not a number"},
		{[]string{"read", "--nope"}, "option inconnue --nope pour «\u00a0kubetutor read\u00a0»"},
		{[]string{"read", "-x"}, "option inconnue -x"},
		{[]string{"lab", "check", "nodes-ready", "--watch=maybe"}, "--watch\u00a0: «\u00a0maybe\u00a0» n’est ni true ni false"},
	} {
		code, _, errOut := run(t, tt.args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", tt.args, code)
		}
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: stderr %q, want %q", tt.args, errOut, tt.want)
		}
	}
}
