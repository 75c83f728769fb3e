package cli

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs/catalog"
	"kubetutor/tui"
	"kubetutor/tui/common"
	tuiquiz "kubetutor/tui/quiz"
	"kubetutor/tui/ticker"
)

// TUI opens the full-screen tutor: the home screen, the reader when open names a chapter
// (already validated), the quiz screen when quiz is set. The full binary sets it to its
// own (with the lab, cluster and map screens); the light one runs RunTUI without them.
var TUI = func(deps *Deps, open common.OpenChapterMsg, quiz *tuiquiz.Config) error {
	return RunTUI(deps, TUIOptions{Open: open, Quiz: quiz}, nil)
}

// TUIOptions says what the full-screen tutor opens on.
type TUIOptions struct {
	Open common.OpenChapterMsg
	Quiz *tuiquiz.Config
	// FPS is the renderer's frame rate, Bubble Tea's default when 0.
	FPS int
}

// TUISetup gives the root the full binary's screens (their sources) and returns the
// model to run (the root, or a view that wraps it) and the commands to run at start.
type TUISetup func(root *tui.Model) (wrap func(tea.Model) tea.Model, start tea.Cmd)

// RunTUI runs the full-screen tutor. Without setup (the light binary) the root lists the
// labs from the catalog and hands the lab, map and cluster screens over: the program
// ends and the full binary opens that screen (--open), in the same terminal.
func RunTUI(deps *Deps, opts TUIOptions, setup TUISetup) error {
	if setup == nil && deps.Open != "" {
		return handOver(deps.Getenv, deps.args) // a screen only the full binary has
	}
	course, err := LoadCourse(deps)
	if err != nil {
		return err
	}
	style, err := ParseStyle(deps)
	if err != nil {
		return err
	}
	content, err := deps.Content()
	if err != nil {
		return err
	}
	if err := NeedTerminal(deps); err != nil {
		return err
	}
	store, notice := OpenProgress(deps)
	c := &common.Common{Style: style, Tr: deps.Tr, Log: deps.Log, Course: course, Store: store,
		Content: content, ContentDir: deps.CourseDir}
	root := tui.New(c, opts.Open, notice)
	var start []tea.Cmd
	wrap := func(m tea.Model) tea.Model { return m }
	if setup != nil {
		w, cmd := setup(&root)
		if w != nil {
			wrap = w
		}
		start = append(start, cmd)
	} else {
		root.SetLabSource(lightLabs{deps: deps})
		root.EnableHandOver(func() error { _, err := locateFull(deps.Getenv); return err })
	}
	if opts.Quiz != nil {
		start = append(start, root.StartQuiz(*opts.Quiz)) // it offers to resume an unfinished attempt
	}
	model := wrap(withStart{root, tea.Batch(start...)})
	// The gate holds Bubble Tea's frame ticker while nothing happens (idle CPU).
	gate := ticker.New(deps.Out)
	popts := append([]tea.ProgramOption{tea.WithInput(deps.In)}, gate.Options()...)
	if opts.FPS > 0 {
		popts = append(popts, tea.WithFPS(opts.FPS))
	}
	program := tea.NewProgram(gate.Model(model), popts...)
	go gate.Watch(program.Send)
	final, err := program.Run()
	gate.Stop()
	final = ticker.UnwrapModel(final)
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return i18n.FailErr(err, "tuistart.failed", "Cause", err.Error(), "Log", deps.Dirs.LogFile())
	}
	if h, ok := final.(handedOver); ok && h.HandOverTarget() != "" {
		chapter, section := h.HandOverReader()
		deps.Log.Info("TUI hand over", "open", h.HandOverTarget(), "chapter", chapter, "section", section)
		return handOver(deps.Getenv, openArgs(deps.args, h.HandOverTarget(), chapter, section))
	}
	return nil
}

// handedOver is the root after the program ended (tui.Model).
type handedOver interface {
	HandOverTarget() string
	HandOverReader() (chapter, section string)
}

// withStart runs more commands at Init (a quiz, opening a lab from the command line).
type withStart struct {
	tui.Model
	cmd tea.Cmd
}

// Init runs the root's Init and the extra command.
func (w withStart) Init() tea.Cmd { return tea.Batch(w.Model.Init(), w.cmd) }

// Update keeps the wrapper around the root, so the final model still says what it
// handed over.
func (w withStart) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := w.Model.Update(msg)
	if root, ok := next.(tui.Model); ok {
		w.Model = root
		return w, cmd
	}
	return next, cmd
}

// openArgs is the full binary's command line for opening target: the global flags of
// args (language, content, style), the reader on chapter and section when it was shown,
// and the hidden --open.
func openArgs(args []string, target, chapter, section string) []string {
	out := []string{}
	if chapter != "" {
		out = append(out, "read", chapter)
		if section != "" {
			out = append(out, "--section", section)
		}
	}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			i = len(args)
		case globalValueFlags[a] && i+1 < len(args):
			out = append(out, a, args[i+1])
			i++
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "--course=") || strings.HasPrefix(a, "--style="):
			out = append(out, a)
		}
	}
	return append(out, "--"+OpenFlag, target)
}

// OpenFlag is the root's hidden flag that opens the TUI on a screen the light binary
// handed over (tui.HandOver's targets: « lab:inspect », « map », « cluster »).
const OpenFlag = "open"

// lightLabs lists the catalog's labs on the home screen; opening one hands it over.
type lightLabs struct{ deps *Deps }

// Labs lists the content's labs, none when they do not list (the log says why).
func (l lightLabs) Labs() []*catalog.Lab {
	content, err := l.deps.Content()
	if err != nil {
		return nil
	}
	all, err := catalog.LoadAll(content)
	if err != nil {
		l.deps.Log.Warn("labs do not list for the home screen", "err", err)
	}
	return all
}

// Open hands the lab over to the full binary.
func (l lightLabs) Open(id string) (tui.LabOpener, error) {
	return nil, &tui.HandOver{Target: tui.OpenLabPrefix + id}
}
