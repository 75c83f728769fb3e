package app

import (
	"encoding/json"
	"errors"

	"kubetutor/i18n"
)

// errorJSON is what lab check --json prints on stdout when it cannot grade (no cluster,
// unknown lab, a check that could not run), so a script reads one JSON object either way.
type errorJSON struct {
	Lab   string `json:"lab"`
	Error struct {
		// ID is the message's catalog id: stable, for scripts.
		ID string `json:"id"`
		// Message is the error in the student's language.
		Message string `json:"message"`
		// Exit is the command's exit code.
		Exit int `json:"exit"`
	} `json:"error"`
}

// jsonError writes err as an errorJSON object on stdout; nothing for no error or a
// failure already printed as steps (errSilent).
func jsonError(deps *Deps, lab string, err error) {
	if err == nil || errors.Is(err, errSilent) {
		return
	}
	var out errorJSON
	out.Lab = lab
	out.Error.Exit = i18n.ExitUsage
	if e, ok := i18n.AsError(err); ok {
		out.Error.ID, out.Error.Message = e.Msg.ID, deps.Tr.Msg(e.Msg)
		if e.Code != 0 {
			out.Error.Exit = e.Code
		}
	} else {
		out.Error.Message = err.Error()
	}
	enc := json.NewEncoder(deps.Out)
	enc.SetIndent("", "  ")
	_ = enc.Encode(out)
}
