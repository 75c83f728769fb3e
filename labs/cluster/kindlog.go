package cluster

import (
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"

	kindlog "sigs.k8s.io/kind/pkg/log"
)

// abortCreate is the panic value kindLogger raises to stop a creation that was cancelled.
type abortCreate struct{}

// kindLogger is the log.Logger given to kind: verbosity 0 lines become events, everything
// goes to the tutor's log file.
type kindLogger struct {
	parser *lineParser
	log    *slog.Logger
	// abort, once set, makes the next step start panic with abortCreate: kind's Create
	// has no context, and a step boundary is the only place the tutor can stop it.
	abort atomic.Bool
}

var _ kindlog.Logger = (*kindLogger)(nil)

func newKindLogger(p *lineParser, log *slog.Logger) *kindLogger {
	return &kindLogger{parser: p, log: log}
}

// Warn reports a warning of kind.
func (l *kindLogger) Warn(message string) {
	l.log.Warn("kind", "msg", message)
	if l.parser != nil {
		l.parser.Emit(Event{Step: StepOther, Phase: PhaseWarning, Detail: strings.TrimSpace(message)})
	}
}

// Warnf reports a formatted warning of kind.
func (l *kindLogger) Warnf(format string, args ...any) { l.Warn(fmt.Sprintf(format, args...)) }

// Error logs an error of kind.
func (l *kindLogger) Error(message string) { l.log.Error("kind", "msg", message) }

// Errorf logs a formatted error of kind.
func (l *kindLogger) Errorf(format string, args ...any) { l.Error(fmt.Sprintf(format, args...)) }

// V returns the logger for a verbosity level: 0 is progress, 1 is debug, above is dropped.
func (l *kindLogger) V(level kindlog.Level) kindlog.InfoLogger {
	return infoLogger{l: l, level: level}
}

type infoLogger struct {
	l     *kindLogger
	level kindlog.Level
}

func (i infoLogger) Enabled() bool { return i.level <= 1 }

func (i infoLogger) Infof(format string, args ...any) { i.Info(fmt.Sprintf(format, args...)) }

func (i infoLogger) Info(message string) {
	if i.level > 1 {
		return
	}
	if i.level > 0 {
		i.l.log.Debug("kind", "msg", message)
		return
	}
	for _, line := range strings.Split(message, "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		i.l.log.Info("kind", "msg", line)
		if i.l.abort.Load() {
			if _, phase, _, ok := parseStatusLine(line); ok && phase == PhaseStart {
				panic(abortCreate{})
			}
		}
		if i.l.parser != nil {
			i.l.parser.Line(line)
		}
	}
}
