package board_test

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/tmuxtest"
	"kubetutor/workshop"
	"kubetutor/workshop/client"
)

// TestE2EBoard runs « workshop serve » with its board in tmux, two students join with the
// built binary's « workshop join » and a third from the home screen of its TUI (a wrong
// code refused first), one's passed step turns its cell to ✓, and a banner typed on the
// board reaches the students.
func TestE2EBoard(t *testing.T) {
	bin := tmuxtest.Binary(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	teacher := t.TempDir()
	s := tmuxtest.Start(t, 120, 30, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q workshop serve --listen %s --code K7MX4P --labs inspect --name 'Atelier K8s'",
		teacher, bin, addr))
	s.WaitText("Aucun étudiant")
	line := "K7MX4P@" + addr

	homes := map[string]string{"Ada L.": t.TempDir(), "Bob M.": t.TempDir()}
	student := func(name string, args ...string) string {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+homes[name], "KUBETUTOR_LANG=fr")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	for name := range homes {
		student(name, "workshop", "join", line, "--name", name)
	}
	s.WaitText("Bob M.")
	s.WaitText("Ada L.")

	// Cléo joins from the home screen of the TUI: a wrong code first, then the line.
	cleo := tmuxtest.Start(t, 80, 24, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q", t.TempDir(), bin))
	cleo.WaitText("Choisissez un chapitre")
	cleo.Send("a")
	cleo.WaitText("Ligne d’atelier")
	cleo.Send("AAAAAA@"+addr, "Tab", "Cléo", "Enter")
	cleo.WaitText("code d’événement refusé")
	cleo.Send("BTab", "C-u", line, "Enter")
	cleo.WaitText("Vous êtes dans «\u00a0Atelier K8s\u00a0»")
	cleo.Send("Escape")
	cleo.WaitFor("« connecté à » on Cléo's home screen", func(scr string) bool {
		return strings.Contains(scr, "connecté à «\u00a0Atelier K8s\u00a0»") && !strings.Contains(scr, "Ligne d’atelier")
	})
	s.WaitText("Cléo")

	// Ada passes the first step: her queue (the one her kubetutor writes) sends it.
	cl, err := client.New(client.Dir(filepath.Join(homes["Ada L."], "state")))
	if err != nil {
		t.Fatal(err)
	}
	cl.Enqueue(workshop.Event{Kind: workshop.KindStep, Lab: "inspect", Step: "system-pods", Status: workshop.StatusPassed, At: time.Now()})
	if _, err := cl.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.WaitFor("Ada's cell turns ✓", func(screen string) bool {
		for _, l := range strings.Split(screen, "\n") {
			if strings.Contains(l, "Ada L.") && strings.Contains(l, "✓") {
				return true
			}
		}
		return false
	})

	s.Send("b")
	s.Send("Pause à 10 h 30")
	s.Send("Enter")
	s.WaitText("Bannière envoyée")
	for name := range homes {
		if out := student(name, "workshop", "status"); !strings.Contains(out, "Pause à 10 h 30") {
			t.Errorf("%s does not see the banner:\n%s", name, out)
		}
	}
	cleo.WaitText("«\u00a0Pause à 10 h 30\u00a0»") // the banner on the TUI that joined from home
	cleo.Send("q")
	cleo.WaitExit()
	s.Send("q")
	s.WaitExit()
}
