package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"kubetutor/i18n"
	"kubetutor/labs"
	"kubetutor/labs/catalog"
	kcluster "kubetutor/labs/cluster"
	"kubetutor/labs/cluster/doctor"
	tuicluster "kubetutor/tui/cluster"
	"kubetutor/tui/common"
	"kubetutor/tui/full"
	tuilab "kubetutor/tui/lab"
)

// fakeCluster creates nothing: Up returns at once, and the tests deliver the creation's
// messages themselves.
type fakeCluster struct {
	ups      chan struct{} // one value per call of Up (Up runs in the creation's goroutine)
	findings []doctor.Finding
}

func (f fakeCluster) Start(tr *i18n.Translator) ClusterRun {
	run := tuicluster.Start(context.Background(), f, kcluster.UpOptions{Workers: kcluster.DefaultWorkers})
	return full.StartCluster(tr, "kubetutor", run, "kubetutor.log")
}
func (f fakeCluster) Doctor(context.Context) []common.Finding {
	return full.Findings(f.findings)
}
func (f fakeCluster) Up(ctx context.Context, o kcluster.UpOptions, fn kcluster.EventFunc) (kcluster.Outcome, error) {
	f.ups <- struct{}{}
	return kcluster.Created, nil
}

// missingClusterLabs opens its lab as the app does when the tutor's cluster is missing.
type missingClusterLabs struct{ lab *labs.Lab }

func (f missingClusterLabs) Labs() []*catalog.Lab { return catalogOf(f.lab) }
func (f missingClusterLabs) Open(id string) (LabOpener, error) {
	return labOpener(tuilab.Config{Lab: f.lab, Problem: i18n.M("labscreen.nocluster.create"), CanCreateCluster: true}), nil
}

// step delivers msg to the root without running the commands it returns, and returns the
// first message of the command (nil when none).
func step(t *testing.T, m tea.Model, msg tea.Msg) (tea.Model, tea.Cmd) {
	t.Helper()
	return m.Update(msg)
}

func TestClusterCreationFromTheLabScreen(t *testing.T) {
	hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
	lab := &labs.Lab{ID: "demo", Title: labs.Text{"fr": "Les nœuds"},
		Steps: []*labs.Step{{ID: "one", Instructions: labs.Text{"fr": "Listez les nœuds."}}}}
	ups := make(chan struct{}, 4)
	root := hs.m.(Model)
	root.SetLabSource(missingClusterLabs{lab})
	root.SetClusterSource(fakeCluster{ups: ups, findings: []doctor.Finding{
		{ID: "runtime", Level: doctor.OK, Title: i18n.M("tui.cluster.doctor.running")},
		{ID: "inotify", Level: doctor.Warning, Title: i18n.M("tui.cluster.doctor.running"), Fix: i18n.M("tui.home.key.cluster")},
	}})
	hs.m = root
	hs.keys("down", "enter")
	if scr := hs.screen(); !strings.Contains(scr, "appuyez sur c") {
		t.Fatalf("the lab screen does not offer to create the cluster:\n%s", scr)
	}
	hs.send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl}) // focus on the instructions

	m, cmd := step(t, hs.m, tea.KeyPressMsg{Code: 'c', Text: "c"})
	if cmd == nil {
		t.Fatal("c on the lab screen did nothing")
	}
	open, ok := cmd().(common.OpenClusterMsg)
	if !ok || open.ThenLab != "demo" {
		t.Fatalf("c on the lab screen sent %#v, want OpenClusterMsg{ThenLab: demo}", open)
	}
	m, cmd = step(t, m, open)
	if m.(Model).screen != ScreenCluster || cmd == nil {
		t.Fatalf("the cluster screen did not open with the doctor")
	}
	if scr := m.View().Content; !strings.Contains(scr, "Vérification de la machine") {
		t.Fatalf("the doctor's run does not show:\n%s", scr)
	}
	m, _ = step(t, m, cmd()) // the doctor's findings: a warning does not block
	if !m.(Model).hasCluster {
		t.Fatal("a warning stopped the creation")
	}
	now := time.Now()
	m, _ = step(t, m, tuicluster.EventMsg{Event: kcluster.Event{Step: kcluster.StepNodes, Phase: kcluster.PhaseStart, At: now}})
	scr := m.View().Content
	if !strings.Contains(scr, "kubetutor") {
		t.Fatalf("the checklist does not show:\n%s", scr)
	}
	// Enter does nothing while the creation runs (esc would cancel it).
	m, _ = step(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.(Model).screen != ScreenCluster {
		t.Fatal("enter left the screen during the creation")
	}
	m, _ = step(t, m, tuicluster.EventMsg{Event: kcluster.Event{Step: kcluster.StepNodes, Phase: kcluster.PhaseDone, At: now, Elapsed: time.Second}})
	m, _ = step(t, m, tuicluster.DoneMsg{Outcome: kcluster.Created})
	if scr := m.View().Content; !strings.Contains(scr, "reprendre le TP") {
		t.Fatalf("the end of the creation does not say how to go on:\n%s", scr)
	}
	m, cmd = step(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("enter after the creation did nothing")
	}
	if again, ok := cmd().(common.OpenLabMsg); !ok || again.Lab != "demo" {
		t.Fatalf("enter after the creation sent %#v, want the lab again", again)
	}
	select {
	case <-ups:
	case <-time.After(10 * time.Second):
		t.Fatal("Up was never called")
	}
	if len(ups) != 0 {
		t.Errorf("Up was called more than once")
	}
}

