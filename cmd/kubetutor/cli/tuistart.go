package cli

import (
	"os"

	xterm "github.com/charmbracelet/x/term"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/lessons"
	"kubetutor/tui/render"
)

// What the full-screen tutor needs before it starts, in both binaries.

// NeedTerminal refuses to start the full-screen interface when its input or output is a
// file or a pipe (a real one: tests hand the program in-memory streams), saying why, what
// works without a terminal, and where the log is.
func NeedTerminal(deps *Deps) error {
	for _, stream := range []any{deps.In, deps.Out} {
		if f, ok := stream.(*os.File); ok && !xterm.IsTerminal(f.Fd()) {
			return i18n.UsageErr(nil, "tuistart.noterminal", "Log", deps.Dirs.LogFile())
		}
	}
	return nil
}

// LoadCourse loads and validates the course from the content root.
func LoadCourse(deps *Deps) (*lessons.Course, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	return lessons.Load(content, deps.CourseDir)
}

// ParseStyle validates the --style flag.
func ParseStyle(deps *Deps) (render.Style, error) {
	s, ok := render.ParseStyle(deps.Style)
	if !ok {
		return s, i18n.UsageErr(nil, "reader.style.unknown", "Style", deps.Style)
	}
	return s, nil
}

// OpenProgress opens the progress store. A store that cannot be opened does not stop the
// student from reading: the TUI runs without saving and says so in one line.
func OpenProgress(deps *Deps) (*progress.Store, i18n.Message) {
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		deps.Log.Error("opening progress", "err", err)
		return nil, i18n.M("tui.progress.unavailable")
	}
	if where := store.Recovered(); where != "" {
		deps.Log.Warn("progress file was corrupt", "moved_to", where)
		return store, i18n.M("tui.progress.recovered", "Path", where)
	}
	return store, i18n.Message{}
}
