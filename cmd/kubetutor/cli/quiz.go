package cli

import (
	"errors"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
	"kubetutor/lessons"
	"kubetutor/lessons/quiz"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
)

type quizOptions struct {
	chapter string
	section string
	mode    string
}

func newQuizCommand(deps *Deps) *cobra.Command {
	opts := &quizOptions{}
	cmd := &cobra.Command{
		Use:   "quiz [CHAPTER]",
		Short: deps.Tr.T("quiz.short"),
		Long:  deps.Tr.T("quiz.long"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.chapter = args[0]
			}
			return runQuiz(deps, opts)
		},
	}
	cmd.Flags().StringVar(&opts.section, "section", "", deps.Tr.T("quiz.flag.section"))
	cmd.Flags().StringVar(&opts.mode, "mode", string(tuiquiz.Practice), deps.Tr.T("quiz.flag.mode"))
	return cmd
}

// quizRun is a checked quiz request: the course, the chapter and the screen's config.
type quizRun struct {
	course  *lessons.Course
	chapter *lessons.Chapter
	cfg     tuiquiz.Config
}

// prepareQuiz checks the arguments against the course and builds the quiz screen's
// config. Unknown chapters, sections and modes are usage errors listing the valid ones.
func prepareQuiz(deps *Deps, opts *quizOptions) (*quizRun, error) {
	mode := tuiquiz.Mode(opts.mode)
	if mode != tuiquiz.Practice && mode != tuiquiz.Exam {
		return nil, i18n.UsageErr(nil, "quiz.mode.unknown", "Mode", opts.mode)
	}
	fsys, err := deps.Content()
	if err != nil {
		return nil, err
	}
	course, err := lessons.Load(fsys, deps.CourseDir)
	if err != nil {
		return nil, err
	}
	ch, err := quizChapter(course, opts.chapter)
	if err != nil {
		return nil, err
	}
	z, err := quiz.ForChapter(fsys, deps.CourseDir, ch)
	var ps validate.Problems
	if errors.As(err, &ps) {
		deps.Log.Error("invalid quiz", "problems", ps.Error())
		return nil, i18n.UsageErr(err, "quiz.invalid", "Count", len(ps))
	}
	if err != nil {
		return nil, err
	}
	questions, section, err := questionsFor(z, ch, opts.section)
	if err != nil {
		return nil, err
	}
	titles := map[string]string{}
	for _, s := range ch.All() {
		titles[s.ID] = s.Label()
	}
	return &quizRun{course: course, chapter: ch, cfg: tuiquiz.Config{
		Tr: deps.Tr, Chapter: ch.ID, Questions: questions, Mode: mode, Section: section,
		SectionTitles: titles,
	}}, nil
}

// quizChapter returns the chapter named id, or the first chapter with a quiz.
func quizChapter(course *lessons.Course, id string) (*lessons.Chapter, error) {
	if id != "" {
		return course.Chapter(id)
	}
	for _, ch := range course.Chapters {
		if ch.Quiz != "" {
			return ch, nil
		}
	}
	return nil, i18n.UsageErr(nil, "quiz.nochapter")
}

// questionsFor returns the questions of a section (an id or a number; a subsection
// counts as its section when no question names it), or all of them.
func questionsFor(z *quiz.Quiz, ch *lessons.Chapter, ref string) ([]*quiz.Question, string, error) {
	if ref == "" {
		return z.Questions, "", nil
	}
	s, err := ch.Find(ref)
	if err != nil {
		return nil, "", err
	}
	for _, cand := range []*lessons.Section{s, s.Top()} {
		ids := []string{cand.ID}
		for _, sub := range cand.Subsections {
			ids = append(ids, sub.ID)
		}
		var out []*quiz.Question
		for _, q := range z.Questions {
			if slices.Contains(ids, q.Section) {
				out = append(out, q)
			}
		}
		if len(out) > 0 {
			return out, cand.ID, nil
		}
	}
	valid := z.Sections()
	slices.SortStableFunc(valid, func(a, b string) int { return ch.Index(a) - ch.Index(b) })
	return nil, "", i18n.UsageErr(nil, "quiz.section.empty", "Section", ref, "Valid", strings.Join(valid, ", "))
}

// runQuiz opens the tutor on the quiz screen; leaving the quiz shows the home screen and
// « Revoir la section » the reader.
func runQuiz(deps *Deps, opts *quizOptions) error {
	run, err := prepareQuiz(deps, opts)
	if err != nil {
		return err
	}
	return TUI(deps, common.OpenChapterMsg{}, &run.cfg)
}
