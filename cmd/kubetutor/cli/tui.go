package cli

import (
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
)

// TUI opens the full-screen tutor: the home screen, the reader when open names a chapter
// (already validated), the quiz screen when quiz is set. The full binary sets it to its
// own; the light one hands over (same arguments).
var TUI = func(deps *Deps, open common.OpenChapterMsg, quiz *tuiquiz.Config) error {
	return handOver(deps.Getenv, deps.args)
}
