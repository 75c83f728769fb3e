package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/paths"
	"kubetutor/internal/progress"
	"kubetutor/labs"
)

// runCLI runs kubetutor with args in a fresh KUBETUTOR_HOME and returns its exit code,
// stdout and stderr.
func runCLI(t *testing.T, home, stdin string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("KUBETUTOR_HOME", home)
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// testDeps returns deps for calling a command's run function directly.
func testDeps(t *testing.T) *Deps {
	t.Helper()
	return &Deps{
		Tr: i18n.New(i18n.EN), In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{},
		Dirs: paths.Under(t.TempDir()), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv,
	}
}

func TestValidateEmbeddedContent(t *testing.T) {
	code, out, errOut := runCLI(t, t.TempDir(), "", "validate", "--lang", "en")
	if code != 0 || !strings.Contains(out, "content is valid (course, quizzes, labs)") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
}

// brokenCourse writes a copy of the embedded course whose quiz has problems.
func brokenCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(name, data string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"course/manifest.yaml", "course/fr/00-architecture.md"} {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", name))
		if err != nil {
			t.Fatal(err)
		}
		copyFile(name, string(data))
	}
	copyFile("course/fr/00-architecture.quiz.yaml", `chapter: "00"
questions:
  - id: a
    section: 00-99-nowhere
    type: single
    prompt: "Question ?"
    choices:
      - {fr: un}
      - {fr: deux}
    explanation: "x"
  - id: a
    section: 00-02-plan-controle
    type: numeric
    prompt: "Combien ?"
    answer: 3
    tolerance: 10
`)
	return dir
}

func TestValidateReportsFileAndLine(t *testing.T) {
	dir := brokenCourse(t)
	code, out, errOut := runCLI(t, t.TempDir(), "", "validate", dir, "--lang", "en")
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	quizFile := dir + "/course/fr/00-architecture.quiz.yaml"
	for _, want := range []string{
		quizFile + ":4: question “a” checks section “00-99-nowhere”, which does not exist",
		quizFile + ":7: question “a” (single choice) must have exactly one correct choice, it has 0",
		quizFile + ":11: id “a” is already used on line 3",
		quizFile + ":11: field “explanation” is missing or empty in question “a”",
		quizFile + ":16: tolerance 10 of question “a” must be between 0 and 1.5",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "5 problems") {
		t.Errorf("stderr: %s", errOut)
	}
}

func TestQuizArgumentErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"quiz", "--mode", "oral"}, "choose practice or exam"},
		{[]string{"quiz", "00", "--section", "00-00-objectifs"}, "00-02-plan-controle"},
		{[]string{"quiz", "99"}, "99"},
		{[]string{"quiz", "00", "--section", "42"}, "42"},
	}
	for _, tt := range tests {
		code, _, errOut := runCLI(t, t.TempDir(), "", append(tt.args, "--lang", "en")...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tt.args, code, errOut, tt.want)
		}
	}
}

