package archmap

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/assets"
	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
	mt "kubetutor/internal/mapstate/mapstatetest"
	"kubetutor/lessons"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
)

// liveModel returns a map screen on a fake cluster of two workers, once it has listed
// everything.
func liveModel(t *testing.T, w, h int) (Model, *fake.Clientset) {
	t.Helper()
	course, err := lessons.Load(assets.FS, "")
	if err != nil {
		t.Fatal(err)
	}
	tr := i18n.New(i18n.FR)
	c := &common.Common{Width: w, Height: h, Style: render.NoTTY, Styles: common.NewStyles(render.NoTTY),
		Tr: tr, Keys: common.NewKeyMap(tr), Log: slog.New(slog.DiscardHandler), Course: course}
	now := time.Now()
	objs := mt.Cluster{Workers: 2, Pods: 4, At: now}.Objects()
	objs = append(objs, &corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "etcd.1", Namespace: "kube-system"},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "kube-system", Name: "etcd-kubetutor-control-plane"},
		Type:           "Normal", Reason: "Started", Message: "Started container etcd",
		LastTimestamp: metav1.Time{Time: now.Add(-3 * time.Second)},
	})
	client := fake.NewClientset(objs...)
	probe := func(context.Context) ([]mapstate.Check, error) { return mt.HealthyReadyz(), nil }
	m := New(c, Config{
		Cluster: "kubetutor",
		Watch: func(ctx context.Context) *mapstate.Watcher {
			return mapstate.Watch(ctx, client, mapstate.Options{Namespaces: []string{mt.LabNamespace}, Probe: probe})
		},
		Events: func(ctx context.Context, kind, ns, name string) ([]mapstate.Event, error) {
			return mapstate.LastEvents(ctx, client, kind, ns, name, 5)
		},
	})
	m.Init()
	t.Cleanup(m.Close)
	deadline := time.Now().Add(10 * time.Second)
	for {
		m, _ = m.Update(tickMsg{m.gen})
		s := m.State()
		if s.Synced && s.API.Known && len(s.Nodes) == 3 {
			return m, client
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fake cluster was never listed: %+v", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func press(m Model, keys ...string) (Model, tea.Cmd) {
	var cmd tea.Cmd
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "tab":
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		default:
			msg = tea.KeyPressMsg{Code: rune(k[0]), Text: k}
		}
		m, cmd = m.Update(msg)
	}
	return m, cmd
}

// find returns a cell of box id in the frame.
func find(t *testing.T, f Frame, id string, w, h int) (int, int) {
	t.Helper()
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if f.Hit(x, y) == id {
				return x, y
			}
		}
	}
	t.Fatalf("no box %s on the frame", id)
	return 0, 0
}

func TestMapScreenKeysSelectAndOpenDetails(t *testing.T) {
	m, _ := liveModel(t, 120, 40)
	m, _ = press(m, "tab", "tab") // kubectl, then kube-apiserver
	if m.selected != ComponentID(mapstate.APIServer) {
		t.Fatalf("selected %q after two tabs", m.selected)
	}
	m, _ = press(m, "tab") // etcd
	m, cmd := press(m, "enter")
	if !m.detail || cmd == nil {
		t.Fatalf("enter: detail=%v cmd=%v", m.detail, cmd)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "lecture des événements") {
		t.Errorf("details while the events load:\n%s", v)
	}
	m, _ = m.Update(cmd())
	v := ansi.Strip(m.View())
	for _, want := range []string{"Pod\u00a0: kube-system/etcd-kubetutor-control-plane", "Image\u00a0: etcd:3.7.3-0",
		"État\u00a0: ● prêt", "Redémarrages\u00a0: 0", "Started container etcd", "↵ lire § 2.2 du chapitre", "Vérifications /readyz"} {
		if !strings.Contains(v, want) {
			t.Errorf("details lack %q:\n%s", want, v)
		}
	}
	// r (or enter again) opens the reader on etcd's section.
	_, cmd = press(m, "r")
	if msg, ok := cmd().(common.OpenChapterMsg); !ok || msg.Chapter != "00" || msg.Section != "00-02-02-etcd" {
		t.Errorf("r sent %#v, want the reader on 00-02-02-etcd", cmd())
	}
	// esc closes the details, then leaves the map.
	m, _ = press(m, "esc")
	if m.detail {
		t.Error("esc left the details open")
	}
	_, cmd = press(m, "esc")
	if _, ok := cmd().(common.BackMsg); !ok {
		t.Errorf("esc without details sent %#v, want BackMsg", cmd())
	}
}

