// Package lab is the lab screen: a lab's steps with their live status, the current
// step's instructions, why it is not done yet, hints and solution on request, and an
// embedded shell (tui/term) beside them (below them on narrow windows).
//
// The screen depends on a small Runner interface (labs.Runner satisfies it), so its
// tests need no cluster. Without a runner (no cluster yet) it still shows the lab and
// the shell, and says in one line how to create the cluster.
package lab

import (
	"context"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/term"
)

// Runner is what the screen asks of the lab engine.
type Runner interface {
	// Start applies the lab's setup; report gets its progress (a wait for the lab's
	// namespaces still being deleted).
	Start(ctx context.Context, report func(i18n.Message)) error
	Evaluate(ctx context.Context, step *labs.Step) labs.Event
	Watch(ctx context.Context, opts labs.WatchOptions, emit func(labs.Event)) error
	NextHint(step *labs.Step) ([]labs.Text, error)
	RevealSolution(step *labs.Step) ([]string, error)
	SetAnswer(step *labs.Step, answer string) error
}

// Config is what the screen shows and drives.
type Config struct {
	Lab *labs.Lab
	// Runner grades the steps; nil when there is no cluster to grade against.
	Runner Runner
	// Recorder records hints, solutions and answers when Runner is nil (no cluster): what
	// the student did is kept whether or not a cluster answers. Nil records nothing.
	Recorder Recorder
	// Problem, when set, is the one line that says why there is no runner and what to do
	// (« kubetutor cluster up »).
	Problem i18n.Message
	// CanCreateCluster says the tutor's cluster is missing and the screen may offer to
	// create it (key c).
	CanCreateCluster bool
	// Progress is the lab's saved progress (statuses, hints shown), nil when none.
	Progress *progress.Lab
	// Shell is the embedded terminal's configuration (its Command runs the lab shell).
	Shell term.Config
	// Now returns the current time (replaceable in tests).
	Now func() time.Time
	// SolutionLocked, when set, reports whether the workshop's instructor locked this
	// lab's solutions: the solution key then refuses and says so; hints stay available.
	// It is read at each key and frame (the class state the workshop client keeps).
	SolutionLocked func() bool
}

// DoneMsg asks the root to leave the lab screen.
type DoneMsg struct{}

// focus says which half of the screen has the keyboard.
type focus int

const (
	focusInstructions focus = iota
	focusShell
)

// stepState is what the screen knows of a step.
type stepState struct {
	kind     labs.EventKind // "" when not evaluated yet
	result   labs.Event
	hints    int  // hints revealed
	solution bool // solution revealed
	withHelp bool // passed after the solution was shown
	// waitFrom is when the step's expected wait started: the first change the check saw
	// once the step was current (the student's action), or a pending result. Zero until
	// then: the screen says how long Kubernetes will take once the step is done.
	waitFrom time.Time
	// baseline is the first result seen once the step was current (kind and reason).
	baseline   string
	evaluating bool
	answer     string // the student's answer to a question step
}

// Model is the lab screen.
type Model struct {
	c         *common.Common
	cfg       Config
	keys      KeyMap
	help      help.Model
	steps     []*stepState
	cur       int // the step shown
	focus     focus
	confirm   bool // asking before revealing the solution
	answering bool // typing the answer to a question step
	input     textinput.Model
	term      term.Model
	body      viewport.Model
	cache     *renderCache
	events    chan tea.Msg
	ctx       context.Context // the grading's; nil without a runner
	cancel    context.CancelFunc
	done      bool // every step passed
	copied    copiedState
	startErr  bool
	startNote i18n.Message // the setup's progress while it waits, or why it failed
	ticking   bool         // a tick is armed
	flash     i18n.Message // feedback of the last key, until the next one
	w, h      int
	layout    layout
	aside     func(w, h int) string // drawn instead of the instructions (aside.go)
	// version counts the changes outside the pane; frame keeps what View drew for it.
	version int
	frame   *frameCache
}

// New returns the lab screen; Init starts the shell and the grading.
func New(c *common.Common, cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Shell.Tr == nil {
		cfg.Shell.Tr = c.Tr
	}
	if cfg.Shell.Log == nil {
		cfg.Shell.Log = c.Log
	}
	cfg.Shell.Notice = c.Styles.Notice
	m := Model{c: c, cfg: cfg, keys: newKeyMap(c), help: help.New(), cache: &renderCache{}, frame: &frameCache{},
		term: term.New(cfg.Shell), body: viewport.New(), input: textinput.New()}
	m.input.Prompt = ""
	m.input.CharLimit = 200
	for _, s := range cfg.Lab.Steps {
		st := &stepState{}
		if p := cfg.Progress; p != nil && p.Steps[s.ID] != nil {
			r := p.Steps[s.ID]
			st.hints, st.solution = min(r.HintsShown, len(s.Hints)), r.SolutionShown
			st.answer = r.Answer
			switch r.Status {
			case labs.StatusPassed:
				st.kind = labs.EventPassed
			case labs.StatusSolvedWithHelp:
				st.kind, st.withHelp = labs.EventPassed, true
			}
		}
		m.steps = append(m.steps, st)
	}
	m.cur = m.firstOpen()
	m.done = m.cur < 0
	if m.cur < 0 {
		m.cur = len(m.steps) - 1
	}
	if cfg.Runner != nil && !m.done {
		m.ctx, m.cancel = context.WithCancel(context.Background())
		m.events = make(chan tea.Msg, 16)
	}
	m.focus = focusShell
	m.term.Focus()
	m.SetSize(max(c.Width, common.MinWidth), max(c.Height, common.MinHeight))
	return m
}

// firstOpen returns the index of the first step not passed, -1 when all are.
func (m Model) firstOpen() int {
	for i, st := range m.steps {
		if st.kind != labs.EventPassed {
			return i
		}
	}
	return -1
}

// Init starts the shell and, with a runner, the lab's setup and its live grading.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.term.Start(), m.startRunner())
}

// Close stops the grading and kills the shell.
func (m *Model) Close() {
	if m.cancel != nil {
		m.cancel()
		m.cancel = nil
	}
	m.term.Close()
}

// ShellExited returns a channel closed once the shell has exited (term.Model.Gone):
// Close does not wait for it.
func (m *Model) ShellExited() <-chan struct{} { return m.term.Gone() }

// Lab returns the lab shown.
func (m Model) Lab() *labs.Lab { return m.cfg.Lab }

// CapturesKeys reports whether every key (ctrl+c included) goes to the shell or to the
// answer being typed.
func (m Model) CapturesKeys() bool { return m.focus == focusShell || m.answering }

// isQuestion reports whether a step is graded on the student's answer.
func isQuestion(s *labs.Step) bool { return checks.TakesAnswer(s.Check.ID) }
