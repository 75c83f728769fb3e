package lessons

import (
	"errors"
	"strings"

	"kubetutor/i18n"
)

// Problems are every problem found in the course (each an i18n usage error naming its
// file and line), so kubetutor validate reports them all in one run. As an error it is
// its first problem for those who show one (errors.As to *i18n.Error).
type Problems []*i18n.Error

// Error renders every problem in English, one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.Msg.String()
	}
	return strings.Join(lines, "\n")
}

// As makes the first problem the error's *i18n.Error.
func (ps Problems) As(target any) bool {
	if t, ok := target.(**i18n.Error); ok && len(ps) > 0 {
		*t = ps[0]
		return true
	}
	return false
}

// add appends err's problems (one, or those of a Problems).
func (ps *Problems) add(err error) {
	var more Problems
	if errors.As(err, &more) {
		*ps = append(*ps, more...)
		return
	}
	if e, ok := i18n.AsError(err); ok {
		*ps = append(*ps, e)
		return
	}
	*ps = append(*ps, &i18n.Error{Msg: i18n.M("reader.course.unreadable", "File", err.Error()), Code: i18n.ExitUsage, Err: err})
}
