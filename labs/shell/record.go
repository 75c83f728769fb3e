// Package shell is the lab shell's side that kubetutor reads: the command history record
// (one JSON object a line), its writer, its reader and the bash snippet that appends to
// it after each command.
package shell

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// HistoryFileName is the record's file name in the shell directory (paths.Dirs.Shell).
const HistoryFileName = "history.jsonl"

// HistoryFile returns the record's path in the shell directory dir.
func HistoryFile(dir string) string { return filepath.Join(dir, HistoryFileName) }

// Record is one command the student ran in the lab shell, one JSON object a line:
//
//	{"time":"2026-11-27T10:00:00Z","line":"kubectl get nodes","cwd":"/root","exit":0}
//
// Time is when the command finished (RFC 3339, UTC). Line is the command line as typed
// (it may hold pipes and several commands); Argv, when the writer knows it, is the argv
// of a single program run and takes precedence over Line.
type Record struct {
	Time time.Time `json:"time"`
	Line string    `json:"line,omitempty"`
	Argv []string  `json:"argv,omitempty"`
	Cwd  string    `json:"cwd,omitempty"`
	Exit int       `json:"exit"`
	// Ms is how long the command line ran, in milliseconds (0 when unknown): a refusal
	// by a network policy is a timeout, a mistyped name fails at once.
	Ms int64 `json:"ms,omitempty"`
}

// Duration is how long the command line ran (0 when unknown).
func (r Record) Duration() time.Duration { return time.Duration(r.Ms) * time.Millisecond }

// Started is when the command line started (its end when the duration is unknown).
func (r Record) Started() time.Time { return r.Time.Add(-r.Duration()) }

// Commands returns the argv of every simple command in the record (a pipeline or a list
// gives several), with environment assignments and wrappers such as sudo removed and the
// lab shell's aliases expanded.
func (r Record) Commands() [][]string {
	if len(r.Argv) > 0 {
		return [][]string{normalize(r.Argv)}
	}
	var out [][]string
	for _, argv := range Split(r.Line) {
		if n := normalize(argv); len(n) > 0 {
			out = append(out, n)
		}
	}
	return out
}

// Append writes r at the end of the record at path, creating it and its directory.
func Append(path string, r Record) error {
	if r.Time.IsZero() {
		r.Time = time.Now()
	}
	r.Time = r.Time.UTC()
	data, err := json.Marshal(r)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return err
	}
	// One write of one line: appends of a few KB do not interleave.
	if _, err := f.Write(append(data, '\n')); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Read returns the records at path finished at or after since, oldest first. A missing
// file is an empty record; lines that do not parse (a write cut short) are skipped.
func Read(path string, since time.Time) ([]Record, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) != nil || r.Time.IsZero() {
			continue
		}
		if !r.Time.Before(since.Truncate(time.Second)) {
			out = append(out, r)
		}
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}
