package lab

import (
	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
)

// Recorder keeps what the student did on a step (hints and solution revealed, the answer
// typed) in their progress. labs.Runner is one; without a cluster the app hands the
// screen a runner that grades nothing and only records, so nothing the student does is
// lost for want of a cluster.
type Recorder interface {
	NextHint(step *labs.Step) ([]labs.Text, error)
	RevealSolution(step *labs.Step) ([]string, error)
	SetAnswer(step *labs.Step, answer string) error
}

// recorder is the runner when there is one, else the configuration's recorder (nil when
// neither: nothing is recorded).
func (m Model) recorder() Recorder {
	if m.cfg.Runner != nil {
		return m.cfg.Runner
	}
	return m.cfg.Recorder
}

// record runs fn on the recorder in a command.
func (m Model) record(fn func(r Recorder) error) tea.Cmd {
	r := m.recorder()
	if r == nil {
		return nil
	}
	return func() tea.Msg { return recordedMsg{fn(r)} }
}

// say shows msg above the step's status until the next key: the feedback of a key that
// had nothing to act on (v without a cluster, r on a step that asks no question).
func (m *Model) say(id string, kv ...any) { m.flash = i18n.M(id, kv...) }

// noClusterKey is id, or create when the screen can create the cluster (key c): the
// feedback then says which key makes the cluster.
func (m Model) noClusterKey(id, create string) string {
	if m.cfg.CanCreateCluster {
		return create
	}
	return id
}
