package app

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/paths"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/tui/common"
	"kubetutor/tui/render"
	"kubetutor/workshop"
	"kubetutor/workshop/server"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serveHeadless runs « workshop serve --headless » on a free loopback port and returns
// the join line it printed.
func serveHeadless(t *testing.T, home string, extra ...string) (string, *syncBuffer) {
	t.Helper()
	line, out, _ := serveAt(t, home, "127.0.0.1:0")
	return line, out
}

// serveAt runs « workshop serve --headless » on listen and returns the join line it
// printed and a stop (also run at the end of the test; a stopped server can be served
// again at the same address).
func serveAt(t *testing.T, home, listen string) (string, *syncBuffer, func()) {
	t.Helper()
	out := &syncBuffer{}
	deps := &Deps{Tr: i18n.New(i18n.FR), In: strings.NewReader(""), Out: out, Err: out,
		Dirs: paths.Under(home), Log: slog.New(slog.DiscardHandler), Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	opts := &serveOptions{listen: listen, code: "K7MX4P", name: "Atelier K8s", labs: "inspect", headless: true}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, deps, opts) }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil {
				t.Errorf("serve: %v", err)
			}
		})
	}
	t.Cleanup(stop)
	re := regexp.MustCompile(`join (K7MX4P@127\.0\.0\.1:\d+)`)
	for range 200 {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], out, stop
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no join line in %q", out.String())
	return "", nil, nil
}

