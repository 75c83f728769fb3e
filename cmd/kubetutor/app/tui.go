package app

import (
	"context"
	"errors"
	"os"

	xterm "github.com/charmbracelet/x/term"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs/cluster"
	"kubetutor/labs/cluster/doctor"
	"kubetutor/lessons"
	"kubetutor/tui"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
	"kubetutor/tui/render"
	"kubetutor/tui/term"
)

// runTUI opens the full-screen tutor: the home screen, or the reader when open names a
// chapter (already validated).
func runTUI(deps *Deps, open common.OpenChapterMsg) error {
	return runTUIWith(deps, open, nil)
}

// runTUIWith opens the full-screen tutor, on the quiz screen when quiz is set.
func runTUIWith(deps *Deps, open common.OpenChapterMsg, quiz *tuiquiz.Config) error {
	return runTUIFull(deps, tuiOptions{open: open}, quiz)
}

// runTUIOpts opens the full-screen tutor on what opts says.
func runTUIOpts(deps *Deps, opts tuiOptions) error { return runTUIFull(deps, opts, nil) }

func runTUIFull(deps *Deps, opts tuiOptions, quiz *tuiquiz.Config) error {
	open := opts.open
	course, err := loadCourse(deps)
	if err != nil {
		return err
	}
	style, err := parseStyle(deps)
	if err != nil {
		return err
	}
	content, err := deps.Content()
	if err != nil {
		return err
	}
	if err := needTerminal(deps); err != nil {
		return err
	}
	store, notice := openProgress(deps)
	c := &common.Common{Style: style, Tr: deps.Tr, Log: deps.Log, Course: course, Store: store,
		Content: content, ContentDir: deps.CourseDir}
	root := tui.New(c, open, notice)
	class := &classLink{link: deps.seat}
	defer class.stopLate()
	labSrc := newLabSource(deps, opts.kubeconfig)
	labSrc.class = class
	root.SetLabSource(labSrc)
	root.SetClusterSource(clusterSource{newClusterManager(deps, tutorCluster(deps)), deps})
	root.SetMapSource(newMapSource(deps, opts.kubeconfig))
	var model tea.Model = root
	if quiz != nil {
		start := root.StartQuiz(*quiz) // the quiz's Init: it offers to resume an unfinished attempt
		model = withStart{root, start}
	}
	if opts.lab != "" {
		model = withStart{root, root.OpenLab(opts.lab)}
	}
	if opts.showMap {
		model = withStart{root, root.OpenMap()}
	}
	model = newClassView(model, class, deps, c)
	// At 120 frames a second a key's echo in the lab shell waits 4 ms on average for
	// the renderer instead of 8 (Bubble Tea flushes on its ticker).
	p := tea.NewProgram(model, tea.WithInput(deps.In), tea.WithOutput(deps.Out), tea.WithFPS(term.RendererFPS))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return i18n.FailErr(err, "tuistart.failed", "Cause", err.Error(), "Log", deps.Dirs.LogFile())
	}
	return nil
}

// needTerminal refuses to start the full-screen interface when its input or output is a
// file or a pipe (a real one: tests hand the program in-memory streams), saying why, what
// works without a terminal, and where the log is.
func needTerminal(deps *Deps) error {
	for _, stream := range []any{deps.In, deps.Out} {
		if f, ok := stream.(*os.File); ok && !xterm.IsTerminal(f.Fd()) {
			return i18n.UsageErr(nil, "tuistart.noterminal", "Log", deps.Dirs.LogFile())
		}
	}
	return nil
}

// loadCourse loads and validates the course from the content root.
func loadCourse(deps *Deps) (*lessons.Course, error) {
	content, err := deps.Content()
	if err != nil {
		return nil, err
	}
	return lessons.Load(content, deps.CourseDir)
}

// parseStyle validates the --style flag.
func parseStyle(deps *Deps) (render.Style, error) {
	s, ok := render.ParseStyle(deps.Style)
	if !ok {
		return s, i18n.UsageErr(nil, "reader.style.unknown", "Style", deps.Style)
	}
	return s, nil
}

// openProgress opens the progress store. A store that cannot be opened does not stop the
// student from reading: the TUI runs without saving and says so in one line.
func openProgress(deps *Deps) (*progress.Store, i18n.Message) {
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		deps.Log.Error("opening progress", "err", err)
		return nil, i18n.M("tui.progress.unavailable")
	}
	if where := store.Recovered(); where != "" {
		deps.Log.Warn("progress file was corrupt", "moved_to", where)
		return store, i18n.M("tui.progress.recovered", "Path", where)
	}
	return store, i18n.Message{}
}

// withStart runs one more command at Init (opening a lab from the command line).
type withStart struct {
	tui.Model
	cmd tea.Cmd
}

// Init runs the root's Init and the extra command.
func (w withStart) Init() tea.Cmd { return tea.Batch(w.Model.Init(), w.cmd) }

// clusterSource lets the TUI create the tutor's cluster with the same Manager as
// « kubetutor cluster up ».
type clusterSource struct {
	m    *cluster.Manager
	deps *Deps
}

// Upper is the Manager.
func (s clusterSource) Upper() tuicluster.Upper { return s.m }

// Name is the tutor's cluster name.
func (s clusterSource) Name() string { return s.m.Name() }

// Doctor checks the machine as « kubetutor doctor » does.
func (s clusterSource) Doctor(ctx context.Context) []doctor.Finding {
	return doctor.Run(ctx, doctor.Host{M: s.m})
}

// LogFile is kubetutor's log, where kind's output goes.
func (s clusterSource) LogFile() string { return s.deps.Dirs.LogFile() }
