package cli

import (
	"io"

	"kubetutor/lessons"
)

// What the full binary's commands share with the light ones.

// ProgressReport is « kubetutor progress --json »'s document (workshop import reads it).
type ProgressReport = progressReport

// Terminal returns w's file descriptor and whether it is a terminal.
func Terminal(w io.Writer) (uintptr, bool) { return terminal(w) }

// LoadCourseQuietly loads the course for titles and order; nil (logged) when it does not load.
func LoadCourseQuietly(deps *Deps) *lessons.Course { return loadCourseQuietly(deps) }
