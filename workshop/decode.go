package workshop

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Error is a refusal: the HTTP status, a stable code, a reason and, for a batch, the index
// of the offending event (-1 when none).
type Error struct {
	Status int
	Code   string
	Reason string
	Index  int
	// Name is the free display name offered with CodeNameTaken.
	Name string
}

func (e *Error) Error() string {
	if e.Index >= 0 {
		return fmt.Sprintf("%s: event %d: %s", e.Code, e.Index, e.Reason)
	}
	return e.Code + ": " + e.Reason
}

// Refusal returns the wire form of e.
func (e *Error) Refusal() Refusal {
	return Refusal{V: Version, Code: e.Code, Reason: e.Reason, Index: e.Index, Name: e.Name}
}

// Refuse builds a refusal that names no event.
func Refuse(status int, code, format string, args ...any) *Error {
	return &Error{Status: status, Code: code, Reason: fmt.Sprintf(format, args...), Index: -1}
}

func refuseEvent(i int, code, format string, args ...any) *Error {
	e := Refuse(http.StatusUnprocessableEntity, code, format, args...)
	e.Index = i
	return e
}

// AsError returns err as a refusal when it is one.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// decodeStrict decodes exactly one JSON value into v, refusing unknown fields and
// trailing data.
func decodeStrict(data []byte, v any) *Error {
	if len(data) > MaxBodyBytes {
		return Refuse(http.StatusRequestEntityTooLarge, CodeTooLarge, "body over %d bytes", MaxBodyBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return Refuse(http.StatusBadRequest, CodeMalformed, "invalid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Refuse(http.StatusBadRequest, CodeMalformed, "trailing data after the JSON value")
	}
	return nil
}

func checkVersion(v int) *Error {
	if v != Version {
		return Refuse(http.StatusBadRequest, CodeBadVersion, "protocol version %d, this server speaks %d", v, Version)
	}
	return nil
}

// DecodeBatch decodes and validates a batch received at now (the server's clock).
func DecodeBatch(data []byte, now time.Time) (*Batch, *Error) {
	var b Batch
	if err := decodeStrict(data, &b); err != nil {
		return nil, err
	}
	if err := checkVersion(b.V); err != nil {
		return nil, err
	}
	if b.Token == "" || len(b.Token) > 128 {
		return nil, Refuse(http.StatusUnauthorized, CodeBadToken, "missing or invalid token")
	}
	if len(b.Events) > MaxBatch {
		return nil, Refuse(http.StatusRequestEntityTooLarge, CodeTooLarge, "%d events, at most %d a batch", len(b.Events), MaxBatch)
	}
	for i := range b.Events {
		if err := ValidateEvent(&b.Events[i], now); err != nil {
			err.Index = i
			return nil, err
		}
	}
	return &b, nil
}

// DecodeJoin decodes and validates a join request.
func DecodeJoin(data []byte) (*JoinRequest, *Error) {
	var j JoinRequest
	if err := decodeStrict(data, &j); err != nil {
		return nil, err
	}
	if err := checkVersion(j.V); err != nil {
		return nil, err
	}
	name, err := CleanName(j.Name)
	if err != nil {
		return nil, err
	}
	j.Name = name
	return &j, nil
}

// DecodeLeave decodes and validates a leave request.
func DecodeLeave(data []byte) (*LeaveRequest, *Error) {
	var l LeaveRequest
	if err := decodeStrict(data, &l); err != nil {
		return nil, err
	}
	if err := checkVersion(l.V); err != nil {
		return nil, err
	}
	return &l, nil
}

// CleanName trims a display name and refuses an empty, overlong or unprintable one.
func CleanName(s string) (string, *Error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", Refuse(http.StatusBadRequest, CodeBadName, "empty name")
	}
	if utf8.RuneCountInString(s) > MaxName {
		return "", Refuse(http.StatusBadRequest, CodeBadName, "name over %d characters", MaxName)
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return "", Refuse(http.StatusBadRequest, CodeBadName, "unprintable character in the name")
		}
	}
	return s, nil
}

var stepStatuses = []string{StatusPending, StatusFailed, StatusError, StatusPassed, StatusSolvedWithHelp}

// ValidateEvent checks one event received at now. The returned error has Index -1.
func ValidateEvent(e *Event, now time.Time) *Error {
	bad := func(format string, args ...any) *Error { return refuseEvent(-1, CodeBadEvent, format, args...) }
	if !validID(e.ID) {
		return bad("missing or invalid id")
	}
	if e.Seq == 0 {
		return bad("sequence number must be positive")
	}
	if !slices.Contains(Kinds, e.Kind) {
		return refuseEvent(-1, CodeUnknownKind, "unknown kind %q", truncate(string(e.Kind), 40))
	}
	if e.At.IsZero() {
		return bad("missing timestamp")
	}
	if e.At.After(now.Add(FutureSkew)) {
		return refuseEvent(-1, CodeBadTime, "timestamp %s is in the future of the server's clock", e.At.UTC().Format(time.RFC3339))
	}
	if e.At.Before(now.Add(-MaxAge)) {
		return refuseEvent(-1, CodeBadTime, "timestamp %s is too old", e.At.UTC().Format(time.RFC3339))
	}
	for _, f := range []string{e.Lab, e.Step, e.Chapter, e.Section, e.Quiz} {
		if len(f) > 128 || !utf8.ValidString(f) {
			return bad("identifier too long or not UTF-8")
		}
	}
	if len(e.Reason) > MaxText || !utf8.ValidString(e.Reason) {
		return bad("reason too long or not UTF-8")
	}
	if e.Hints < 0 || e.Hints > 100 || e.Points < 0 || e.Points > 1 || e.Score < 0 || e.Max < 0 || e.Score > e.Max || e.Max > 10000 {
		return bad("number out of range")
	}
	need := func(fields ...string) *Error {
		for _, f := range fields {
			if f == "" {
				return bad("%s event lacks a required field", e.Kind)
			}
		}
		return nil
	}
	switch e.Kind {
	case KindStep:
		if err := need(e.Lab, e.Step); err != nil {
			return err
		}
		if !slices.Contains(stepStatuses, e.Status) {
			return bad("unknown step status %q", truncate(e.Status, 40))
		}
	case KindHint, KindSolution:
		return need(e.Lab, e.Step)
	case KindAnswer:
		return need(e.Chapter, e.Quiz)
	case KindQuiz, KindSection:
		return need(e.Chapter)
	case KindPosition, KindLabReset:
		return need(e.Lab)
	}
	return nil
}

func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
