package app

import (
	"strings"
	"testing"
)

// --help names the values flags take in the student's language, not pflag's Go types.
func TestHelpNamesFlagValues(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		want, lose []string
	}{
		{[]string{"lab", "check", "--help"},
			[]string{"--kubeconfig fichier", "--step étape", "--answer réponse", "--lang langue", "--course dossier"},
			[]string{" string ", " int "}},
		{[]string{"read", "--help", "--lang", "en"},
			[]string{"--width columns", "--section section", "--lang lang", "--course dir"},
			[]string{" string ", " int "}},
	} {
		code, out, errOut := run(t, tt.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, errOut)
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: no %q in:\n%s", tt.args, w, out)
			}
		}
		for _, l := range tt.lose {
			if strings.Contains(out, l) {
				t.Errorf("%v: %q still in:\n%s", tt.args, l, out)
			}
		}
	}
}
