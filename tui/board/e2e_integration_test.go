package board_test

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"kubetutor/internal/testenv"
	"kubetutor/internal/tmuxtest"
)

// rowOf is the board's line of the student name, -1 when not shown.
func rowOf(screen, name string) (int, string) {
	for i, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, name) {
			return i, l
		}
	}
	return -1, ""
}

// TestIntegrationE2EBoardLive runs the built binary on both sides against the test
// control plane: « workshop serve » with its board in tmux; Ada grades a step of the
// inspect lab with « lab check » (a wrong answer, then the right one read from the
// cluster) and her cell goes ✗ then ✓ from those real checks; Bob, on the lab screen of
// « lab open » in another tmux, raises his hand with F9: the board puts him first with
// ✋; the instructor acknowledges it and Bob's screen says so.
func TestIntegrationE2EBoardLive(t *testing.T) {
	bin := tmuxtest.Binary(t)
	env := testenv.Start(t, testenv.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	board := tmuxtest.Start(t, 120, 30, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q workshop serve --listen %s --code K7MX4P --labs inspect --name 'Atelier K8s'",
		t.TempDir(), bin, addr))
	board.WaitText("Aucun étudiant")
	line := "K7MX4P@" + addr
	homes := map[string]string{"Ada L.": t.TempDir(), "Bob M.": t.TempDir()}
	run := func(name string, args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+homes[name], "KUBETUTOR_LANG=fr")
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	for name := range homes {
		if out, err := run(name, "workshop", "join", line, "--name", name); err != nil {
			t.Fatalf("%s joins: %v\n%s", name, err, out)
		}
	}
	board.WaitText("Bob M.")

	// Ada answers the etcd-node question with lab check: first a wrong node, then the one
	// the cluster says (its etcd pod's node).
	node, err := env.Kubectl(t.Context(), "get", "pods", "-n", "kube-system", "-l", "component=etcd", "-o", "jsonpath={.items[0].spec.nodeName}")
	if err != nil || node == "" {
		t.Fatalf("etcd's node: %q %v", node, err)
	}
	check := func(answer string) (string, error) {
		return run("Ada L.", "lab", "check", "inspect", "--step", "etcd-node", "--answer", answer, "--kubeconfig", env.Kubeconfig)
	}
	if out, err := check("pas-un-noeud"); err == nil {
		t.Fatalf("a wrong answer passed:\n%s", out)
	}
	board.WaitFor("Ada's cell ✗ from the failed check", func(scr string) bool {
		_, l := rowOf(scr, "Ada L.")
		return strings.Contains(l, "✗") && !strings.Contains(l, "✓")
	})

	// Bob opens the lab: the lab screen says he is in the class.
	bob := tmuxtest.Start(t, 120, 40, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q lab open inspect --kubeconfig %q",
		homes["Bob M."], bin, env.Kubeconfig))
	bob.WaitFor("Bob's lab screen in the class", func(scr string) bool {
		return strings.Contains(scr, "Inspection du plan de contrôle") && strings.Contains(scr, "connecté à «\u00a0Atelier K8s\u00a0»")
	})
	// Before the hand, Ada (stuck on her failed step) is above Bob.
	board.WaitFor("Ada above Bob before the hand", func(scr string) bool {
		a, _ := rowOf(scr, "Ada L.")
		b, bl := rowOf(scr, "Bob M.")
		return a >= 0 && a < b && !strings.Contains(bl, "✋")
	})
	bob.Send("F9")
	bob.WaitText("main levée (F9)")
	scr := board.WaitFor("Bob first with his hand up", func(scr string) bool {
		b, bl := rowOf(scr, "Bob M.")
		a, _ := rowOf(scr, "Ada L.")
		return b >= 0 && b < a && strings.Contains(bl, "✋")
	})
	t.Logf("the board with Bob's hand up:\n%s", scr)

	// The instructor goes to the first row and acknowledges the hand.
	board.Send("Up", "Up", "Up", "a")
	board.WaitText("Main de Bob M. vue.")
	board.WaitFor("Bob's hand seen on the board", func(scr string) bool {
		_, bl := rowOf(scr, "Bob M.")
		return strings.Contains(bl, "○") && !strings.Contains(bl, "✋")
	})
	bob.WaitFor("Bob's screen says the hand was seen", func(scr string) bool {
		return strings.Contains(scr, "main vue par l’animateur") && !strings.Contains(scr, "main levée (F9)")
	})

	// Ada's right answer turns her cell ✓.
	if out, err := check(strings.TrimSpace(node)); err != nil {
		t.Fatalf("the right answer %q: %v\n%s", node, err, out)
	}
	scr = board.WaitFor("Ada's cell ✓ from the passed check", func(scr string) bool {
		_, l := rowOf(scr, "Ada L.")
		return strings.Contains(l, "✓") && !strings.Contains(l, "✗")
	})
	t.Logf("the board after Ada's check passed:\n%s", scr)
	bob.Send("C-c")
	board.Send("q")
	board.WaitExit()
}
