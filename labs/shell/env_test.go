package shell

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

func TestRCOrder(t *testing.T) {
	rc := Env{Dir: "/d", Kubeconfig: "/s/it's/kubeconfig", UserRC: "/h/.bashrc"}.RC()
	user := strings.Index(rc, "/h/.bashrc")
	kc := strings.Index(rc, `export KUBECONFIG='/s/it'\''s/kubeconfig'`)
	rec := strings.Index(rc, "__kubetutor_record")
	ps1 := strings.Index(rc, "PS1=")
	if user < 0 || kc < 0 || rec < 0 || ps1 < 0 || !(user < kc && kc < rec && rec < ps1) {
		t.Errorf("rc misses a part or has them out of order:\n%s", rc)
	}
	if strings.Contains(Env{Dir: "/d"}.RC(), ".bashrc") {
		t.Error("rc sources a user rc file when none is given")
	}
}

// ptyBash runs the lab shell in a pty and collects its output.
type ptyBash struct {
	ptmx *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	cmd  *exec.Cmd
}

func startShell(t *testing.T, env Env, extra ...string) *ptyBash {
	t.Helper()
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	cmd, err := env.Command()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(cmd.Env, extra...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 30})
	if err != nil {
		t.Fatal(err)
	}
	b := &ptyBash{ptmx: ptmx, cmd: cmd}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			b.mu.Lock()
			b.out.Write(buf[:n])
			b.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = ptmx.Close()
		_, _ = cmd.Process.Wait()
	})
	return b
}

func (b *ptyBash) output() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.out.String()
}

func (b *ptyBash) wait(t *testing.T, what string, cond func(string) bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond(b.output()) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s; output:\n%s", what, b.output())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestLabShellRecordsCommands(t *testing.T) {
	home := t.TempDir()
	// The student's rc: sourced, but it cannot point the lab shell at their own cluster.
	userRC := filepath.Join(home, ".bashrc")
	os.WriteFile(userRC, []byte("export FROM_USER_RC=yes\nexport KUBECONFIG=$HOME/.kube/config\n"), 0o644)
	env := Env{Dir: filepath.Join(home, "state", "shell"), Kubeconfig: filepath.Join(home, "state", "clusters", "kubetutor", "kubeconfig"), UserRC: userRC}
	sh := startShell(t, env, "HOME="+home)
	sh.wait(t, "the lab prompt", func(s string) bool { return strings.Contains(s, "[kubetutor]") })

	io.WriteString(sh.ptmx, "echo \"rc=$FROM_USER_RC kc=$KUBECONFIG\"\r")
	sh.wait(t, "the echo", func(s string) bool { return strings.Contains(s, "rc=yes kc=") })
	if !strings.Contains(sh.output(), "kc="+env.Kubeconfig) {
		t.Errorf("KUBECONFIG is not the tutor's:\n%s", sh.output())
	}
	io.WriteString(sh.ptmx, "k get nodes -o wide | true\r")
	io.WriteString(sh.ptmx, "false\r")

	var recs []Record
	deadline := time.Now().Add(20 * time.Second)
	for len(recs) < 3 && time.Now().Before(deadline) {
		recs, _ = Read(HistoryFile(env.Dir), time.Time{})
		time.Sleep(20 * time.Millisecond)
	}
	if len(recs) != 3 {
		t.Fatalf("history has %d records, want 3: %+v\noutput:\n%s", len(recs), recs, sh.output())
	}
	if recs[0].Line != `echo "rc=$FROM_USER_RC kc=$KUBECONFIG"` {
		t.Errorf("first record line = %q", recs[0].Line)
	}
	if got := recs[1].Commands(); len(got) != 2 || strings.Join(got[0], " ") != "kubectl get nodes -o wide" {
		t.Errorf("second record commands = %q", got)
	}
	if recs[2].Line != "false" || recs[2].Exit != 1 {
		t.Errorf("third record = %+v, want false with exit 1", recs[2])
	}
	if _, err := os.Stat(filepath.Join(home, ".bash_history")); err == nil {
		t.Error("the lab shell wrote the student's own bash history")
	}
}
