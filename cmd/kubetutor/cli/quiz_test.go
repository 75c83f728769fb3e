package cli

import (
	"testing"

	"kubetutor/i18n"
)

func TestQuizSectionByNumber(t *testing.T) {
	d, _ := langDeps(t, i18n.EN)
	run, err := prepareQuiz(d, &quizOptions{chapter: "00", section: "2.2", mode: "exam"})
	if err != nil {
		t.Fatal(err)
	}
	if run.cfg.Section != "00-02-plan-controle" || len(run.cfg.Questions) < 10 {
		t.Errorf("section 2.2 gave %q with %d questions", run.cfg.Section, len(run.cfg.Questions))
	}
}
