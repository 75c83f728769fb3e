package quiz

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"
)

// tmuxPane drives the real kubetutor binary in a detached tmux session.
type tmuxPane struct {
	t    *testing.T
	name string
}

func (p tmuxPane) send(keys ...string) {
	p.t.Helper()
	if out, err := exec.Command("tmux", append([]string{"send-keys", "-t", p.name}, keys...)...).CombinedOutput(); err != nil {
		p.t.Fatalf("tmux send-keys %v: %v\n%s", keys, err, out)
	}
}

func (p tmuxPane) screen() string {
	out, _ := exec.Command("tmux", "capture-pane", "-p", "-t", p.name).Output()
	return string(out)
}

// waitFor polls the screen until it contains text. The deadline only bounds a hang; the
// test asserts what shows, never how fast.
func (p tmuxPane) waitFor(text string) string {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := p.screen()
		if strings.Contains(s, text) {
			return s
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the screen never showed %q; it shows:\n%s", text, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// waitUntil polls the screen until ok holds.
func (p tmuxPane) waitUntil(what string, ok func(string) bool) {
	p.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := p.screen()
		if ok(s) {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the screen never showed %s; it shows:\n%s", what, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var numbered = regexp.MustCompile(`(?m)^[> ] (?:\(.\) )?(\d)\. (.*?)\s*$`)

// lines returns the numbered choices or items on screen, by number.
func lines(screen string) map[int]string {
	out := map[int]string{}
	for _, m := range numbered.FindAllStringSubmatch(screen, -1) {
		out[int(m[1][0]-'0')] = m[2]
	}
	return out
}

// TestE2EQuizAnswersThreeQuestions runs kubetutor quiz in tmux and answers the first
// three questions of section 2 as a student would: types a number, picks a choice by its
// number, moves ordering items with shift+up (K). It then leaves and checks the attempt
// recorded in the progress.
func TestE2EQuizAnswersThreeQuestions(t *testing.T) {
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		t.Skip("KUBETUTOR_BIN is not set (make test sets it to the built binary)")
	}
	if _, err := os.Stat(bin); err != nil {
		t.Skipf("KUBETUTOR_BIN %s: %v", bin, err)
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make tools installs it)")
	}
	home := t.TempDir()
	name := fmt.Sprintf("kubetutor-e2e-quiz-%d", os.Getpid())
	cmd := fmt.Sprintf("KUBETUTOR_HOME=%s KUBETUTOR_LANG=fr %s quiz 00 --section 2 --mode practice", home, bin)
	if out, err := exec.Command("tmux", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", cmd).CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v\n%s", err, out)
	}
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", name).Run() })
	p := tmuxPane{t: t, name: name}

	// 1. How many of 5 etcd members may fail: type 2.
	p.waitFor("Question 1/13")
	p.send("2")
	p.waitFor("> 2")
	p.send("Enter")
	p.waitFor("Bonne réponse")
	p.send("Enter")

	// 2. Why never 2 members: pick the quorum answer by its number.
	s := p.waitFor("Question 2/13")
	pick := 0
	for n, text := range lines(s) {
		if strings.Contains(text, "La perte d’un seul membre") {
			pick = n
		}
	}
	if pick == 0 {
		t.Fatalf("the right choice is not on screen:\n%s", s)
	}
	p.send(fmt.Sprint(pick), "Enter")
	p.waitFor("Bonne réponse")
	p.send("Enter")

	// 3. The scheduling phases: move each item up to its place.
	s = p.waitFor("Question 3/13")
	want := []string{"Filtrage (Fit)", "Scoring (Score)", "Liaison (Bind)"}
	order := make([]string, 3)
	for n, text := range lines(s) {
		order[n-1] = text
	}
	cursor := 0
	for place, item := range want {
		at := -1
		for i, x := range order {
			if x == item {
				at = i
			}
		}
		if at < 0 {
			t.Fatalf("item %q not on screen:\n%s", item, s)
		}
		for ; cursor < at; cursor++ {
			p.send("Down")
		}
		for ; cursor > place; cursor-- {
			p.send("K")
			order[cursor], order[cursor-1] = order[cursor-1], order[cursor]
		}
	}
	p.waitUntil("the phases in order", func(s string) bool {
		l := lines(s)
		return l[1] == want[0] && l[2] == want[1] && l[3] == want[2]
	})
	p.send("Enter")
	p.waitFor("Bonne réponse")

	// Leave: the unfinished attempt is recorded with its three answers.
	p.send("Escape")
	var doc struct {
		Chapters []struct {
			ID       string `json:"id"`
			Attempts []struct {
				Mode  string  `json:"mode"`
				Score float64 `json:"score"`
				Max   float64 `json:"max"`
			} `json:"quiz_attempts"`
		} `json:"chapters"`
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		c := exec.Command(bin, "progress", "--json")
		c.Env = append(os.Environ(), "KUBETUTOR_HOME="+home)
		out, err := c.Output()
		if err == nil && json.Unmarshal(out, &doc) == nil && len(doc.Chapters) > 0 && len(doc.Chapters[0].Attempts) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no attempt recorded: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
	a := doc.Chapters[0].Attempts[0]
	if a.Mode != "practice" || a.Score != 3 || a.Max != 3 {
		t.Errorf("recorded attempt %+v, want practice 3/3", a)
	}
}
