package quiz

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
	"time"
)

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
	bin := tmuxtest.Binary(t)
	home := t.TempDir()
	p := tmuxtest.Start(t, 80, 24, fmt.Sprintf("env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q quiz 00 --section 2 --mode practice", home, bin))

	// 1. How many of 5 etcd members may fail: type 2.
	p.WaitText("Question 1/13")
	p.Send("2")
	p.WaitText("> 2")
	p.Send("Enter")
	p.WaitText("Bonne réponse")
	p.Send("Enter")

	// 2. Why never 2 members: pick the quorum answer by its number.
	s := p.WaitText("Question 2/13")
	pick := 0
	for n, text := range lines(s) {
		if strings.Contains(text, "La perte d’un seul membre") {
			pick = n
		}
	}
	if pick == 0 {
		t.Fatalf("the right choice is not on screen:\n%s", s)
	}
	p.Send(fmt.Sprint(pick), "Enter")
	p.WaitText("Bonne réponse")
	p.Send("Enter")

	// 3. The scheduling phases: move each item up to its place.
	s = p.WaitText("Question 3/13")
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
			p.Send("Down")
		}
		for ; cursor > place; cursor-- {
			p.Send("K")
			order[cursor], order[cursor-1] = order[cursor-1], order[cursor]
		}
	}
	p.WaitFor("the phases in order", func(s string) bool {
		l := lines(s)
		return l[1] == want[0] && l[2] == want[1] && l[3] == want[2]
	})
	p.Send("Enter")
	p.WaitText("Bonne réponse")

	// Leave: the unfinished attempt is recorded with its three answers.
	p.Send("Escape")
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

// progressJSON runs kubetutor progress --json against home until accept takes its
// output (the quiz saves in the background), and returns it.
func progressJSON(t *testing.T, bin, home string, accept func(attempts []e2eAttempt) bool) []e2eAttempt {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		var doc struct {
			Chapters []struct {
				Attempts []e2eAttempt `json:"quiz_attempts"`
			} `json:"chapters"`
		}
		c := exec.Command(bin, "progress", "--json")
		c.Env = append(os.Environ(), "KUBETUTOR_HOME="+home)
		out, err := c.Output()
		if err == nil && json.Unmarshal(out, &doc) == nil && len(doc.Chapters) > 0 && accept(doc.Chapters[0].Attempts) {
			return doc.Chapters[0].Attempts
		}
		if time.Now().After(deadline) {
			t.Fatalf("progress never showed what was expected: %v\n%s", err, out)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type e2eAttempt struct {
	ID         string  `json:"id"`
	Mode       string  `json:"mode"`
	Finished   string  `json:"finished"`
	Unfinished bool    `json:"unfinished"`
	Answered   int     `json:"answered"`
	Score      float64 `json:"score"`
}

// TestE2EQuizKilledKeepsItsAnswers answers two questions, then kills the tutor without
// letting it reach the summary: once with SIGTERM, once by closing its terminal (the
// tmux session goes away, the process gets SIGHUP). Each time the two answers are in the
// progress as an unfinished attempt, and the next quiz offers to resume it, at question 3.
func TestE2EQuizKilledKeepsItsAnswers(t *testing.T) {
	bin := tmuxtest.Binary(t)
	for _, kill := range []string{"sigterm", "terminal-closed"} {
		t.Run(kill, func(t *testing.T) {
			home := t.TempDir()
			cmd := fmt.Sprintf("exec env KUBETUTOR_HOME=%q KUBETUTOR_LANG=fr %q quiz 00 --section 2 --mode practice", home, bin)
			p := tmuxtest.Start(t, 80, 24, cmd)
			p.WaitText("Question 1/13")
			p.Send("2", "Enter")
			p.WaitText("Bonne réponse")
			p.Send("Enter")
			s := p.WaitText("Question 2/13")
			pick := 0
			for n, text := range lines(s) {
				if strings.Contains(text, "La perte d’un seul membre") {
					pick = n
				}
			}
			p.Send(fmt.Sprint(pick), "Enter")
			p.WaitText("Bonne réponse")
			// The answers reach the store while the quiz still runs.
			progressJSON(t, bin, home, func(as []e2eAttempt) bool { return len(as) == 1 && as[0].Answered == 2 })

			switch kill {
			case "sigterm":
				pid, err := p.Tmux("display-message", "-p", "-t", "kt", "#{pane_pid}")
				if err != nil {
					t.Fatalf("pane pid: %v %s", err, pid)
				}
				if out, err := exec.Command("kill", "-TERM", strings.TrimSpace(pid)).CombinedOutput(); err != nil {
					t.Fatalf("kill: %v %s", err, out)
				}
				p.WaitExit()
			case "terminal-closed":
				if out, err := p.Tmux("kill-session", "-t", "kt"); err != nil {
					t.Fatalf("kill-session: %v %s", err, out)
				}
			}

			as := progressJSON(t, bin, home, func(as []e2eAttempt) bool { return len(as) == 1 })
			if a := as[0]; !a.Unfinished || a.Finished != "" || a.Answered != 2 || a.Score != 2 {
				t.Fatalf("after the kill the progress holds %+v, want an unfinished attempt with 2 answers", a)
			}

			// Reopen: the unfinished attempt is offered; Enter resumes at question 3.
			p = tmuxtest.Start(t, 80, 24, cmd)
			p.WaitText("Tentative inachevée")
			p.WaitFor("the answers saved", func(s string) bool {
				return strings.Contains(strings.Join(strings.Fields(s), " "), "2 réponses enregistrées sur 13 questions")
			})
			p.Send("Enter")
			p.WaitText("Question 3/13")
			p.Send("Escape") // back to the home screen
			p.WaitFor("the quiz closed", func(s string) bool { return !strings.Contains(s, "Question 3/13") })
			as = progressJSON(t, bin, home, func(as []e2eAttempt) bool { return len(as) == 1 })
			if as[0].ID == "" || as[0].Answered != 2 {
				t.Errorf("after the resume: %+v, want the same attempt", as)
			}
		})
	}
}
