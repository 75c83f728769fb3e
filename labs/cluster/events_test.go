package cluster

import (
	"log/slog"
	"testing"
	"time"

	"kubetutor/i18n"
)

func TestParseStatusLine(t *testing.T) {
	tests := []struct {
		line   string
		step   Step
		phase  Phase
		detail string
		ok     bool
	}{
		{" • Ensuring node image (kindest/node:v1.37.0) 🖼  ...\n", StepImage, PhaseStart, "kindest/node:v1.37.0", true},
		{" ✓ Ensuring node image (kindest/node:v1.37.0) 🖼\n", StepImage, PhaseDone, "kindest/node:v1.37.0", true},
		{" • Preparing nodes 📦 📦 📦  ...", StepNodes, PhaseStart, "", true},
		{" ✗ Preparing nodes 📦 📦 📦", StepNodes, PhaseFailed, "", true},
		{" \x1b[32m✓\x1b[0m Writing configuration 📜\n", StepConfig, PhaseDone, "", true},
		{" \x1b[31m✗\x1b[0m Starting control-plane 🕹️\n", StepControlPlane, PhaseFailed, "", true},
		{" • Installing CNI 🔌  ...", StepCNI, PhaseStart, "", true},
		{" • Installing StorageClass 💾  ...", StepStorage, PhaseStart, "", true},
		{" • Joining worker nodes 🚜  ...", StepJoinWorkers, PhaseStart, "", true},
		{" • Joining more control-plane nodes 🎮  ...", StepJoinCP, PhaseStart, "", true},
		{" • Configuring the external load balancer ⚖️  ...", StepLoadBalancer, PhaseStart, "", true},
		{" • Waiting ≤ 3m0s for control-plane = Ready ⏳  ...", StepReady, PhaseStart, "", true},
		{" ✓ Waiting ≤ 3m0s for control-plane = Ready ⏳", StepReady, PhaseDone, "", true},
		{" • Something kind adds later  ...", StepOther, PhaseStart, "Something kind adds later", true},
		{"Creating cluster \"kubetutor\" ...", "", 0, "", false},
		{" • Ready after 21s 💚", "", 0, "", false}, // kind's salutation is no step
		{"", "", 0, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			step, phase, detail, ok := parseStatusLine(tt.line)
			if ok != tt.ok || step != tt.step || phase != tt.phase || detail != tt.detail {
				t.Errorf("parseStatusLine(%q) = %q, %v, %q, %v; want %q, %v, %q, %v",
					tt.line, step, phase, detail, ok, tt.step, tt.phase, tt.detail, tt.ok)
			}
		})
	}
}

func TestKindLoggerTurnsLinesIntoTimedEvents(t *testing.T) {
	var got []Event
	c := &clustertestClock{}
	l := newKindLogger(newLineParser(c.now, func(e Event) { got = append(got, e) }), discardLog())
	l.V(0).Infof(" • %s  ...\n", "Starting control-plane 🕹️")
	l.V(1).Infof("debug lines are not events")
	l.V(0).Infof(" ✓ %s\n", "Starting control-plane 🕹️")
	l.Warn("using podman due to KIND_EXPERIMENTAL_PROVIDER")
	if len(got) != 3 {
		t.Fatalf("got %d events, want 3: %+v", len(got), got)
	}
	if got[0].Step != StepControlPlane || got[0].Phase != PhaseStart {
		t.Errorf("first event %+v", got[0])
	}
	if got[1].Phase != PhaseDone || got[1].Elapsed != time.Second {
		t.Errorf("done event %+v, want Elapsed 1s", got[1])
	}
	if got[2].Phase != PhaseWarning || got[2].Detail == "" {
		t.Errorf("warning event %+v", got[2])
	}
}

func TestEveryStepHasALabelInBothLanguages(t *testing.T) {
	for step := range stepLabels {
		for _, l := range i18n.Langs {
			tr := i18n.New(l)
			if s := tr.Msg(step.Label("x")); s == "" || s[0] == '[' {
				t.Errorf("%s: step %q renders %q", l, step, s)
			}
		}
	}
}

func discardLog() *slog.Logger { return slog.New(slog.DiscardHandler) }

// clustertestClock advances one second at each reading (clustertest imports this package,
// so its Clock is out of reach of internal tests).
type clustertestClock struct{ t time.Time }

func (c *clustertestClock) now() time.Time {
	c.t = c.t.Add(time.Second)
	return c.t
}
