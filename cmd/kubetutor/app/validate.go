package app

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
	"kubetutor/labs"
	"kubetutor/lessons"
	"kubetutor/lessons/quiz"
)

// contentValidators is the explicit list of checks kubetutor validate runs, in order.
// Each kind of content adds its own here (the labs add theirs).
func contentValidators() []validate.Validator {
	return []validate.Validator{
		validate.Func{ValidatorName: "course", Run: validateCourse},
		quiz.Validator(),
		labs.Validator(),
	}
}

// validateCourse loads the manifest and every chapter, and reports every problem of
// every chapter (each already names its file and line).
func validateCourse(fsys fs.FS, dir string) (validate.Problems, error) {
	_, err := lessons.Load(fsys, dir)
	if err == nil {
		return nil, nil
	}
	var all lessons.Problems
	if errors.As(err, &all) {
		var out validate.Problems
		for _, e := range all {
			out = append(out, validate.Problem{Msg: e.Msg})
		}
		return out, nil
	}
	if e, ok := i18n.AsError(err); ok {
		return validate.Problems{{Msg: e.Msg}}, nil
	}
	return nil, err
}

type validateOptions struct {
	dir string
}

func newValidateCommand(deps *Deps) *cobra.Command {
	opts := &validateOptions{}
	return &cobra.Command{
		Use:   "validate [DIR]",
		Short: deps.Tr.T("validate.short"),
		Long:  deps.Tr.T("validate.long"),
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.dir = args[0]
			}
			return runValidate(deps, opts, contentValidators())
		},
	}
}

// runValidate runs every validator on the content and prints the problems, one a line,
// as file:line: message. Problems end the command with exit code 1.
func runValidate(deps *Deps, opts *validateOptions, validators []validate.Validator) error {
	fsys, dir, err := contentRoot(deps, opts.dir)
	if err != nil {
		return err
	}
	var all validate.Problems
	names := make([]string, 0, len(validators))
	for _, v := range validators {
		names = append(names, v.Name())
		ps, err := v.Validate(fsys, dir)
		if err != nil {
			return i18n.FailErr(err, "validate.validator.error", "Name", v.Name())
		}
		all = append(all, ps...)
	}
	all.Sort()
	for _, p := range all {
		msg := deps.Tr.Msg(p.Msg)
		if p.File == "" {
			fmt.Fprintln(deps.Out, msg)
			continue
		}
		fmt.Fprintln(deps.Out, deps.Tr.T("validate.problem", map[string]any{"Where": p.Where(), "Msg": msg}))
	}
	if len(all) > 0 {
		return i18n.FailErr(nil, "validate.failed", "Count", len(all))
	}
	shown := dir
	if shown == "" {
		shown = deps.Tr.T("validate.builtin")
	}
	fmt.Fprintln(deps.Out, deps.Tr.T("validate.ok", map[string]any{"Dir": shown, "Checked": strings.Join(names, ", ")}))
	return nil
}

// contentRoot returns the content to check: DIR when given, else the --course directory,
// else the embedded content; and the name messages give it.
func contentRoot(deps *Deps, arg string) (fs.FS, string, error) {
	if arg == "" {
		fsys, err := deps.Content()
		return fsys, deps.CourseDir, err
	}
	st, err := os.Stat(arg)
	if err != nil {
		return nil, "", i18n.UsageErr(err, "cli.course.unreadable", "Dir", arg)
	}
	if !st.IsDir() {
		return nil, "", i18n.UsageErr(nil, "cli.course.notdir", "Dir", arg)
	}
	return os.DirFS(arg), arg, nil
}
