package i18n

import "errors"

// Exit codes shared by every command.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the command ran and found a failure (a check not passing, invalid content)
	ExitUsage   = 2 // bad input or an environment that prevents running
)

// Error is an error a student reads: a localized message, the exit code it maps to, and
// the underlying cause for the log.
type Error struct {
	Msg  Message
	Code int
	Err  error
}

// Error renders the message in English; the CLI renders it in the student's language.
func (e *Error) Error() string {
	s := e.Msg.String()
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// UsageErr returns an Error with exit code 2 (bad input, unusable environment).
func UsageErr(cause error, id string, kv ...any) *Error {
	return &Error{Msg: M(id, kv...), Code: ExitUsage, Err: cause}
}

// FailErr returns an Error with exit code 1 (the command ran and found a failure).
func FailErr(cause error, id string, kv ...any) *Error {
	return &Error{Msg: M(id, kv...), Code: ExitFailure, Err: cause}
}

// AsError finds an *Error in err's chain.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
