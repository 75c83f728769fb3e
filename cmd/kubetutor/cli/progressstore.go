package cli

import (
	"errors"
	"fmt"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
)

// openStore opens the student's progress store. When a corrupt file was moved aside it
// says so in one line on stderr, before any screen opens.
func openStore(deps *Deps) (*progress.Store, error) {
	path := deps.Dirs.ProgressFile()
	s, err := progress.Open(path)
	if err != nil {
		var newer *progress.ErrNewerSchema
		if errors.As(err, &newer) {
			return nil, i18n.UsageErr(err, "progress.newer", "Path", path, "Found", newer.Found)
		}
		return nil, i18n.FailErr(err, "progress.unavailable", "Path", path)
	}
	if aside := s.Recovered(); aside != "" {
		deps.Log.Warn("progress file was corrupt", "moved_to", aside)
		fmt.Fprintln(deps.Err, deps.Tr.T("progress.recovered", map[string]any{"Path": aside}))
	}
	return s, nil
}
