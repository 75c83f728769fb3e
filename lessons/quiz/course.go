package quiz

import (
	"errors"
	"io/fs"
	"path"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
	"kubetutor/lessons"
)

// ForChapter loads the quiz of a chapter of the course in fsys and checks it against the
// chapter (its id, its sections). dir names the content root in messages ("" for the
// embedded content). A chapter without a quiz is a usage error naming the chapter.
func ForChapter(fsys fs.FS, dir string, ch *lessons.Chapter) (*Quiz, error) {
	if ch.Quiz == "" {
		return nil, i18n.UsageErr(nil, "quiz.none", "Chapter", ch.ID)
	}
	name := path.Join(lessons.CourseDir, ch.Quiz)
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, i18n.UsageErr(err, "quiz.unreadable", "File", validate.Display(dir, name))
	}
	z, err := Parse(validate.Display(dir, name), data)
	var ps validate.Problems
	if err != nil && !errors.As(err, &ps) {
		return z, err
	}
	if len(ps) == 0 || z.Chapter != "" {
		ps = append(ps, CheckChapter(z, ch.ID, SectionIDs(ch))...)
	}
	ps.Sort()
	return z, ps.Err()
}

// SectionIDs returns the ids of a chapter's sections and subsections, in order.
func SectionIDs(ch *lessons.Chapter) []string {
	var ids []string
	for _, s := range ch.All() {
		ids = append(ids, s.ID)
	}
	return ids
}

// Validator checks the quiz of every chapter of the course that has one.
func Validator() validate.Validator {
	return validate.Func{ValidatorName: "quizzes", Run: validateQuizzes}
}

func validateQuizzes(fsys fs.FS, dir string) (validate.Problems, error) {
	course, err := lessons.Load(fsys, dir)
	if err != nil {
		// The course validator reports the chapters' problems; the quizzes are still
		// checked on their own (their sections cannot be, without the chapters).
		return validateQuizFiles(fsys, dir)
	}
	var all validate.Problems
	for _, ch := range course.Chapters {
		if ch.Quiz == "" {
			continue
		}
		_, err := ForChapter(fsys, dir, ch)
		var ps validate.Problems
		var e *i18n.Error
		switch {
		case err == nil:
		case errors.As(err, &ps):
			all = append(all, ps...)
		case errors.As(err, &e):
			all = append(all, validate.Problem{File: validate.Display(dir, path.Join(lessons.CourseDir, ch.Quiz)), Msg: e.Msg})
		default:
			return all, err
		}
	}
	return all, nil
}

// validateQuizFiles parses every quiz the manifest names, without their chapters: what a
// quiz file says of itself (its YAML, its fields) is reported even when a chapter is
// broken.
func validateQuizFiles(fsys fs.FS, dir string) (validate.Problems, error) {
	data, err := fs.ReadFile(fsys, lessons.ManifestFile)
	if err != nil {
		return nil, nil // the course validator reports it
	}
	var manifest struct {
		Chapters []struct {
			Quiz string `yaml:"quiz"`
		} `yaml:"chapters"`
	}
	if yaml.Unmarshal(data, &manifest) != nil {
		return nil, nil
	}
	var all validate.Problems
	for _, ch := range manifest.Chapters {
		if ch.Quiz == "" {
			continue
		}
		name := path.Join(lessons.CourseDir, ch.Quiz)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			continue // the course validator names a missing file
		}
		var ps validate.Problems
		if _, err := Parse(validate.Display(dir, name), data); errors.As(err, &ps) {
			all = append(all, ps...)
		}
	}
	return all, nil
}
