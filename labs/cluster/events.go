package cluster

import (
	"regexp"
	"strings"
	"sync"
	"time"

	"kubetutor/i18n"
)

// Step names one stage of a cluster creation, as kind reports it (plus the tutor's own
// preflight and cleanup stages).
type Step string

// The stages of a creation, in the order kind runs them.
const (
	StepPreflight    Step = "preflight"
	StepImage        Step = "image"
	StepNodes        Step = "nodes"
	StepLoadBalancer Step = "loadbalancer"
	StepConfig       Step = "config"
	StepControlPlane Step = "control-plane"
	StepCNI          Step = "cni"
	StepStorage      Step = "storage"
	StepJoinCP       Step = "join-control-plane"
	StepJoinWorkers  Step = "join-workers"
	StepReady        Step = "ready"
	StepNodesReady   Step = "nodes-ready"
	StepDelete       Step = "delete"
	StepRestart      Step = "restart"
	StepAPIStarting  Step = "api-starting"
	StepCleanup      Step = "cleanup"
	StepOther        Step = "other"
)

// stepLabels maps each step to its catalog key.
var stepLabels = map[Step]string{
	StepPreflight:    "cluster.step.preflight",
	StepImage:        "cluster.step.image",
	StepNodes:        "cluster.step.nodes",
	StepLoadBalancer: "cluster.step.loadbalancer",
	StepConfig:       "cluster.step.config",
	StepControlPlane: "cluster.step.controlplane",
	StepCNI:          "cluster.step.cni",
	StepStorage:      "cluster.step.storage",
	StepJoinCP:       "cluster.step.joincp",
	StepJoinWorkers:  "cluster.step.joinworkers",
	StepReady:        "cluster.step.ready",
	StepNodesReady:   "cluster.step.nodesready",
	StepDelete:       "cluster.step.delete",
	StepRestart:      "cluster.step.restart",
	StepAPIStarting:  "cluster.step.apistarting",
	StepCleanup:      "cluster.step.cleanup",
	StepOther:        "cluster.step.other",
}

// Label is the step's name for the student.
func (s Step) Label(detail string) i18n.Message {
	id, ok := stepLabels[s]
	if !ok {
		id = stepLabels[StepOther]
	}
	return i18n.M(id, "Detail", detail)
}

// kindSteps maps the start of kind's status texts to steps.
var kindSteps = []struct {
	prefix string
	step   Step
}{
	{"Ensuring node image", StepImage},
	{"Preparing nodes", StepNodes},
	{"Configuring the external load balancer", StepLoadBalancer},
	{"Writing configuration", StepConfig},
	{"Starting control-plane", StepControlPlane},
	{"Installing CNI", StepCNI},
	{"Installing StorageClass", StepStorage},
	{"Joining more control-plane nodes", StepJoinCP},
	{"Joining worker nodes", StepJoinWorkers},
	{"Waiting", StepReady},
}

// Phase says what happened to a step.
type Phase int

// The phases of an event.
const (
	PhaseStart   Phase = iota // the step began
	PhaseDone                 // the step succeeded
	PhaseFailed               // the step failed
	PhaseWarning              // kind warned (Detail holds its text)
)

// Event is one progress report of a cluster operation.
type Event struct {
	Step  Step
	Phase Phase
	// Detail is what kind said beyond the step's name: the image for StepImage, the raw
	// text for StepOther and warnings.
	Detail string
	// At is when the event was seen; Elapsed is the step's duration on Done and Failed.
	At      time.Time
	Elapsed time.Duration
}

// Label is the step's localized name.
func (e Event) Label() i18n.Message { return e.Step.Label(e.Detail) }

// EventFunc receives progress events. It is called from the goroutine doing the work and
// must not block for long.
type EventFunc func(Event)

var (
	ansi      = regexp.MustCompile("\x1b\\[[0-9;]*m")
	parenthes = regexp.MustCompile(`\(([^)]*)\)`)
)

// lineParser turns kind's status lines into events. kind prints " • TEXT  ..." when a step
// starts, " ✓ TEXT" when it succeeds and " ✗ TEXT" when it fails.
type lineParser struct {
	mu     sync.Mutex
	now    func() time.Time
	emit   EventFunc
	starts map[Step]time.Time
}

func newLineParser(now func() time.Time, emit EventFunc) *lineParser {
	if emit == nil {
		emit = func(Event) {}
	}
	return &lineParser{now: now, emit: emit, starts: map[Step]time.Time{}}
}

// parseStatusLine reads one kind line. ok is false for lines that are not status lines.
func parseStatusLine(line string) (step Step, phase Phase, detail string, ok bool) {
	line = strings.TrimRight(ansi.ReplaceAllString(line, ""), "\r\n")
	trimmed := strings.TrimLeft(line, " ")
	var text string
	switch {
	case strings.HasPrefix(trimmed, "• "):
		// A step starts with « • TEXT  ... »; a « • » line without the dots is kind's
		// salutation (« • Ready after 1s 💚 »), in English, no step of ours.
		rest := strings.TrimRight(strings.TrimPrefix(trimmed, "• "), " ")
		if !strings.HasSuffix(rest, "...") {
			return "", 0, "", false
		}
		phase = PhaseStart
		text = strings.TrimSuffix(rest, "...")
	case strings.HasPrefix(trimmed, "✓ "):
		phase, text = PhaseDone, strings.TrimPrefix(trimmed, "✓ ")
	case strings.HasPrefix(trimmed, "✗ "):
		phase, text = PhaseFailed, strings.TrimPrefix(trimmed, "✗ ")
	default:
		return "", 0, "", false
	}
	text = strings.TrimSpace(text)
	step = StepOther
	for _, k := range kindSteps {
		if strings.HasPrefix(text, k.prefix) {
			step = k.step
			break
		}
	}
	switch step {
	case StepImage:
		if m := parenthes.FindStringSubmatch(text); m != nil {
			detail = m[1]
		}
	case StepOther:
		detail = text
	}
	return step, phase, detail, true
}

// Line handles one line kind printed at verbosity 0.
func (p *lineParser) Line(line string) {
	step, phase, detail, ok := parseStatusLine(line)
	if ok {
		p.Emit(Event{Step: step, Phase: phase, Detail: detail})
	}
}

// Emit stamps e with the time (and the step's duration when it ends) and sends it.
func (p *lineParser) Emit(e Event) {
	p.mu.Lock()
	e.At = p.now()
	switch e.Phase {
	case PhaseStart:
		p.starts[e.Step] = e.At
	case PhaseDone, PhaseFailed:
		if t, ok := p.starts[e.Step]; ok {
			e.Elapsed = e.At.Sub(t)
			delete(p.starts, e.Step)
		}
	}
	p.mu.Unlock()
	p.emit(e)
}
