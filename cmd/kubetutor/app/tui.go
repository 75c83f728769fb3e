package app

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kubetutor/cmd/kubetutor/cli"
	"kubetutor/i18n"
	"kubetutor/labs/cluster"
	"kubetutor/labs/cluster/doctor"
	"kubetutor/tui"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
	"kubetutor/tui/home"
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
	if err := openTarget(deps, &opts); err != nil {
		return err
	}
	seat, _ := deps.Seat.(*seatLink)
	class := &classLink{link: seat}
	defer class.stopLate()
	setup := func(root *tui.Model) (func(tea.Model) tea.Model, tea.Cmd) {
		labSrc := newLabSource(deps, opts.kubeconfig)
		labSrc.class = class
		root.SetLabSource(rootLabs{labSrc})
		root.SetClusterSource(clusterSource{newClusterManager(deps, tutorCluster(deps)), deps})
		root.SetMapSource(rootMap{newMapSource(deps, opts.kubeconfig)})
		var start tea.Cmd
		switch {
		case opts.lab != "":
			start = root.OpenLab(opts.lab)
		case opts.showMap:
			start = root.OpenMap()
		case opts.cluster:
			start = common.Send(common.OpenClusterMsg{})
		case opts.join:
			start = common.Send(home.JoinMsg{})
		}
		c := root.Common()
		wrap := func(m tea.Model) tea.Model { return newClassView(m, class, deps, c) }
		return wrap, start
	}
	defer keepResidentSmall(deps)()
	// At 120 frames a second a key's echo in the lab shell waits 4 ms on average for
	// the renderer instead of 8 (Bubble Tea flushes on its ticker).
	return cli.RunTUI(deps, cli.TUIOptions{Open: opts.open, Quiz: quiz, FPS: term.RendererFPS}, setup)
}

// openTarget sets what opts opens from the hidden --open flag (the light binary's
// hand-over), before anything needs a terminal: an unknown target or lab is a usage
// error that says what --open accepts, instead of the home screen.
func openTarget(deps *Deps, opts *tuiOptions) error {
	target := deps.Open
	switch {
	case target == "":
	case strings.HasPrefix(target, tui.OpenLabPrefix) && target != tui.OpenLabPrefix:
		id := strings.TrimPrefix(target, tui.OpenLabPrefix)
		if _, err := loadLab(deps, id); err != nil {
			return err
		}
		if opts.lab == "" {
			opts.lab = id
		}
	case target == tui.OpenMapTarget:
		opts.showMap = true
	case target == tui.OpenClusterTarget:
		opts.cluster = true
	case target == tui.OpenJoinTarget:
		opts.join = true
	default:
		return i18n.UsageErr(nil, "handover.open.unknown", "Target", target,
			"Known", strings.Join(tui.OpenTargets(), ", "))
	}
	return nil
}

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
