package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"k8s.io/client-go/tools/clientcmd"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/internal/paths"
	"kubetutor/internal/progress"
	"kubetutor/labs"
	"kubetutor/labs/cluster"
	"kubetutor/labs/shell"
)

// kindLabs is the cluster the lab tests share: a lab cluster made by labs/cluster, named
// labsCluster and not kubetutor (the labs take their node names from the cluster they run
// on), a bin directory with kubectl and kubetutor, and the kubeconfig.
type kindLabs struct {
	m      *cluster.Manager
	home   string // KUBETUTOR_HOME of the tutor that owns the cluster
	binDir string
}

// TestIntegrationLabsOnKind runs the steps the test control plane cannot prove (see
// assets/labs/PROVEN.md, « e2e only ») on one real kind cluster made by labs/cluster with
// the node image: each step's check is not passed before its solution, and passes after
// the solution's lines run in a bash with the lab shell's history snippet, the real
// kubectl, kubetutor and docker (docker exec reaches the kind nodes).
func TestIntegrationLabsOnKind(t *testing.T) {
	image := os.Getenv("KUBETUTOR_E2E_IMAGE")
	if image == "" {
		t.Skip("KUBETUTOR_E2E_IMAGE is not set: run make e2e")
	}
	kubeBin := os.Getenv("KUBETUTOR_E2E_BINDIR")
	if _, err := os.Stat(filepath.Join(kubeBin, "kubectl")); err != nil {
		t.Skipf("no kubectl in KUBETUTOR_E2E_BINDIR (%q): run make e2e", kubeBin)
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skipf("no container engine answers docker info: %v", err)
	}
	binDir := t.TempDir()
	// Both binaries, side by side: the light kubetutor hands lab commands over to kubetutor-lab.
	if out, err := exec.Command("go", "build", "-o", binDir+string(filepath.Separator), "kubetutor/cmd/kubetutor", "kubetutor/cmd/kubetutor-lab").CombinedOutput(); err != nil {
		t.Fatalf("building kubetutor: %v\n%s", err, out)
	}
	if err := os.Symlink(filepath.Join(kubeBin, "kubectl"), filepath.Join(binDir, "kubectl")); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	m := cluster.New(cluster.WithName(labsCluster), cluster.WithDirs(paths.Under(home)))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	start := time.Now()
	upOwnCluster(t, ctx, m, cluster.UpOptions{Workers: 2, Image: image}, nil)
	t.Logf("TIMING labs cluster up (3 nodes, all Ready): %.1f s", time.Since(start).Seconds())
	k := &kindLabs{m: m, home: home, binDir: binDir}
	timed := func(name string, f func(t *testing.T, k *kindLabs)) {
		t.Run(name, func(t *testing.T) {
			s := time.Now()
			f(t, k)
			t.Logf("TIMING lab %s: %.1f s", name, time.Since(s).Seconds())
		})
	}
	timed("cluster", kindCluster)
	timed("inspect-tui", kindInspectTUI)
	timed("netpol", kindNetpol)
	timed("reset-then-open", kindResetThenOpen)
	// The node containers stopped and started again by cluster up: the labs after it run
	// on the restarted cluster.
	timed("restart", kindRestart)
	timed("metrics", kindMetrics)
	timed("hpa", kindHPA)
	timed("failure", kindFailure)
	timed("failure-map", kindFailureMap) // the same failure, seen on the live map
	// A wrong hostPath in etcd's manifest, then `kubetutor lab reset etcd`: the API
	// answers again, and the etcd lab below is done again from its start.
	timed("etcd-reset", kindEtcdReset)
	// Last: the restore takes the whole cluster back to the snapshot's time.
	timed("etcd", kindEtcd)
}

// kindRun is one lab being done on the kind cluster.
type kindRun struct {
	t      *testing.T
	k      *kindLabs
	lab    *labs.Lab
	runner *labs.Runner
	dir    string
	hist   string
	ctx    context.Context
}

