package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/labs/shell"
	tuilab "kubetutor/tui/lab"
	"kubetutor/tui/term"
)

// labSource opens the content's labs for the TUI: a runner on the tutor's cluster when
// it exists, and the lab shell.
type labSource struct {
	deps *Deps
	all  []*labs.Lab
	// kubeconfig is the --kubeconfig of lab open: a cluster other than the tutor's.
	kubeconfig string
	// class is the student's class, whose instructor may lock a lab's solutions.
	class *classLink
}

// newLabSource loads the labs; content that does not load lists no labs (the log says
// why; kubetutor validate and lab list tell the student).
func newLabSource(deps *Deps, kubeconfig string) *labSource {
	src := &labSource{deps: deps, kubeconfig: kubeconfig}
	content, err := deps.Content()
	if err == nil {
		src.all, err = labs.LoadAll(content)
	}
	if err != nil {
		deps.Log.Error("loading labs for the TUI", "err", err)
	}
	return src
}

// Labs returns the labs of the content.
func (s *labSource) Labs() []*labs.Lab { return s.all }

// Open builds the lab screen's configuration. A missing cluster is not an error: the
// screen says how to create it and the shell still runs.
func (s *labSource) Open(id string) (tuilab.Config, error) {
	deps := s.deps
	lab, err := loadLab(deps, id)
	if err != nil {
		return tuilab.Config{}, err
	}
	kubeconfig := s.kubeconfig
	if kubeconfig == "" {
		kubeconfig = deps.Dirs.Kubeconfig(tutorCluster(deps))
	}
	env := shell.Env{Dir: deps.Dirs.Shell(), Kubeconfig: kubeconfig, UserRC: shell.DefaultUserRC(), Tutor: runningTutor(deps)}
	if s.kubeconfig == "" {
		env.NoCluster = deps.Tr.T("labshell.nocluster")
	}
	cfg := tuilab.Config{Lab: lab, Shell: term.Config{Command: func() (*exec.Cmd, error) { return env.Command() }},
		SolutionLocked: func() bool { return s.class.solutionLocked(lab.ID) }}
	if store, err := progress.Open(deps.Dirs.ProgressFile()); err == nil {
		if doc, err := store.Load(); err == nil && doc.Labs != nil {
			cfg.Progress = doc.Labs[lab.ID]
		}
	}
	if _, err := os.Stat(kubeconfig); err != nil {
		cfg.Recorder = recorderOnly(deps, lab)
		cfg.Problem = i18n.M("labscreen.nocluster")
		if s.kubeconfig == "" {
			cfg.Problem = i18n.M("labscreen.nocluster.create")
			cfg.CanCreateCluster = true
		}
		return cfg, nil
	}
	runner, err := newLabRunner(deps, lab, s.kubeconfig)
	if err != nil {
		deps.Log.Error("lab runner", "err", err)
		cfg.Recorder = recorderOnly(deps, lab)
		cfg.Problem = i18n.M("labscreen.nocluster")
		return cfg, nil
	}
	// The screen shows the lab with the cluster's own node names (a cluster that does not
	// answer keeps the tutor's cluster's names; grading binds again when it answers).
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	if err := runner.Bind(ctx); err != nil {
		deps.Log.Warn("lab not bound to the cluster's nodes", "lab", lab.ID, "err", err)
	}
	cancel()
	cfg.Lab = runner.Lab()
	cfg.Runner = runner
	return cfg, nil
}

// runningTutor is the executable of this kubetutor, for the lab shell's PATH; "" when it
// cannot be known (the shell then finds whatever kubetutor PATH has).
func runningTutor(deps *Deps) string {
	exe, err := os.Executable()
	if err == nil {
		exe, err = filepath.EvalSymlinks(exe)
	}
	if err != nil {
		deps.Log.Warn("the lab shell will not find the running kubetutor", "err", err)
		return ""
	}
	return exe
}

// recorderOnly is a runner with no cluster behind it: it grades nothing and records what
// the student does (hints, solution, answer) in their progress, so lab check and the
// screen find it once the cluster is there. Nil when progress cannot be opened.
func recorderOnly(deps *Deps, lab *labs.Lab) tuilab.Recorder {
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		deps.Log.Warn("progress unavailable: the lab screen records nothing", "err", err)
		return nil
	}
	return labs.NewRunner(lab, &checks.Env{}, store, deps.Log)
}
