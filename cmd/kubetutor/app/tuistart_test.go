package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The full-screen interface started without a terminal says why and where its log is,
// instead of « s’est arrêtée sur une erreur ».
func TestTUIWithoutTerminalSaysWhy(t *testing.T) {
	home := t.TempDir()
	t.Setenv("KUBETUTOR_HOME", home)
	t.Setenv("KUBETUTOR_LANG", "fr")
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
	for _, args := range [][]string{{}, {"lab", "open", "nodes-ready"}} {
		var errOut bytes.Buffer
		code := Run(args, in, out, &errOut)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		for _, want := range []string{"a besoin d’un terminal", filepath.Join(home, "state", "kubetutor.log")} {
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("%v: %q lacks %q", args, errOut.String(), want)
			}
		}
	}
}
