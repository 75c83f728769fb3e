package app

import (
	"bytes"
	"os"
	"testing"

	"github.com/spf13/cobra"

	"kubetutor/cmd/kubetutor/cli"
	"kubetutor/i18n"
	"kubetutor/workshop/client"
)

// helpOf is the --help of the command at path in root.
func helpOf(t *testing.T, root *cobra.Command, path ...string) string {
	t.Helper()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	root.SetArgs(append(path, "--help"))
	if err := root.Execute(); err != nil {
		t.Fatalf("%v --help: %v", path, err)
	}
	return out.String()
}

// TestLightTreeListsTheFullTree: the light binary's help lists every command of the full
// one, with the same localized short text, in both languages (its heavy commands are
// stubs that hand over, cli.heavy).
func TestLightTreeListsTheFullTree(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, path := range [][]string{nil, {"lab"}} {
			full, _ := clusterTestDeps(t, lang, "")
			light, _ := clusterTestDeps(t, lang, "")
			want := helpOf(t, NewRootCommand(full), path...)
			got := helpOf(t, cli.LightRootCommand(light), path...)
			if got != want {
				t.Errorf("%s %v: light help\n%s\nfull help\n%s", lang, path, got, want)
			}
		}
	}
	// Every command the full tree has is either built by the light binary or a stub.
	deps, _ := clusterTestDeps(t, i18n.FR, "")
	full, light := NewRootCommand(deps), cli.LightRootCommand(deps)
	var walk func(c *cobra.Command, depth int)
	walk = func(c *cobra.Command, depth int) {
		for _, sub := range c.Commands() {
			if l, _, err := light.Find(pathOf(sub)); err != nil || l.CommandPath() != sub.CommandPath() {
				t.Errorf("the light tree lacks %q", sub.CommandPath())
			} else if l.Short != sub.Short || l.Hidden != sub.Hidden || l.Use != sub.Use {
				t.Errorf("%q: light (%q, %q, hidden %v), full (%q, %q, hidden %v)", sub.CommandPath(), l.Use, l.Short, l.Hidden, sub.Use, sub.Short, sub.Hidden)
			}
			if depth < 1 && sub.Name() == "lab" {
				walk(sub, depth+1)
			}
		}
	}
	walk(full, 0)
}

// pathOf is c's path below the root.
func pathOf(c *cobra.Command) []string {
	var p []string
	for ; c.HasParent(); c = c.Parent() {
		p = append([]string{c.Name()}, p...)
	}
	return p
}

// TestLightBinaryKnowsTheSeatFile: the file the light binary looks at to hand a class
// member's every command over is the one the workshop client writes when they join.
func TestLightBinaryKnowsTheSeatFile(t *testing.T) {
	state := t.TempDir()
	if _, err := os.Stat(cli.SeatFile(state)); err == nil {
		t.Fatal("a seat before joining")
	}
	if err := client.SaveSeat(client.Dir(state), &client.Seat{Addr: "127.0.0.1:1", Name: "ada", Event: "cours"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(cli.SeatFile(state)); err != nil {
		t.Errorf("the light binary looks for the seat at %s: %v", cli.SeatFile(state), err)
	}
}
