package bench

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"kubetutor/tui/term"
)

// The lab shell's speed, measured against a plain tmux pane in the same run: both are
// windows of 120x40 cells on one private tmux server; the kubetutor one runs
// `kubetutor lab open LAB` (no cluster needed: the screen and its shell run), the plain
// one runs bash. Environment:
//   KUBETUTOR_BIN  the built kubetutor (make bench sets it)
//   LAB            the lab to open (default nodes-ready)
//   RUNS           runs of each throughput measure (default 3; the median is reported)
//   IDLE_SECONDS   length of the idle CPU measure (default 60)
//   BUDGET_MB      resident size budget of BenchmarkTermRSS (default 80)
//   SMAPS_OUT      where BenchmarkTermRSS saves the process's /proc/PID/smaps at the end (optional)

// labWindows starts the two windows and waits for both prompts.
type labWindows struct {
	srv         *tmuxServer
	pane, plain string // tmux targets
	panePID     int    // the kubetutor process
	dir         string
}

func startLabWindows(b *testing.B) *labWindows {
	b.Helper()
	bin := os.Getenv("KUBETUTOR_BIN")
	if bin == "" {
		b.Skip("KUBETUTOR_BIN is not set (make bench sets it)")
	}
	lab := os.Getenv("LAB")
	if lab == "" {
		lab = "nodes-ready"
	}
	w := &labWindows{srv: startTmux(b), dir: b.TempDir()}
	home := filepath.Join(w.dir, "home")
	// env execs kubetutor: the pane's pid is kubetutor's.
	w.pane, w.panePID = w.srv.newWindow("pane", fmt.Sprintf("env HOME=%s KUBETUTOR_HOME=%s KUBETUTOR_LANG=fr %s lab open %s",
		w.dir, home, bin, lab))
	w.plain, _ = w.srv.newWindow("plain", fmt.Sprintf("env HOME=%s PS1='[plain] $ ' bash --norc --noprofile -i", w.dir))
	w.srv.waitFor(w.pane, 50*time.Millisecond, 20*time.Second, func(s []string) bool { return contains(s, "[kubetutor]") })
	w.srv.waitFor(w.plain, 50*time.Millisecond, 20*time.Second, func(s []string) bool { return contains(s, "[plain]") })
	if b, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", w.panePID)); err != nil || !strings.Contains(string(b), "kubetutor") {
		w.srv.tb.Fatalf("pane pid %d is not kubetutor", w.panePID)
	}
	return w
}

// timed runs work in the shell of target, as `time (work)` followed by a marker, and
// returns the shell's own `time` (what the issue measured) and the time until the marker
// shows on the screen (every byte drawn).
func (w *labWindows) timed(target, work string) (shell, screen time.Duration) {
	s := w.srv
	s.send(target, "clear")
	s.key(target, "Enter")
	time.Sleep(300 * time.Millisecond)
	// fin$((6*7)) shows as fin42 only once echo ran, never in the typed command line.
	s.send(target, "TIMEFORMAT='temps %3R'; time ("+work+"); echo fin$((6*7))")
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	s.key(target, "Enter")
	sc, seen := s.waitFor(target, 5*time.Millisecond, 10*time.Minute, func(sc []string) bool {
		for _, l := range sc {
			if strings.Contains(l, "fin42") && !strings.Contains(l, "echo") {
				return true
			}
		}
		return false
	})
	for _, l := range sc {
		if i := strings.Index(l, "temps "); i >= 0 {
			if f, err := strconv.ParseFloat(strings.TrimSpace(strings.Fields(l[i+6:])[0]), 64); err == nil {
				shell = time.Duration(f * float64(time.Second))
			}
		}
	}
	return shell, seen.Sub(start)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p)
	return s[i]
}

