package app

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
	"kubetutor/labs/cluster/doctor"
	"kubetutor/tui"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
	tuiquiz "kubetutor/tui/quiz"
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
	root.SetLabSource(rootLabs{newLabSource(deps, opts.kubeconfig)})
	root.SetClusterSource(clusterSource{newClusterManager(deps, tutorCluster(deps)), deps})
	root.SetMapSource(rootMap{newMapSource(deps, opts.kubeconfig)})
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
	if seat, ok := deps.Seat.(*seatLink); ok && seat != nil {
		model = newClassView(model, seat, deps.Tr)
	}
	// At 120 frames a second a key's echo in the lab shell waits 4 ms on average for
	// the renderer instead of 8 (Bubble Tea flushes on its ticker).
	p := tea.NewProgram(model, tea.WithInput(deps.In), tea.WithOutput(deps.Out), tea.WithFPS(term.RendererFPS))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return i18n.FailErr(err, "tuistart.failed", "Cause", err.Error(), "Log", deps.Dirs.LogFile())
	}
	return nil
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

// Start creates the tutor's cluster with the Manager and shows its checklist; kind's
// output goes to kubetutor's log.
func (s clusterSource) Start(tr *i18n.Translator) tui.ClusterRun {
	run := tuicluster.Start(context.Background(), s.m, cluster.UpOptions{Workers: cluster.DefaultWorkers})
	return full.StartCluster(tr, s.m.Name(), run, s.deps.Dirs.LogFile())
}

// Doctor checks the machine as « kubetutor doctor » does.
func (s clusterSource) Doctor(ctx context.Context) []common.Finding {
	return full.Findings(doctor.Run(ctx, doctor.Host{M: s.m}))
}