// runAs runs kubetutor with home as KUBETUTOR_HOME.
func runAs(t *testing.T, home string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("KUBETUTOR_HOME", home)
	t.Setenv("KUBETUTOR_LANG", "fr")
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestWorkshopServeSaysLoopback(t *testing.T) {
	_, out := serveHeadless(t, t.TempDir())
	for i := 0; i < 200 && !strings.Contains(out.String(), "▀"); i++ {
		time.Sleep(20 * time.Millisecond) // the QR code follows the join line
	}
	for _, want := range []string{"Écoute sur 127.0.0.1:", "boucle locale seulement", "Page du projecteur\u00a0: http://127.0.0.1:", "/board?key=", "█", "▀"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("serve output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestWorkshopJoinSendStatusLeave(t *testing.T) {
	teacher, student := t.TempDir(), t.TempDir()
	line, logOut := serveHeadless(t, teacher)

	code, _, errOut := runAs(t, student, "workshop", "join", strings.Replace(line, "K7MX4P", "AAAAAA", 1), "--name", "Ada L.")
	if code != i18n.ExitUsage || !strings.Contains(errOut, "code d’événement refusé") {
		t.Fatalf("wrong code: exit %d %q", code, errOut)
	}
	code, _, errOut = runAs(t, student, "workshop", "join", "K7MX4P@127.0.0.1:1", "--name", "Ada L.")
	if code != i18n.ExitFailure || !strings.Contains(errOut, "ne répond pas") {
		t.Fatalf("unreachable: exit %d %q", code, errOut)
	}
	code, _, errOut = runAs(t, student, "workshop", "join", "pas-une-ligne", "--name", "Ada L.")
	if code != i18n.ExitUsage || !strings.Contains(errOut, "n’est pas une ligne d’atelier") {
		t.Fatalf("bad line: exit %d %q", code, errOut)
	}
	code, out, errOut := runAs(t, student, "workshop", "join", line, "--name", "Ada L.")
	if code != 0 || !strings.Contains(out, "Vous avez rejoint «\u00a0Atelier K8s\u00a0» sous le nom «\u00a0Ada L.\u00a0»") {
		t.Fatalf("join: exit %d\n%s\n%s", code, out, errOut)
	}

	// A lab step evaluated in a process of the seated student reaches the board, with
	// the reason in the student's language.
	deps := &Deps{Tr: i18n.New(i18n.FR), Dirs: paths.Under(student), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv}
	link := startSeat(deps, []string{"lab", "check"})
	if link == nil || link.Event() != "Atelier K8s" {
		t.Fatal("no link for a seated student")
	}
	store, err := progress.Open(deps.Dirs.ProgressFile())
	if err != nil {
		t.Fatal(err)
	}
	lab, err := labs.Load(assets.FS, "inspect")
	if err != nil {
		t.Fatal(err)
	}
	r := labs.NewRunner(lab, &checks.Env{Kube: fake.NewSimpleClientset(), Now: time.Now}, store, nil)
	// The first step whose check runs on an empty cluster (no shell history needed).
	var ev labs.Event
	var step *labs.Step
	for _, st := range lab.Steps {
		if ev = r.Evaluate(context.Background(), st); ev.Err == nil {
			step = st
			break
		}
	}
	if step == nil {
		t.Fatal("no step of inspect runs on an empty cluster")
	}
	want := deps.Tr.Msg(ev.Result.Reason)
	if want == ev.Result.Reason.String() {
		t.Fatalf("reason %q reads the same in both languages: the test proves nothing", want)
	}
	link.stop()
	if n, _ := link.client.Queue().Len(); n != 0 {
		t.Fatalf("%d events still queued after the process ended", n)
	}

	db, err := server.Open(ClassDB(paths.Under(teacher).State))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snap, err := db.Snapshot(time.Now())
	if err != nil || len(snap.Students) != 1 {
		t.Fatalf("snapshot %+v %v", snap, err)
	}
	cell := snap.Students[0].Cells["inspect/"+step.ID]
	if n, _ := link.client.Queue().Refused(); n != 0 {
		t.Errorf("%d events refused", n)
	}
	if cell.Status == "" || cell.Reason != want {
		t.Logf("students: %+v", snap.Students)
		seats, events, _ := db.Stats()
		seq, _ := link.client.Queue().Seq()
		t.Logf("seats %d events %d client seq %d", seats, events, seq)
		t.Fatalf("cell %+v, want the reason %q", cell, want)
	}
	if !strings.Contains(logOut.String(), "Ada L. ") {
		t.Errorf("headless log lacks the student's event:\n%s", logOut.String())
	}

	code, out, _ = runAs(t, student, "workshop", "status")
	if code != 0 || !strings.Contains(out, "vous êtes «\u00a0Ada L.\u00a0»") || !strings.Contains(out, "Jamais\u00a0: le contenu du terminal") {
		t.Fatalf("status: %d\n%s", code, out)
	}
	code, out, _ = runAs(t, student, "workshop", "leave")
	if code != 0 || !strings.Contains(out, "Vous avez quitté") {
		t.Fatalf("leave: %d %s", code, out)
	}
	if code, out, _ = runAs(t, student, "workshop", "status"); !strings.Contains(out, "aucune classe") {
		t.Fatalf("status after leave: %d %s", code, out)
	}
}

func TestWorkshopExportImport(t *testing.T) {
	teacher, student := t.TempDir(), t.TempDir()
	if code, _, errOut := runAs(t, teacher, "workshop", "export"); code != i18n.ExitUsage || !strings.Contains(errOut, "aucune classe") {
		t.Fatalf("export without a class: %d %s", code, errOut)
	}
	serveHeadless(t, teacher)
	// A student whose Wi-Fi isolated them exports their progress on a USB key.
	st, _ := progress.Open(paths.Under(student).ProgressFile())
	st.Update(func(d *progress.Document) error {
		d.Lab("inspect").Step("nodes").Status = "passed"
		d.Chapter("00").MarkRead("00-01-intro", time.Now())
		return nil
	})
	code, exported, _ := runAs(t, student, "progress", "--json")
	if code != 0 {
		t.Fatal("progress --json failed")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "ada.json")
	os.WriteFile(file, []byte(exported), 0o600)
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"not":"progress"}`), 0o600)

	if code, _, errOut := runAs(t, teacher, "workshop", "import", file, bad); code != i18n.ExitUsage || !strings.Contains(errOut, "n’est pas un export") {
		t.Fatalf("bad file: %d %s", code, errOut)
	}
	code, out, errOut := runAs(t, teacher, "workshop", "import", file)
	if code != 0 || !strings.Contains(out, "nouvel étudiant «\u00a0ada\u00a0»") {
		t.Fatalf("import: %d %s %s", code, out, errOut)
	}
	if _, out, _ = runAs(t, teacher, "workshop", "import", file); !strings.Contains(out, "fusionné dans «\u00a0ada\u00a0»") {
		t.Fatalf("second import: %s", out)
	}
	code, out, _ = runAs(t, teacher, "workshop", "export", "--json")
	var snap struct {
		Students []struct {
			Name  string
			Cells map[string]struct{ Status string }
		}
	}
	if code != 0 || json.Unmarshal([]byte(out), &snap) != nil || len(snap.Students) != 1 || snap.Students[0].Cells["inspect/nodes"].Status != "passed" {
		t.Fatalf("export --json: %d %s", code, out)
	}
	if _, out, _ = runAs(t, teacher, "workshop", "export", "--csv"); !strings.Contains(out, "ada,inspect/nodes,passed") {
		t.Fatalf("export --csv: %s", out)
	}
	if _, out, _ = runAs(t, teacher, "workshop", "export"); !strings.Contains(out, "ada\u00a0: 1 étape réussie") {
		t.Fatalf("export: %s", out)
	}
}

// testCommon is the screens' shared value as the TUI makes it, without a terminal.
func testCommon(tr *i18n.Translator) *common.Common {
	c := &common.Common{Tr: tr, Style: render.NoTTY, Log: slog.New(slog.DiscardHandler)}
	c.Keys = common.NewKeyMap(tr)
	c.Styles = common.NewStyles(c.Style)
	return c
}

// screen is a stand-in for the tutor's screens.
type screen struct{}

func (screen) Init() tea.Cmd                         { return nil }
func (s screen) Update(tea.Msg) (tea.Model, tea.Cmd) { return s, nil }
func (screen) View() tea.View {
	return tea.NewView(" kubetutor — Architecture de Kubernetes" + strings.Repeat("\n", 23))
}

func TestClassViewOnTheStudentsScreen(t *testing.T) {
	teacher, student := t.TempDir(), t.TempDir()
	line, _ := serveHeadless(t, teacher)
	if code, _, errOut := runAs(t, student, "workshop", "join", line, "--name", "Zoé"); code != 0 {
		t.Fatal(errOut)
	}
	deps := &Deps{Tr: i18n.New(i18n.FR), Dirs: paths.Under(student), Log: slog.New(slog.DiscardHandler), Getenv: os.Getenv}
	link := startSeat(deps, nil)
	var m tea.Model = newClassView(screen{}, &classLink{link: link}, deps, testCommon(deps.Tr))
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyF9})
	if cmd != nil {
		cmd()
	}
	cv := m.(classView)
	cv.state = workshop.State{Banner: "Pause à 10 h 30", LockedSolutions: []string{"etcd"}, Countdown: time.Now().Add(14*time.Minute + 30*time.Second), LookUp: time.Now().Add(time.Minute)}
	out := ansi.Strip(cv.View().Content)
	for _, want := range []string{"connecté à «\u00a0Atelier K8s\u00a0»", "main levée", "reste 15\u00a0min", "«\u00a0Pause à 10 h 30\u00a0»", "Regardez l’écran du formateur"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	for i, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d wide", i+1, w)
		}
	}
	link.stop()
	db, err := server.Open(ClassDB(paths.Under(teacher).State))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snap, _ := db.Snapshot(time.Now())
	if len(snap.Students) != 1 || !snap.Students[0].Hand {
		t.Fatalf("the raised hand did not reach the board: %+v", snap.Students)
	}
}

func TestWorkshopServeTLS(t *testing.T) {
	teacher, student := t.TempDir(), t.TempDir()
	out := &syncBuffer{}
	deps := &Deps{Tr: i18n.New(i18n.FR), In: strings.NewReader(""), Out: out, Err: out,
		Dirs: paths.Under(teacher), Log: slog.New(slog.DiscardHandler), Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, deps, &serveOptions{listen: "127.0.0.1:0", code: "K7MX4P", labs: "inspect", headless: true, tls: true})
	}()
	defer func() { cancel(); <-done }()
	re := regexp.MustCompile(`join (K7MX4P@127\.0\.0\.1:\d+#[0-9a-f]{64})`)
	var line string
	for range 200 {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			line = m[1]
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if line == "" || !strings.Contains(out.String(), "https://127.0.0.1:") {
		t.Fatalf("no TLS join line:\n%s", out.String())
	}
	if code, _, errOut := runAs(t, student, "workshop", "join", line[:strings.Index(line, "#")+1]+strings.Repeat("a", 64), "--name", "Io"); code != i18n.ExitFailure || !strings.Contains(errOut, "ne présente pas le certificat") {
		t.Fatalf("wrong fingerprint: %d %s", code, errOut)
	}
	if code, out, errOut := runAs(t, student, "workshop", "join", line, "--name", "Io"); code != 0 {
		t.Fatalf("TLS join: %d %s %s", code, out, errOut)
	}
}
