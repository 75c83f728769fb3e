package labs

import (
	"errors"
	"io/fs"
	"path"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
	"kubetutor/lessons"
)

// Validator is the labs' part of « kubetutor validate »: every lab loads (known check
// ids, params that decode, manifests that parse) and names a section of the course.
func Validator() validate.Validator {
	return validate.Func{ValidatorName: "labs", Run: validateLabs}
}

func validateLabs(fsys fs.FS, dir string) (validate.Problems, error) {
	all, err := LoadAll(fsys)
	var out validate.Problems
	var ve *ValidationError
	switch {
	case errors.As(err, &ve):
		for _, p := range ve.Problems {
			msg := p.Message
			if msg.ID == "" {
				msg = i18n.M("labs.validate.problem", "Text", p.Msg)
			}
			out = append(out, validate.Problem{File: validate.Display(dir, p.File), Line: p.Line, Msg: msg})
		}
	case err != nil:
		return nil, err
	}
	course, err := lessons.Load(fsys, dir)
	if err != nil {
		return out, nil // the course validator reports it
	}
	sections := map[string]bool{}
	for _, ch := range course.Chapters {
		for _, s := range ch.All() {
			sections[s.ID] = true
		}
	}
	for _, l := range all {
		if !sections[l.Section] {
			out.Add(validate.Display(dir, path.Join(l.Dir, FileName)), l.sectionLine, "labs.validate.section", "Section", l.Section)
		}
	}
	return out, nil
}
