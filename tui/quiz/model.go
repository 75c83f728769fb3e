// Package quiz is the quiz screen: it asks a chapter's questions in practice mode
// (feedback and explanation after each answer) or exam mode (nothing until the end), then
// shows the score overall and per section with the missed questions, and records the
// attempt in the progress store. It asks the root to open the reader with ReviewMsg and
// to close it with DoneMsg.
package quiz

import (
	"math/rand/v2"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/internal/progress"
	lq "kubetutor/lessons/quiz"
)

// Mode is how a quiz run gives feedback.
type Mode string

// The quiz modes.
const (
	Practice Mode = "practice" // feedback and explanation after each answer
	Exam     Mode = "exam"     // no feedback until the end
)

// ReviewMsg asks the root to open the reader at a section of a chapter.
type ReviewMsg struct {
	Chapter string
	Section string
}

// DoneMsg asks the root to close the quiz screen.
type DoneMsg struct{}

// savedMsg reports the end of recording an attempt; final is true for the last save, at
// the summary.
type savedMsg struct {
	err   error
	final bool
}

// Config is what a quiz run needs.
type Config struct {
	Tr      *i18n.Translator
	Chapter string
	// Questions are asked in this order.
	Questions []*lq.Question
	Mode      Mode
	// Section is the section the run was limited to, recorded with the attempt ("" for all).
	Section string
	// SectionTitles labels section ids ("2. Plan de contrôle détaillé"); ids show when absent.
	SectionTitles map[string]string
	// Store records the attempt; nil records nothing.
	Store *progress.Store
	// Seed fixes the order choices and ordering items are shown in (tests); 0 picks one.
	Seed uint64
	// Now is the clock (tests); nil is time.Now.
	Now func() time.Time
	// Location is the time zone dates are shown in (tests); nil is time.Local.
	Location *time.Location
	// Plain drops colors (tests, NO_COLOR).
	Plain bool
}

type phase int

const (
	phaseAsk      phase = iota // answering the current question
	phaseRubric                // ticking the rubric of an open question
	phaseFeedback              // practice: the result and the explanation
	phaseSummary               // the end: scores, missed questions
	phaseResume                // an unfinished attempt was found: resume it or start anew
)

// record is one answered question.
type record struct {
	q      *lq.Question
	resp   lq.Response
	res    lq.Result
	at     time.Time
	graded bool // false for an open question waiting for its rubric (exam)
}

// input is the state of the answer being given to the current question.
type input struct {
	perm   []int        // choices: display position → choice index
	order  []int        // ordering: the student's arrangement of item indexes
	cursor int          // choices, ordering, rubric: the line under the cursor
	picked map[int]bool // choices picked, by choice index
	ticked map[int]bool // rubric points ticked
	text   textinput.Model
	area   textarea.Model
	blink  tea.Cmd // the focused input's first blink
}

// Model is the quiz screen.
type Model struct {
	cfg    Config
	keys   KeyMap
	help   help.Model
	styles styles
	rng    *rand.Rand
	width  int
	height int

	questions []*lq.Question
	idx       int
	phase     phase
	in        input
	records   []*record
	pending   []*record // exam: open answers waiting for their rubric
	current   *record   // the record shown in rubric or feedback
	scroll    int
	started   time.Time
	attemptID string                // the attempt's id in the progress store
	offered   *progress.QuizAttempt // phaseResume: the unfinished attempt offered
	notice    i18n.Message          // status line: the attempt recorded, or not
	refusal   i18n.Message          // why the answer given cannot be graded, under the input
	fullHelp  bool
}

// New returns the quiz screen for cfg, on its first question.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Mode != Exam {
		cfg.Mode = Practice
	}
	seed := cfg.Seed
	if seed == 0 {
		seed = uint64(cfg.Now().UnixNano())
	}
	m := Model{
		cfg:    cfg,
		keys:   NewKeyMap(cfg.Tr),
		help:   help.New(),
		styles: newStyles(cfg.Plain),
		rng:    rand.New(rand.NewPCG(seed, seed>>1|1)),
		width:  80,
		height: 24,
	}
	m.start(cfg.Questions)
	return m
}

// start begins a run over questions.
func (m *Model) start(questions []*lq.Question) {
	m.questions = questions
	m.idx = 0
	m.records = nil
	m.pending = nil
	m.current = nil
	m.notice = i18n.Message{}
	m.started = m.cfg.Now()
	m.attemptID = m.cfg.Chapter + "-" + m.started.UTC().Format("20060102T150405.000Z")
	m.phase = phaseAsk
	if len(questions) == 0 {
		m.phase = phaseSummary
		return
	}
	m.prepare()
}

// Init focuses the first text input, if any, and looks for an unfinished attempt to
// resume.
func (m Model) Init() tea.Cmd { return tea.Batch(m.focusCmd(), m.findResumableCmd()) }

// SetSize lays the screen out for a window of width × height.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.help.SetWidth(width)
	q := m.question()
	if q == nil {
		return
	}
	switch q.Type {
	case lq.Numeric, lq.Short:
		m.in.text.SetWidth(min(40, max(10, width-20)))
	case lq.Open:
		m.in.area.SetWidth(max(10, width-4))
	}
}

// question returns the current question.
func (m Model) question() *lq.Question {
	if m.idx < len(m.questions) {
		return m.questions[m.idx]
	}
	return nil
}
