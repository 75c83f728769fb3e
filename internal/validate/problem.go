// Package validate checks content like code: each Validator looks at one kind of content
// (the course, the quizzes, the labs) in a content root and reports Problems that name a
// file and a line. kubetutor validate runs an explicit list of them.
package validate

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"kubetutor/i18n"
)

// Problem is something wrong in a content file: where it is and a localizable message.
type Problem struct {
	File string
	Line int
	Msg  i18n.Message
}

// String renders the problem in English as file:line: message.
func (p Problem) String() string {
	return p.Where() + ": " + p.Msg.String()
}

// Where renders the problem's position as file:line (file alone when the line is unknown).
func (p Problem) Where() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return p.File
}

// Problems is a list of problems; as an error it renders them one a line.
type Problems []Problem

// Error renders every problem in English, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Sort orders the problems by file, then line.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// Err returns ps as an error, or nil when there is none.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// Add appends a problem at file:line with the message id and its key, value pairs.
func (ps *Problems) Add(file string, line int, id string, kv ...any) {
	*ps = append(*ps, Problem{File: file, Line: line, Msg: i18n.M(id, kv...)})
}

// Validator checks one kind of content in a content root (the layout of assets: course/,
// labs/). A Validator reports problems; it returns an error only when it could not run.
type Validator interface {
	// Name is a short name shown in the report ("course", "quizzes", "labs").
	Name() string
	// Validate checks the content of root. dir is how messages name the root: "" for the
	// embedded content (paths stay relative), the --course directory otherwise.
	Validate(root fs.FS, dir string) (Problems, error)
}

// Func adapts a function to a Validator.
type Func struct {
	ValidatorName string
	Run           func(root fs.FS, dir string) (Problems, error)
}

// Name returns the validator's name.
func (f Func) Name() string { return f.ValidatorName }

// Validate runs the function.
func (f Func) Validate(root fs.FS, dir string) (Problems, error) { return f.Run(root, dir) }

// Display names a file of a content root for messages: name itself for the embedded
// content, dir/name for a directory.
func Display(dir, name string) string {
	if dir == "" {
		return name
	}
	return strings.TrimSuffix(dir, "/") + "/" + name
}
