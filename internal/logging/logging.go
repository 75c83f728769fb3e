// Package logging sets up kubetutor's log: slog to a file in the state dir, never to the
// terminal, since the TUI owns it.
package logging

import (
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
)

// LevelEnv sets the log level (debug, info, warn, error). Default: info.
const LevelEnv = "KUBETUTOR_LOG_LEVEL"

// Open returns a logger writing to path (created with its directory) and the closer of
// that file. When the file cannot be opened the logger discards, and err says why: a
// read-only home must not stop a student from reading the course.
func Open(path string) (*slog.Logger, io.Closer, error) {
	level := parseLevel(os.Getenv(LevelEnv))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return discard(), io.NopCloser(nil), err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return discard(), io.NopCloser(nil), err
	}
	return slog.New(slog.NewTextHandler(f, &slog.HandlerOptions{Level: level})), f, nil
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

func parseLevel(s string) slog.Level {
	switch strings.ToLower(s) {
	case "debug":
		return slog.LevelDebug
	case "warn", "warning":
		return slog.LevelWarn
	case "error":
		return slog.LevelError
	default:
		return slog.LevelInfo
	}
}
