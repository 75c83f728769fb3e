package shell

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRelayClock feeds the relay the markers a shell sends, on a fake clock: a record is
// timed from its start marker, one without a start has no duration, the last of several
// starts (an empty line sends one) counts, and bad lines are dropped.
func TestRelayClock(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "shell", HistoryFileName)
	t0 := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	clock := []time.Duration{0, 100 * time.Millisecond, 1600 * time.Millisecond, 2 * time.Second,
		3 * time.Second, 4 * time.Second, 4*time.Second + 250*time.Millisecond, 5 * time.Second, 6 * time.Second}
	i := 0
	now := func() time.Time { d := clock[i]; i++; return t0.Add(d) }
	hellos := 0
	in := strings.Join([]string{
		"H",
		"S",
		`R {"time":"2026-12-01T09:59:59Z","line":"curl -m 2 web","cwd":"/root","exit":28,"ms":0}`,
		`R {"time":"2026-12-01T09:59:59Z","line":"no start","exit":0}`,
		"S", // an empty line: a start without a record
		"S",
		`R {"line":"kubectl get pods","exit":0}`,
		"R {not json",
		"X unknown",
	}, "\n") + "\nR {\"line\":\"cut short\""
	relayClock(strings.NewReader(in), hist, now, func() { hellos++ })
	if hellos != 1 {
		t.Errorf("hello called %d times", hellos)
	}
	recs, err := Read(hist, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("got %d records, want 3: %+v", len(recs), recs)
	}
	want := []struct {
		line string
		ms   int64
		at   time.Duration
	}{{"curl -m 2 web", 1500, 1600 * time.Millisecond}, {"no start", 0, 2 * time.Second}, {"kubectl get pods", 250, 4*time.Second + 250*time.Millisecond}}
	for k, w := range want {
		if recs[k].Line != w.line || recs[k].Ms != w.ms || !recs[k].Time.Equal(t0.Add(w.at)) {
			t.Errorf("record %d = %+v, want %s, %d ms, at %s", k, recs[k], w.line, w.ms, t0.Add(w.at))
		}
	}
	if recs[0].Exit != 28 || recs[0].Cwd != "/root" {
		t.Errorf("record 0 lost its fields: %+v", recs[0])
	}
}

// TestLabShellDurations runs the lab shell as the tutor does (Env.Command, its pipe
// included) with this machine's bash 5, and with a bash that lacks EPOCHREALTIME and
// printf %(…)T as macOS's bash 3.2 does (its student rc unsets EPOCHREALTIME, which then
// loses its meaning, and replaces printf): in both, a one-second command is recorded
// as lasting at least the 500 ms the netpol lab's refusal step asks for, and each command
// once.
func TestLabShellDurations(t *testing.T) {
	t.Run("bash 5", func(t *testing.T) { testLabShellDurations(t, "") })
	t.Run("bash 3.2 without EPOCHREALTIME", func(t *testing.T) {
		testLabShellDurations(t, "unset EPOCHREALTIME\n"+bash32Printf)
	})
}

func testLabShellDurations(t *testing.T, userRC string) {
	dir := t.TempDir()
	env := Env{Dir: filepath.Join(dir, "shell"), Kubeconfig: filepath.Join(dir, "kubeconfig")}
	if userRC != "" {
		env.UserRC = filepath.Join(dir, "bashrc")
		if err := os.WriteFile(env.UserRC, []byte(userRC), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd, err := env.Command()
	if err != nil {
		t.Skipf("no lab shell: %v", err)
	}
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader("[[ -n $EPOCHREALTIME ]] && echo realtime || echo no-realtime\nsleep 1\n\nfalse\nk version --client 2>/dev/null | cat >/dev/null\nexit\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	want := "realtime"
	if userRC != "" {
		want = "no-realtime"
	}
	if !strings.Contains(string(out), want+"\n") {
		t.Fatalf("the shell did not run as wanted (%s):\n%s", want, out)
	}
	// The relay appends once the shell's pipe is closed: wait for the last record.
	var recs []Record
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if recs, err = Read(HistoryFile(env.Dir), time.Time{}); err != nil {
			t.Fatal(err)
		}
		if len(recs) >= 4 {
			break
		}
	}
	if len(recs) != 4 {
		t.Fatalf("got %d records, want 4: %+v", len(recs), recs)
	}
	if recs[1].Line != "sleep 1" || recs[1].Duration() < 500*time.Millisecond {
		t.Errorf("sleep 1 recorded as %+v (%s), want at least 500 ms", recs[1], recs[1].Duration())
	}
	if recs[2].Line != "false" || recs[2].Exit != 1 {
		t.Errorf("third record %+v", recs[2])
	}
	if got := recs[3].Commands(); len(got) != 2 || got[0][0] != "kubectl" {
		t.Errorf("fourth record commands %q", got)
	}
}
