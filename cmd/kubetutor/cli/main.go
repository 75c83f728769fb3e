// Package cli is the light kubetutor binary: the command tree, the reader, quizzes, the
// lab list, progress and version, and the hand-over (handover.go) to the full binary for
// what needs the lab engine, a cluster or Docker. It must not link client-go, kind or
// sqlite (TestLightBinaryDependencies); the full binary registers its commands here.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"strings"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/logging"
	"kubetutor/internal/paths"
)

// Deps is what every command needs: the translator, the streams, the directories and the
// log. Tests build their own.
type Deps struct {
	Tr   *i18n.Translator
	In   io.Reader
	Out  io.Writer
	Err  io.Writer
	Dirs paths.Dirs
	Log  *slog.Logger

	// CourseDir is the --course flag: an instructor's content root, empty for the
	// embedded one.
	CourseDir string
	// Style is the --style flag: the glamour style to force (dark, light, notty), empty
	// to pick it from the terminal's background.
	Style string
	// Open is the hidden --open flag: the screen the light binary's TUI handed over
	// (« lab:inspect », « map », « cluster »), that the full one opens at once.
	Open string
	// Getenv reads the environment (replaceable in tests).
	Getenv func(string) string

	// Seat links this process to the student's workshop class (the full binary's
	// workshop link), nil when none.
	Seat any

	// args are the command line as given, for a hand-over to the full binary.
	args []string
	// light builds the light binary's tree even in the full one (LightRootCommand).
	light bool
}

// Content returns the content root: the --course directory when given, else the embedded
// assets.
func (d *Deps) Content() (fs.FS, error) {
	if d.CourseDir == "" {
		return assets.FS, nil
	}
	st, err := os.Stat(d.CourseDir)
	if err != nil {
		return nil, i18n.UsageErr(err, "cli.course.unreadable", "Dir", d.CourseDir)
	}
	if !st.IsDir() {
		return nil, i18n.UsageErr(nil, "cli.course.notdir", "Dir", d.CourseDir)
	}
	return os.DirFS(d.CourseDir), nil
}

// Main runs kubetutor with os.Args and returns the process exit code. The light binary
// hands a heavy command (or everything, while the student is in a workshop class) over
// to the full binary before it builds its command tree.
func Main() int {
	args := os.Args[1:]
	if IsFull() {
		_ = os.Unsetenv(handOverEnv)
	}
	if !IsFull() && (NeedsFull(args) || inClass(paths.Resolve().State)) {
		deps, closer := newDeps(args, os.Stdin, os.Stdout, os.Stderr)
		defer closer.Close()
		deps.Log.Info("hand over", "args", args, "to", FullName)
		return report(deps, handOver(deps.Getenv, args))
	}
	return Run(args, os.Stdin, os.Stdout, os.Stderr)
}

// Run runs kubetutor with args and the given streams, and returns the exit code.
func Run(args []string, in io.Reader, out, errOut io.Writer) int {
	deps, closer := newDeps(args, in, out, errOut)
	defer closer.Close()
	deps.Log.Info("start", "args", args, "lang", deps.Tr.Lang(), "version", Version())

	stop := func() {}
	if Start != nil {
		stop = Start(deps, args)
	}
	root := NewRootCommand(deps)
	root.SetArgs(args)
	root.SetIn(in)
	root.SetOut(out)
	root.SetErr(errOut)
	err := root.Execute()
	stop()
	return report(deps, err)
}

// newDeps builds what every command needs for args and the streams, the log file open.
func newDeps(args []string, in io.Reader, out, errOut io.Writer) (*Deps, io.Closer) {
	lang := i18n.Detect(scanLang(args))
	deps := &Deps{
		Tr:     i18n.New(lang),
		In:     in,
		Out:    out,
		Err:    errOut,
		Dirs:   paths.Resolve(),
		Getenv: os.Getenv,
		args:   args,
	}
	logger, closer, logErr := logging.Open(deps.Dirs.LogFile())
	deps.Log = logger
	if logErr != nil {
		deps.Log.Debug("log file unavailable", "err", logErr)
	}
	return deps, closer
}

// Start, when set (by the full binary), runs before the command and returns what to run
// after it: the full binary links the process to the student's workshop class there.
var Start func(deps *Deps, args []string) (stop func())

// Report prints err once, in the student's language, and returns its exit code.
func Report(deps *Deps, err error) int { return report(deps, err) }

// report prints err once, in the student's language, and returns its exit code.
func report(deps *Deps, err error) int {
	if err == nil {
		return i18n.ExitOK
	}
	if errors.Is(err, errSilent) {
		return i18n.ExitFailure
	}
	deps.Log.Error("command failed", "err", err)
	if e, ok := i18n.AsError(err); ok {
		fmt.Fprintln(deps.Err, deps.Tr.T("cli.error", map[string]any{"Msg": deps.Tr.Msg(e.Msg)}))
		if e.Code == 0 {
			return i18n.ExitFailure
		}
		return e.Code
	}
	// Errors cobra makes itself (unknown flag, missing argument) are usage errors.
	fmt.Fprintln(deps.Err, deps.Tr.T("cli.error", map[string]any{"Msg": err.Error()}))
	return i18n.ExitUsage
}

// errSilent ends a command with exit code 1 when it has already said everything (a failed
// check printed as a table).
var errSilent = ErrSilent

// ErrSilent ends a command with exit code 1 when it has already said everything.
var ErrSilent = errors.New("silent failure")

// scanLang finds --lang before cobra parses flags, since help texts are built in the
// student's language.
func scanLang(args []string) string {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}