func TestClusterKeyOnHome(t *testing.T) {
	hs := newHarness(t, i18n.EN, 100, 30, common.OpenChapterMsg{}, nil)
	_, cmd := step(t, hs.m, tea.KeyPressMsg{Code: 'c', Text: "c"})
	if cmd == nil {
		t.Fatal("c on the home screen did nothing")
	}
	if msg, ok := cmd().(common.OpenClusterMsg); !ok || msg.ThenLab != "" {
		t.Fatalf("c on home sent %#v", msg)
	}
}

func TestClusterCreationStopsOnABlockingFinding(t *testing.T) {
	hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
	ups := make(chan struct{}, 4)
	root := hs.m.(Model)
	root.SetClusterSource(fakeCluster{ups: ups, findings: []doctor.Finding{
		{ID: "runtime", Level: doctor.Blocking, Title: i18n.M("tui.home.key.cluster"), Fix: i18n.M("tui.cluster.doctor.running")},
	}})
	m, cmd := step(t, root, common.OpenClusterMsg{})
	m, _ = step(t, m, cmd())
	scr := m.View().Content
	if !strings.Contains(scr, "✗ créer le cluster") || !strings.Contains(scr, "ne peut pas être créé") {
		t.Fatalf("the blocking finding and its fix do not show:\n%s", scr)
	}
	if len(ups) != 0 || m.(Model).hasCluster {
		t.Fatal("the creation started despite a blocking finding")
	}
	m, _ = step(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
	if m.(Model).screen != ScreenHome {
		t.Fatal("enter did not go back home")
	}
}

// Asked from a lab, the creation screen goes back to that lab, its shell still there,
// when the doctor blocks or the creation fails: never to the home screen.
func TestClusterCreationFromALabComesBackToIt(t *testing.T) {
	for _, tt := range []struct {
		name     string
		findings []doctor.Finding
		fail     bool
	}{
		{name: "blocked", findings: []doctor.Finding{{ID: "runtime", Level: doctor.Blocking, Title: i18n.M("tui.home.key.cluster")}}},
		{name: "failed", fail: true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			hs := newHarness(t, i18n.FR, 100, 30, common.OpenChapterMsg{}, nil)
			lab := &labs.Lab{ID: "demo", Title: labs.Text{"fr": "Les nœuds"},
				Steps: []*labs.Step{{ID: "one", Instructions: labs.Text{"fr": "Listez les nœuds."}}}}
			root := hs.m.(Model)
			root.SetLabSource(missingClusterLabs{lab})
			root.SetClusterSource(fakeCluster{ups: make(chan struct{}, 4), findings: tt.findings})
			hs.m = root
			hs.keys("down", "enter")
			hs.send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
			m, cmd := step(t, hs.m, tea.KeyPressMsg{Code: 'c', Text: "c"})
			m, cmd = step(t, m, cmd())
			m, _ = step(t, m, cmd())
			if tt.fail {
				m, _ = step(t, m, tuicluster.DoneMsg{Outcome: kcluster.Outcome(0), Err: errTest})
			}
			scr := m.View().Content
			if !strings.Contains(scr, "revenir au TP") || strings.Contains(scr, "accueil") {
				t.Fatalf("the end of the creation does not offer to go back to the lab:\n%s", scr)
			}
			m, _ = step(t, m, tea.KeyPressMsg{Code: tea.KeyEnter})
			if got := m.(Model); got.screen != ScreenLab || !got.hasLab {
				t.Fatalf("enter went to screen %v (lab kept: %v), want the lab", got.screen, got.hasLab)
			}
			if scr := m.View().Content; !strings.Contains(scr, "Listez les nœuds") {
				t.Errorf("the lab screen does not show again:\n%s", scr)
			}
		})
	}
}

var errTest = errors.New("kind failed")

// The cluster screen at both sizes and in both languages, asked from a lab: the doctor's
// blocking finding with its fix, then the way back to the lab; nothing cut.
func TestClusterScreenGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			hs := newHarness(t, lang, size[0], size[1], common.OpenChapterMsg{}, nil)
			lab := &labs.Lab{ID: "demo", Title: labs.Text{"fr": "Les nœuds", "en": "The nodes"},
				Steps: []*labs.Step{{ID: "one", Instructions: labs.Text{"fr": "Listez les nœuds.", "en": "List the nodes."}}}}
			root := hs.m.(Model)
			root.SetLabSource(missingClusterLabs{lab})
			root.SetClusterSource(fakeCluster{ups: make(chan struct{}, 4), findings: []doctor.Finding{
				{ID: "runtime", Level: doctor.Blocking, Title: i18n.M("doctor.runtime.down", "Runtime", "docker"), Fix: i18n.M("doctor.runtime.down.fix", "Runtime", "docker")},
				{ID: "memory", Level: doctor.OK, Title: i18n.M("tui.home.key.cluster")},
			}})
			hs.m = root
			hs.keys("down", "enter")
			hs.send(tea.KeyPressMsg{Code: 'o', Mod: tea.ModCtrl})
			hs.keys("c")
			scr := trimRight(hs.screen())
			for _, l := range strings.Split(scr, "\n") {
				if strings.HasSuffix(strings.TrimSpace(l), "…") {
					t.Errorf("%s %v: a line is cut: %q", lang, size, l)
				}
			}
			golden(t, fmt.Sprintf("cluster-%s-%dx%d.golden", lang, size[0], size[1]), scr)
		}
	}
}