// start loads lab id and runs its setup; the lab is reset when t ends.
func (k *kindLabs) start(t *testing.T, id string) *kindRun {
	t.Helper()
	lab, err := labs.Load(assets.FS, id)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := clientcmd.BuildConfigFromFlags("", k.m.KubeconfigPath())
	if err != nil {
		t.Fatal(err)
	}
	ce, err := checks.NewEnv(rc)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ce.Nodes = k.m.Nodes()
	ce.ShellHistory = shell.HistoryFile(filepath.Join(dir, "shell"))
	store, err := progress.Open(filepath.Join(dir, "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	t.Cleanup(cancel)
	r := &kindRun{t: t, k: k, lab: lab, runner: labs.NewRunner(lab, ce, store, nil), dir: dir, hist: ce.ShellHistory, ctx: ctx}
	if err := r.runner.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	// From here on the lab is the one bound to this cluster's nodes (e2e-autre-worker2…).
	r.lab = r.runner.Lab()
	r.noTutorNames()
	t.Cleanup(func() { _ = r.runner.Reset(context.Background(), nil) })
	return r
}

// noTutorNames fails when a solution or check of the bound lab still names a node of
// the tutor's cluster: on this cluster, that node does not exist.
func (r *kindRun) noTutorNames() {
	r.t.Helper()
	for _, s := range r.lab.Steps {
		text := strings.Join(s.Solution, "\n") + s.Instructions["fr"] + fmt.Sprintf("%+v", s.Check.Params)
		if strings.Contains(text, cluster.DefaultName+"-control-plane") || strings.Contains(text, cluster.DefaultName+"-worker") {
			r.t.Fatalf("lab %s step %s on cluster %s names the tutor's cluster's nodes:\n%s", r.lab.ID, s.ID, r.k.m.Name(), text)
		}
	}
}

func (r *kindRun) step(id string) *labs.Step {
	r.t.Helper()
	if s := r.lab.Step(id); s != nil {
		return s
	}
	r.t.Fatalf("lab %s has no step %s", r.lab.ID, id)
	return nil
}

// reason renders an event's reason and evidence in French.
func reason(ev labs.Event) string { return ev.Describe(i18n.New(i18n.FR)) }

// notPassed grades step once and fails the test when it passed or could not run.
func (r *kindRun) notPassed(id string) {
	r.t.Helper()
	ev := r.runner.Evaluate(r.ctx, r.step(id))
	if ev.Kind == labs.EventPassed || ev.Kind == labs.EventError {
		r.t.Fatalf("step %s: %s (%s), want not passed", id, ev.Kind, reason(ev))
	}
	r.t.Logf("step %s not passed before its solution: %s: %s", id, ev.Kind, reason(ev))
}

// passes waits until step passes (within limit) and returns how long it waited.
func (r *kindRun) passes(id string, limit time.Duration) time.Duration {
	r.t.Helper()
	step := r.step(id)
	start := time.Now()
	var last labs.Event
	for time.Since(start) < limit {
		last = r.runner.Evaluate(r.ctx, step)
		if last.Kind == labs.EventPassed {
			r.t.Logf("step %s passed after %.1f s: %s", id, time.Since(start).Seconds(), reason(last))
			return time.Since(start)
		}
		time.Sleep(2 * time.Second)
	}
	r.t.Fatalf("step %s not passed after %s: %s (%s)", id, limit, last.Kind, reason(last))
	return 0
}

// solveUntilPassed runs step's solution again every few seconds until its check passes.
func (r *kindRun) solveUntilPassed(id string, limit time.Duration) {
	r.t.Helper()
	start := time.Now()
	var last labs.Event
	for time.Since(start) < limit {
		r.solve(id)
		if last = r.runner.Evaluate(r.ctx, r.step(id)); last.Kind == labs.EventPassed {
			r.t.Logf("step %s passed after %.1f s: %s", id, time.Since(start).Seconds(), reason(last))
			return
		}
		time.Sleep(5 * time.Second)
	}
	r.t.Fatalf("step %s not passed after %s: %s (%s)", id, limit, last.Kind, reason(last))
}

// solve runs step's solution lines in the lab shell; watch lines (« -w ») are left out,
// the test polls the check instead.
func (r *kindRun) solve(id string) string {
	r.t.Helper()
	var lines []string
	for _, l := range r.step(id).Solution {
		if isWatch(l) {
			r.t.Logf("left out (watch): %s", l)
			continue
		}
		lines = append(lines, l)
	}
	return r.shell(lines...)
}

// isWatch tells a kubectl watch (« kubectl get … -w ») from another -w (etcdutl's
// « -w table »).
func isWatch(line string) bool {
	f := strings.Fields(line)
	if !slices.Contains(f, "kubectl") || slices.Contains(f, "exec") {
		return false
	}
	return slices.Contains(f, "-w") || slices.Contains(f, "--watch")
}

// shell runs lines in an interactive bash as the lab shell does (history recorded with
// exit codes) and returns its output.
func (r *kindRun) shell(lines ...string) string {
	r.t.Helper()
	rc := filepath.Join(r.dir, "rc")
	if err := os.WriteFile(rc, []byte(shell.RecordSnippet(r.hist)), 0o644); err != nil {
		r.t.Fatal(err)
	}
	cmd := exec.CommandContext(r.ctx, "bash", "--noprofile", "--rcfile", rc, "-i")
	cmd.Env = append(os.Environ(), "KUBECONFIG="+r.k.m.KubeconfigPath(), "PS1=$ ",
		"PATH="+r.k.binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HISTFILE="+filepath.Join(r.dir, "bash_history"), "KUBETUTOR_HOME="+filepath.Join(r.dir, "home"))
	cmd.Stdin = strings.NewReader(strings.Join(lines, "\n") + "\nexit 0\n")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("bash: %v\n%s", err, errOut.String())
	}
	r.t.Logf("$ %s\n%s", strings.Join(lines, "\n$ "), out.String())
	return out.String()
}

// kindNetpol: kube-router enforces allow-web; from-front reaches web, from-other is
// refused.
func kindNetpol(t *testing.T, k *kindLabs) {
	r := k.start(t, "netpol")
	r.notPassed("from-front")
	r.notPassed("from-other")
	// The pods must run before exec, or a refused wget would prove nothing.
	r.shell("kubectl wait --for=condition=Ready pod --all -n prod --timeout=180s",
		"kubectl wait --for=condition=Ready pod --all -n front --timeout=180s",
		"kubectl wait --for=condition=Ready pod --all -n other --timeout=180s")
	// Out of order: from-other before the policy and before from-front is not graded yet
	// (it requires them), whatever wget says.
	r.solve("from-other")
	if ev := r.runner.Evaluate(r.ctx, r.step("from-other")); ev.Kind != labs.EventPending || ev.Result.Reason.ID != "labs.requires.pending" {
		t.Fatalf("from-other before the policy: %s (%s), want pending on its requirements", ev.Kind, reason(ev))
	}
	r.shell("kubectl -n other exec client -- wget -qO- -T 3 http://web.prd")
	r.notPassed("from-other")
	// Cheat: a policy broader than asked (every port) is not the step's answer.
	sol := r.step("policy").Solution[0]
	r.shell(strings.Replace(sol, "    ports:\n    - protocol: TCP\n      port: 80\n", "", 1))
	if ev := r.runner.Evaluate(r.ctx, r.step("policy")); ev.Kind != labs.EventFailed {
		t.Fatalf("policy open on every port: %s (%s), want failed", ev.Kind, reason(ev))
	} else {
		t.Logf("cheat, policy on every port: %s", reason(ev))
	}
	// Alternative: the same policy written with matchExpressions passes.
	r.shell(strings.NewReplacer("podSelector: { matchLabels: { app: web } }", "podSelector: { matchExpressions: [{ key: app, operator: In, values: [web] }] }",
		"namespaceSelector: { matchLabels: { stage: front } }", "namespaceSelector: { matchExpressions: [{ key: stage, operator: In, values: [front] }] }").Replace(sol))
	r.passes("policy", 2*time.Minute)
	// A fresh policy takes a few seconds to be programmed on the nodes: like a student,
	// try again until the check passes.
	r.solveUntilPassed("from-front", 2*time.Minute)
	// Cheat: a wget that fails at once for another reason (a mistyped pod name).
	r.shell("kubectl -n other exec clientt -- wget -qO- -T 3 http://web.prod")
	if ev := r.runner.Evaluate(r.ctx, r.step("from-other")); ev.Kind != labs.EventFailed || ev.Result.Reason.ID != "checks.command.tooquick" {
		t.Fatalf("from-other, pod name mistyped: %s (%s), want failed, too quick", ev.Kind, reason(ev))
	} else {
		t.Logf("cheat, mistyped pod: %s", reason(ev))
	}
	// Alternative: the k alias, a long kubectl flag, the Service's full name (busybox's wget
	// has no --timeout: with it wget fails at once, and the check says so).
	start := time.Now()
	for {
		r.shell("k exec --namespace=other client -- wget -q -O - -T 3 http://web.prod.svc.cluster.local/")
		ev := r.runner.Evaluate(r.ctx, r.step("from-other"))
		if ev.Kind == labs.EventPassed {
			t.Logf("from-other passed (alternative form): %s", reason(ev))
			break
		}
		if time.Since(start) > 2*time.Minute {
			t.Fatalf("from-other (alternative form): %s (%s)", ev.Kind, reason(ev))
		}
		time.Sleep(3 * time.Second)
	}
}

// kindMetrics: the shipped manifest on real kubelets: APIService Available, node metrics,
// kubectl top.
func kindMetrics(t *testing.T, k *kindLabs) {
	r := k.start(t, "metrics")
	for _, s := range []string{"install", "apiservice", "node-metrics", "top"} {
		r.notPassed(s)
	}
	for _, s := range []string{"install", "apiservice", "node-metrics", "top"} {
		r.solve(s)
		r.passes(s, 4*time.Minute)
	}
}

// kindHPA: the HPA reads real metrics, scales above its minimum under the busybox load,
// and back to one replica once the load stops, with the stabilization window shortened
// as the solution does. metrics-server from the metrics lab must still run: it lives in
// kube-system, so that lab's reset leaves it.
func kindHPA(t *testing.T, k *kindLabs) {
	r := k.start(t, "hpa")
	r.notPassed("create")
	r.notPassed("scale-up")
	r.solve("create")
	r.passes("create", 4*time.Minute)
	start := time.Now()
	r.solve("scale-up")
	r.passes("scale-up", 6*time.Minute)
	t.Logf("TIMING hpa load start → scaled above minimum: %.1f s", time.Since(start).Seconds())
	// Still loaded, still above one replica.
	r.notPassed("scale-down")
	stop := time.Now()
	r.solve("scale-down") // the 30 s window, then the load stopped
	r.passes("scale-down", 6*time.Minute)
	t.Logf("TIMING hpa load stopped (window 30 s) → back to 1 replica: %.1f s", time.Since(stop).Seconds())
}

// kindFailure: systemd's kubelet stopped on the second worker through docker exec; the
// node goes Unknown and tainted, the pods are rescheduled elsewhere, the repair brings
// it back. Prints the time from kubelet stop to rescheduled pods.
func kindFailure(t *testing.T, k *kindLabs) {
	r := k.start(t, "failure")
	r.solve("spread")
	r.passes("spread", 3*time.Minute)
	r.notPassed("stop-kubelet")
	r.notPassed("rescheduled")
	stop := time.Now()
	r.solve("stop-kubelet")
	t.Cleanup(func() {
		_, _ = k.m.Nodes().Exec(context.Background(), k.m.Name()+"-worker2", "systemctl", "start", "kubelet")
	})
	r.passes("stop-kubelet", 3*time.Minute)
	t.Logf("TIMING failure kubelet stop → node Unknown and tainted: %.1f s", time.Since(stop).Seconds())
	r.notPassed("repair")
	r.notPassed("toleration")
	if err := r.runner.SetAnswer(r.step("toleration"), lastField(r.solve("toleration"))); err != nil {
		t.Fatal(err)
	}
	r.passes("toleration", time.Minute)
	r.passes("rescheduled", 6*time.Minute)
	t.Logf("TIMING failure kubelet stop → pods rescheduled away from worker2: %.1f s", time.Since(stop).Seconds())
	r.solve("repair")
	r.passes("repair", 3*time.Minute)
}

// kindCluster: the cluster lab on a real cluster: kubectl cluster-info from the lab shell,
// then every node Ready, the four static pods run by the kubelet, the CNI and CoreDNS.
func kindCluster(t *testing.T, k *kindLabs) {
	r := k.start(t, "cluster")
	r.notPassed("create")
	r.shell("kubectl cluster-info") // the cluster is up already: no second `cluster up`
	r.passes("create", time.Minute)
	for _, s := range []string{"nodes-ready", "static-pods", "cni-dns"} {
		r.solve(s)
		r.passes(s, 3*time.Minute)
	}
}

// kindEtcd: etcdctl and etcdutl in the real etcd static pod; etcdctl without --cacert is
// caught; the restore brings the deleted marker back after the manifest points etcd at
// the restored directory and the kubelet restarts it.
func kindEtcd(t *testing.T, k *kindLabs) {
	r := k.start(t, "etcd")
	for _, s := range []string{"snapshot", "status", "defrag", "restore"} {
		r.notPassed(s)
	}
	// The common mistake: no CA. etcdctl 3.7's snapshot save then retries forever (a
	// student ends it with ctrl+c); with a command timeout it gives up, exit code 5.
	r.shell("kubectl -n kube-system exec etcd-" + k.m.Name() + "-control-plane -- etcdctl --command-timeout=10s snapshot save /var/lib/etcd/etcd-$(date +%F).db")
	if ev := r.runner.Evaluate(r.ctx, r.step("snapshot")); ev.Kind != labs.EventFailed || ev.Result.Reason.ID != "checks.etcd.snapshot.nocacert" {
		t.Fatalf("snapshot without --cacert: %s %s, want failed with checks.etcd.snapshot.nocacert", ev.Kind, reason(ev))
	}
	for _, s := range []string{"snapshot", "status", "defrag"} {
		r.solve(s)
		r.passes(s, 2*time.Minute)
	}

	step := r.step("restore")
	sol := step.Solution
	if len(sol) != 4 {
		t.Fatalf("restore solution: %d lines, the test expects delete, restore, edit, read", len(sol))
	}
	want := strings.TrimSpace(r.shell("kubectl -n lab-etcd get configmap marqueur -o jsonpath='{.data.mot}'"))
	// Cheat: the word read from the setup's marker, nothing restored.
	if err := r.runner.SetAnswer(step, want); err != nil {
		t.Fatal(err)
	}
	if ev := r.runner.Evaluate(r.ctx, step); ev.Kind != labs.EventFailed || ev.Result.Reason.ID != "checks.etcd.restore.cheat" {
		t.Fatalf("restore, word read without a restore: %s (%s), want failed: etcd serves its old data", ev.Kind, reason(ev))
	} else {
		t.Logf("cheat, word read from the live object: %s", reason(ev))
	}
	// Near miss: marker deleted and snapshot restored, but etcd still runs on its old
	// directory: the right word is no proof, the ConfigMap is gone.
	r.shell(sol[0], sol[1])
	if err := r.runner.SetAnswer(step, want); err != nil {
		t.Fatal(err)
	}
	r.notPassed("restore")
	edit := time.Now()
	out := r.shell(sol[2], sol[3])
	// The API may answer later than the solution's sleep: read again as a student would.
	for got := lastField(out); got != want && time.Since(edit) < 4*time.Minute; got = lastField(out) {
		time.Sleep(5 * time.Second)
		out = r.shell(strings.TrimPrefix(sol[3], "sleep 60; "))
	}
	t.Logf("TIMING etcd manifest edited → marker readable again: %.1f s", time.Since(edit).Seconds())
	if err := r.runner.SetAnswer(step, lastField(out)); err != nil {
		t.Fatal(err)
	}
	r.passes("restore", 2*time.Minute)
	// The cluster works on the restored data: a write goes through.
	if out := r.shell("kubectl -n lab-etcd create configmap after-restore --from-literal=ok=1"); !strings.Contains(out, "after-restore") {
		t.Fatalf("a write after the restore: %q", out)
	}
}

// lastField is the last word of out ("" when none).
func lastField(out string) string {
	f := strings.Fields(out)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}