func runs() int {
	if n, err := strconv.Atoi(os.Getenv("RUNS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// BenchmarkTermThroughput times `seq 1 1500000` (10.9 MB) and `cat` of a 5 MB
// kubectl-like YAML dump in the kubetutor pane and in the plain pane, alternately.
func BenchmarkTermThroughput(b *testing.B) {
	w := startLabWindows(b)
	yaml := filepath.Join(w.dir, "pods.yaml")
	if err := os.WriteFile(yaml, kubectlYAML(5<<20), 0o644); err != nil {
		b.Fatal(err)
	}
	works := []struct{ name, cmd string }{{"seq", "seq 1 1500000"}, {"yaml", "cat " + yaml}}
	for range b.N {
		for _, work := range works {
			var tmuxShell, tmuxScreen, paneShell, paneScreen, paneCPU []time.Duration
			for range runs() {
				sh, sc := w.timed(w.plain, work.cmd)
				tmuxShell, tmuxScreen = append(tmuxShell, sh), append(tmuxScreen, sc)
				before, _ := cpuTime(w.panePID)
				sh, sc = w.timed(w.pane, work.cmd)
				after, _ := cpuTime(w.panePID)
				paneShell, paneScreen, paneCPU = append(paneShell, sh), append(paneScreen, sc), append(paneCPU, after-before)
			}
			ts, tc, ps, pc := median(tmuxShell), median(tmuxScreen), median(paneShell), median(paneScreen)
			b.Logf("%-4s  shell time: tmux %6.3f s  pane %6.3f s  ratio %5.2f | until drawn: tmux %6.3f s  pane %6.3f s  ratio %5.2f | kubetutor CPU %6.3f s",
				work.name, ts.Seconds(), ps.Seconds(), ps.Seconds()/ts.Seconds(), tc.Seconds(), pc.Seconds(),
				pc.Seconds()/tc.Seconds(), median(paneCPU).Seconds())
			b.ReportMetric(ts.Seconds(), "s-tmux-"+work.name)
			b.ReportMetric(ps.Seconds(), "s-pane-"+work.name)
			b.ReportMetric(ps.Seconds()/ts.Seconds(), "ratio-"+work.name)
			b.ReportMetric(pc.Seconds()/tc.Seconds(), "ratio-drawn-"+work.name)
		}
	}
}

// BenchmarkTermKeyEcho types 38 letters one by one in each pane and times each from
// send-keys to the letter on the screen (capture-pane polling every millisecond
// included, the same for both).
func BenchmarkTermKeyEcho(b *testing.B) {
	w := startLabWindows(b)
	const text = "kubectlgetpodsnamespacekubesystemowide" // fits on the prompt line of both
	measure := func(target string) []time.Duration {
		s := w.srv
		s.key(target, "C-u")
		time.Sleep(300 * time.Millisecond)
		var lat []time.Duration
		for i := range len(text) {
			want := text[:i+1]
			start := time.Now()
			s.send(target, text[i:i+1])
			_, seen := s.waitFor(target, time.Millisecond, 10*time.Second, func(sc []string) bool { return contains(sc, want) })
			lat = append(lat, seen.Sub(start))
			time.Sleep(20 * time.Millisecond) // a fast typist: 50 keys a second
		}
		s.key(target, "C-u")
		return lat[2:] // the first keys warm up
	}
	for range b.N {
		var tmux, pane []time.Duration
		for range 2 {
			tmux = append(tmux, measure(w.plain)...)
			pane = append(pane, measure(w.pane)...)
		}
		ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
		b.Logf("key to echo (ms): tmux median %.1f p95 %.1f | pane median %.1f p95 %.1f | pane beyond tmux: median %.1f p95 %.1f",
			ms(median(tmux)), ms(percentile(tmux, .95)), ms(median(pane)), ms(percentile(pane, .95)),
			ms(median(pane)-median(tmux)), ms(percentile(pane, .95)-percentile(tmux, .95)))
		b.ReportMetric(ms(median(tmux)), "ms-tmux-p50")
		b.ReportMetric(ms(percentile(tmux, .95)), "ms-tmux-p95")
		b.ReportMetric(ms(median(pane)), "ms-pane-p50")
		b.ReportMetric(ms(percentile(pane, .95)), "ms-pane-p95")
	}
}

// BenchmarkTermIdle measures the CPU time the kubetutor process uses with the lab
// screen open and nothing happening, over IDLE_SECONDS (default 60), and in the same
// seconds that of bench/idletea, a static Bubble Tea program with the same renderer
// settings: the cost of Bubble Tea's fixed frame ticker (v2.1.1 flushes on it whether
// a frame changed or not), and of the same program behind the ticker.Gate the TUI
// uses (what is left of it).
func BenchmarkTermIdle(b *testing.B) {
	secs := 60
	if n, err := strconv.Atoi(os.Getenv("IDLE_SECONDS")); err == nil && n > 0 {
		secs = n
	}
	w := startLabWindows(b)
	bare := filepath.Join(w.dir, "idletea")
	if out, err := exec.Command("go", "build", "-o", bare, "kubetutor/bench/idletea").CombinedOutput(); err != nil {
		b.Fatalf("building bench/idletea: %v %s", err, out)
	}
	bareTarget, barePID := w.srv.newWindow("bare", bare)
	w.srv.waitFor(bareTarget, 50*time.Millisecond, 20*time.Second, func(s []string) bool { return contains(s, "[idletea]") })
	gatedTarget, gatedPID := w.srv.newWindow("gated", bare+" -gate")
	w.srv.waitFor(gatedTarget, 50*time.Millisecond, 20*time.Second, func(s []string) bool { return contains(s, "[idletea]") })
	time.Sleep(2 * time.Second) // the first frames and the prompt settle
	for range b.N {
		before, ok := cpuTime(w.panePID)
		bareBefore, _ := cpuTime(barePID)
		gatedBefore, _ := cpuTime(gatedPID)
		if !ok {
			b.Skip("no /proc")
		}
		runBefore, _ := runTime(w.panePID)
		time.Sleep(time.Duration(secs) * time.Second)
		after, _ := cpuTime(w.panePID)
		bareAfter, _ := cpuTime(barePID)
		gatedAfter, _ := cpuTime(gatedPID)
		runAfter, _ := runTime(w.panePID)
		cpu, floor, gated := after-before, bareAfter-bareBefore, gatedAfter-gatedBefore
		ran := runAfter - runBefore
		b.Logf("kubetutor idle on the lab screen: %d ms of CPU in %d s (%.2f %% of a core; on a CPU %.1f ms by schedstat); a static Bubble Tea program at %d fps: %d ms, behind ticker.Gate: %d ms",
			cpu.Milliseconds(), secs, 100*cpu.Seconds()/float64(secs), float64(ran.Microseconds())/1000,
			term.RendererFPS, floor.Milliseconds(), gated.Milliseconds())
		b.ReportMetric(float64(ran.Microseconds())/1000, "ms-run-idle")
		b.ReportMetric(float64(cpu.Milliseconds()), "ms-cpu-idle")
		b.ReportMetric(float64(floor.Milliseconds()), "ms-cpu-idle-bubbletea")
		b.ReportMetric(float64(gated.Milliseconds()), "ms-cpu-idle-bubbletea-gated")
	}
}

// BenchmarkTermRSS reads the resident size of kubetutor 1 s after 100,000 lines of
// output in its shell (seq, then as many lines of YAML), and fails over BUDGET_MB; and
// again 3 s later, when the screen is quiet. Each with its anonymous part (the Go heap,
// stacks) and its file part (the binary's pages mapped).
func BenchmarkTermRSS(b *testing.B) {
	budget := 80
	if n, err := strconv.Atoi(os.Getenv("BUDGET_MB")); err == nil && n > 0 {
		budget = n
	}
	w := startLabWindows(b)
	yaml := filepath.Join(w.dir, "lines.yaml")
	data := kubectlYAML(8 << 20)
	if lines := strings.SplitAfterN(string(data), "\n", 100001); len(lines) > 100000 {
		data = []byte(strings.Join(lines[:100000], ""))
	}
	if err := os.WriteFile(yaml, data, 0o644); err != nil {
		b.Fatal(err)
	}
	for range b.N {
		w.timed(w.pane, "seq 1 100000")
		w.timed(w.pane, "cat "+yaml)
		time.Sleep(time.Second)
		m := rssKB(w.panePID)
		b.Logf("kubetutor 1 s after 100,000 lines of seq and 100,000 lines of YAML: VmRSS %d MB (anonymous %d MB, file %d MB), VmHWM %d MB (budget %d MB)",
			m.rss/1024, m.anon/1024, m.file/1024, m.hwm/1024, budget)
		// And once the screen is quiet: what stays resident while the student reads.
		time.Sleep(3 * time.Second)
		q := rssKB(w.panePID)
		b.Logf("kubetutor 4 s after: VmRSS %d MB (anonymous %d MB, file %d MB)", q.rss/1024, q.anon/1024, q.file/1024)
		if out := os.Getenv("SMAPS_OUT"); out != "" {
			if s, err := os.ReadFile(fmt.Sprintf("/proc/%d/smaps", w.panePID)); err == nil {
				_ = os.WriteFile(out, s, 0o644)
			}
		}
		b.ReportMetric(float64(m.rss)/1024, "MB-rss")
		b.ReportMetric(float64(m.anon)/1024, "MB-anon")
		b.ReportMetric(float64(m.file)/1024, "MB-file")
		b.ReportMetric(float64(m.hwm)/1024, "MB-hwm")
		b.ReportMetric(float64(q.rss)/1024, "MB-rss-quiet")
		b.ReportMetric(float64(q.anon)/1024, "MB-anon-quiet")
		b.ReportMetric(float64(q.file)/1024, "MB-file-quiet")
		if m.rss/1024 > budget {
			b.Fatalf("resident size %d MB over the budget of %d MB", m.rss/1024, budget)
		}
	}
}