func TestMapScreenMouseSelectsABox(t *testing.T) {
	m, _ := liveModel(t, 120, 40)
	x, y := find(t, m.draw(), NodeComponentID("kubetutor-worker2", mapstate.Kubelet), 120, 40)
	m, cmd := m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	if m.selected != NodeComponentID("kubetutor-worker2", mapstate.Kubelet) || !m.detail {
		t.Fatalf("click at %d,%d selected %q (detail %v)", x, y, m.selected, m.detail)
	}
	if cmd == nil {
		t.Fatal("no command to read the node's events")
	}
	m, _ = m.Update(cmd())
	v := ansi.Strip(m.View())
	for _, want := range []string{"Nœud\u00a0: kubetutor-worker2", "Dernier battement", "aucun événement récent", "lire § 3 du chapitre",
		"Délai de grâce\u00a0: 20 s (--node-monitor-grace-period)"} {
		if !strings.Contains(v, want) {
			t.Errorf("kubelet details lack %q:\n%s", want, v)
		}
	}
	// A pod cell is a box too.
	pods := m.State().Node("kubetutor-worker").Pods
	x, y = find(t, m.draw(), PodID(pods[0]), 120, 40)
	m, _ = m.Update(tea.MouseClickMsg{X: x, Y: y, Button: tea.MouseLeft})
	if v := ansi.Strip(m.View()); !strings.Contains(v, "Pod\u00a0: "+pods[0].Key()) || !strings.Contains(v, "Image\u00a0: nginx:1.27") {
		t.Errorf("pod details:\n%s", v)
	}
	// A click on nothing closes the details.
	m, _ = m.Update(tea.MouseClickMsg{X: 1, Y: 38, Button: tea.MouseLeft})
	if m.detail {
		t.Error("a click outside the boxes left the details open")
	}
}

func TestMapScreenFollowsTheCluster(t *testing.T) {
	m, client := liveModel(t, 80, 24)
	ctx := context.Background()
	n := mt.Node("kubetutor-worker", false, corev1.ConditionFalse)
	if _, err := client.CoreV1().Nodes().Update(ctx, n, metav1.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(ansi.Strip(m.View()), "✗ kubetutor-worker NotReady") {
		if time.Now().After(deadline) {
			t.Fatalf("the NotReady node never showed:\n%s", ansi.Strip(m.View()))
		}
		// The change arrives as the watcher's notification, as in the program.
		m, _ = m.Update(m.waitChange()())
	}
}

func TestMapScreenGoldens(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{80, 24}, {120, 40}} {
		m, _ := liveModel(t, sz.w, sz.h)
		m.state = healthy(2, 6) // a fixed state for the golden
		m, _ = press(m, "tab", "tab", "tab")
		m, _ = m.Update(eventsMsg{id: m.selected})
		m.detail = true
		golden(t, "screen-etcd-fr-"+itoa(sz.w)+"x"+itoa(sz.h), ansi.Strip(m.View())+"\n")
	}
}

func TestMapScreenHelpFitsTheWindow(t *testing.T) {
	m, _ := liveModel(t, 80, 24)
	m, _ = press(m, "?")
	v := ansi.Strip(m.View())
	if lines := strings.Split(v, "\n"); len(lines) > 24 {
		t.Errorf("%d lines with the full help at 80x24", len(lines))
	}
	for _, want := range []string{"boîte précédente", "lire la section", "quitter"} {
		if !strings.Contains(v, want) {
			t.Errorf("the full help lacks %q:\n%s", want, v)
		}
	}
	m, _ = press(m, "esc")
	if m.help.ShowAll {
		t.Error("esc left the full help open")
	}
}

// TestDetailEventsWrap: a long event message is wrapped in the details, whole, not cut
// at the box's edge; only a message beyond three lines ends on « … ».
func TestDetailEventsWrap(t *testing.T) {
	msg := "Node kubetutor-worker status is now: NodeNotReady because the kubelet stopped posting node status"
	lines := eventLines("3 s NodeNotReady "+msg, 51)
	if len(lines) < 2 || len(lines) > maxEventLines {
		t.Fatalf("%d lines: %q", len(lines), lines)
	}
	joined := ""
	for _, l := range lines {
		if ansi.StringWidth(l) > 51 {
			t.Errorf("line wider than 51: %q", l)
		}
		joined += " " + strings.TrimSpace(l)
	}
	if !strings.Contains(joined, "stopped posting node status") || strings.Contains(joined, "…") {
		t.Errorf("the message is not whole: %q", joined)
	}
	long := eventLines(strings.Repeat("word ", 60), 51)
	if len(long) != maxEventLines || !strings.HasSuffix(long[len(long)-1], "…") {
		t.Errorf("a message beyond three lines: %q", long)
	}
}