// seedProgress writes a progress document with reading, a quiz attempt and a lab.
func seedProgress(t *testing.T, home string) {
	t.Helper()
	s, err := progress.Open(filepath.Join(home, "state", "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	err = s.Update(func(d *progress.Document) error {
		c := d.Chapter("00")
		c.MarkRead("00-01-concepts", at)
		c.MarkRead("00-02-plan-controle", at)
		c.Quizzes = append(c.Quizzes, progress.QuizAttempt{ID: "00-a", Mode: "exam", Started: at, Finished: at,
			Score: 1.5, Max: 3, Answers: []progress.Answer{
				{Question: "etcd-pannes-sur-5", Section: "00-02-plan-controle", Points: 1, Correct: true, At: at},
				{Question: "etcd-consensus", Section: "00-02-plan-controle", Points: 0.5, At: at},
				{Question: "reseau-ipvs", Section: "00-04-reseau", Points: 0, At: at},
			}})
		d.Lab("etcd").Step("snapshot").Status = "passed"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestProgressSummaryAndExports(t *testing.T) {
	home := t.TempDir()
	seedProgress(t, home)
	code, out, errOut := runCLI(t, home, "", "progress", "--lang", "en")
	for _, want := range []string{"Chapter 00 — Architecture de Kubernetes", "2 of 22 sections read",
		"1 attempt, the last: 1.5/3 (exam)", "00-02-plan-controle: 75% (1.5/2)", "00-04-reseau: 0% (0/1)", fmt.Sprintf("etcd: 1/%d steps passed", len(etcdSteps(t)))} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s%s", want, out, errOut)
		}
	}
	if code != 0 {
		t.Errorf("exit %d", code)
	}

	_, out, _ = runCLI(t, home, "", "progress", "--json")
	var r progressReport
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(r.Chapters) != 1 || len(r.Chapters[0].Sections) != 2 || r.Chapters[0].Sections[0].Percent != 75 || len(r.Labs) != 1 {
		t.Errorf("json report: %+v", r)
	}

	t.Setenv("USER", "alice")
	_, out, _ = runCLI(t, home, "", "progress", "--csv")
	for _, want := range []string{"user,chapter,record,id,mode,score,max,date",
		"alice,00,section_read,00-01-concepts,,,,2026-11-27T10:00:00Z", "alice,00,quiz_attempt,00-a,exam,1.5,3,2026-11-27T10:00:00Z",
		"alice,00,quiz_section,00-02-plan-controle,,1.5,2,", "alice,,lab_step,etcd/snapshot,,passed,,"} {
		if !strings.Contains(out, want) {
			t.Errorf("csv lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, home, "", "progress", "--json", "--csv"); code != 2 {
		t.Errorf("--json --csv: exit %d, want 2", code)
	}
}

func TestProgressReset(t *testing.T) {
	home := t.TempDir()
	seedProgress(t, home)
	load := func() *progress.Document {
		s, _ := progress.Open(filepath.Join(home, "state", "progress.json"))
		d, _ := s.Load()
		return d
	}
	code, out, _ := runCLI(t, home, "n\n", "progress", "reset", "--lang", "en")
	if code != 0 || !strings.Contains(out, "[y/N]") || !strings.Contains(out, "Nothing was erased.") || load().Chapters["00"] == nil {
		t.Fatalf("declined reset: exit %d, %q", code, out)
	}
	if code, _, errOut := runCLI(t, home, "", "progress", "reset", "--chapter", "99", "--yes"); code != 2 || !strings.Contains(errOut, "99") {
		t.Errorf("unknown chapter: exit %d, %q", code, errOut)
	}
	code, out, _ = runCLI(t, home, "oui\n", "progress", "reset", "--chapter", "00")
	if d := load(); code != 0 || d.Chapters["00"] != nil || d.Labs["etcd"] == nil {
		t.Fatalf("chapter reset: exit %d, %q, doc %+v", code, out, d)
	}
	if code, _, _ := runCLI(t, home, "", "progress", "reset", "--yes"); code != 0 || load().Labs != nil {
		t.Errorf("full reset: exit %d, labs %v", code, load().Labs)
	}
}

func TestCorruptProgressIsReportedOnce(t *testing.T) {
	home := t.TempDir()
	path := filepath.Join(home, "state", "progress.json")
	os.MkdirAll(filepath.Dir(path), 0o755)
	os.WriteFile(path, []byte("{not json"), 0o644)
	code, out, errOut := runCLI(t, home, "", "progress", "--lang", "en")
	if code != 0 || strings.Count(errOut, "moved aside to "+path+".corrupt-") != 1 || !strings.Contains(out, "No progress recorded yet.") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	matches, _ := filepath.Glob(path + ".corrupt-*")
	if len(matches) != 1 {
		t.Errorf("corrupt copies: %v", matches)
	}
}

// TestProgressRoundsAndMarksUnfinished seeds the float noise the issue saw and an
// unfinished attempt: the summary shows rounded scores in the student's language, the
// JSON has no zero finished time, the CSV marks the attempt, and a section id that is
// no longer in the chapter is not counted as read.
func TestProgressRoundsAndMarksUnfinished(t *testing.T) {
	home := t.TempDir()
	s, err := progress.Open(filepath.Join(home, "state", "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	err = s.Update(func(d *progress.Document) error {
		c := d.Chapter("00")
		c.MarkRead("00-01-concepts", at)
		c.MarkRead("00-99-supprimee", at)
		var answers []progress.Answer
		for i, p := range []float64{1, 2.0 / 3, 0.25} {
			answers = append(answers, progress.Answer{Question: fmt.Sprint("q", i), Section: "00-02-plan-controle", Points: p, At: at})
		}
		c.SaveAttempt(progress.QuizAttempt{ID: "00-b", Mode: "practice", Started: at, Answers: answers,
			Score: 1 + 2.0/3 + 0.25, Max: 3})
		d.Lab("etcd").Step(etcdSteps(t)[0]).Status = labs.StatusSolvedWithHelp
		d.Lab("etcd").Step("no-longer-there").Status = labs.StatusPassed
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	_, out, _ := runCLI(t, home, "", "progress")
	for _, want := range []string{"Lecture\u00a0: 1 section lue sur 22", "la dernière inachevée\u00a0: 1,9/3", "00-02-plan-controle\u00a0: 64\u00a0% (1,9/3)"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI(t, home, "", "progress", "--json")
	if strings.Contains(out, "0001-01-01") || !strings.Contains(out, `"unfinished": true`) || !strings.Contains(out, `"score": 1.9`) {
		t.Errorf("json:\n%s", out)
	}
	var r progressReport
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Chapters[0].Read != 1 || len(r.Chapters[0].SectionsRead) != 2 {
		t.Errorf("json report: %v %+v", err, r.Chapters)
	}
	// The lab counts as on the home screen and in lab list: the lab's steps, solved with
	// help included, a step no longer in the lab not counted.
	if len(r.Labs) != 1 || r.Labs[0].Passed != 1 || r.Labs[0].Total != len(etcdSteps(t)) {
		t.Errorf("json labs: %+v", r.Labs)
	}
	_, out, _ = runCLI(t, home, "", "progress", "--csv")
	if !strings.Contains(out, ",00,quiz_attempt_unfinished,00-b,practice,1.9,3,2026-11-27T10:00:00Z") {
		t.Errorf("csv:\n%s", out)
	}
}

// etcdSteps returns the step ids of the embedded etcd lab.
func etcdSteps(t *testing.T) []string {
	t.Helper()
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range all {
		if l.ID == "etcd" {
			return l.StepIDs()
		}
	}
	t.Fatal("no etcd lab")
	return nil
}
