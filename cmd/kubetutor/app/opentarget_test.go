package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenUnknownTarget: the hidden --open flag (the light binary's hand-over) refuses a
// target it does not know, and a lab that does not exist, with a usage error in the
// student's language that says what it accepts, before it needs a terminal (it used to
// open the home screen); the known targets get past it to the terminal check.
func TestOpenUnknownTarget(t *testing.T) {
	t.Setenv("KUBETUTOR_HOME", t.TempDir())
	in, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"unknown fr", []string{"--open", "nulle-part"}, 2,
			[]string{"écran inconnu pour --open\u00a0: «\u00a0nulle-part\u00a0» (écrans possibles\u00a0: lab:ID, map, cluster, join)"}},
		{"unknown en", []string{"--lang", "en", "--open", "nowhere"}, 2,
			[]string{"unknown screen for --open: “nowhere” (possible screens: lab:ID, map, cluster, join)"}},
		{"lab prefix alone", []string{"--open", "lab:"}, 2, []string{"écran inconnu pour --open\u00a0: «\u00a0lab:\u00a0»"}},
		{"unknown lab", []string{"--open", "lab:nope"}, 2, []string{"TP inconnu «\u00a0nope\u00a0»", "nodes-ready"}},
		{"unknown lab en", []string{"--lang", "en", "--open", "lab:nope"}, 2, []string{"unknown lab “nope”", "nodes-ready"}},
		// Known targets pass the check and stop at the terminal, which the test lacks.
		{"known lab", []string{"--open", "lab:nodes-ready"}, 2, []string{"a besoin d’un terminal"}},
		{"map", []string{"--open", "map"}, 2, []string{"a besoin d’un terminal"}},
		{"join", []string{"--open", "join"}, 2, []string{"a besoin d’un terminal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("KUBETUTOR_LANG", "fr")
			var errOut bytes.Buffer
			if code := Run(tc.args, in, out, &errOut); code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, errOut.String())
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("stderr %q lacks %q", errOut.String(), w)
				}
			}
		})
	}
}
