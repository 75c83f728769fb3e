package app

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/i18n"
	"kubetutor/internal/paths"
	"kubetutor/labs/cluster"
	"kubetutor/labs/cluster/clustertest"
)

// clusterTestDeps returns Deps writing to buffers, in lang, with stdin answering in.
func clusterTestDeps(t *testing.T, lang i18n.Lang, in string) (*Deps, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	return &Deps{
		Tr: i18n.New(lang), In: strings.NewReader(in), Out: &out, Err: &out,
		Dirs: paths.Under(t.TempDir()), Log: slog.New(slog.DiscardHandler),
		Getenv: func(string) string { return "" },
	}, &out
}

type clusterFixture struct {
	p  *clustertest.Provider
	rt *clustertest.Runtime
	pr *clustertest.Prober
	m  *cluster.Manager
}

func newClusterFixture(deps *Deps) *clusterFixture {
	f := &clusterFixture{p: clustertest.NewProvider(), rt: clustertest.NewRuntime(cluster.DefaultImage)}
	f.pr = clustertest.NewProber(f.p)
	f.m = cluster.New(cluster.WithProvider(f.p), cluster.WithRuntime(f.rt), cluster.WithProber(f.pr),
		cluster.WithDirs(deps.Dirs), cluster.WithLogger(deps.Log), cluster.WithClock((&clustertest.Clock{}).Now))
	return f
}

func TestClusterUpPrintsAFrenchChecklist(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		"Création du cluster «\u00a0kubetutor\u00a0» (3\u00a0nœuds)",
		"✓ Démarrage du plan de contrôle (1,0\u00a0s)",
		"✓ Image des nœuds kindest/node:v1.37.0",
		"✓ Ajout des nœuds de travail",
		"prêt en",
		"kubetutor cluster env",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// A second up finds it running.
	out.Reset()
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "tourne déjà") || strings.Contains(out.String(), "Création") {
		t.Errorf("second up:\n%s", out.String())
	}
}

func TestClusterUpWithoutDockerExitsTwo(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.rt.InfoErr = errors.New("Cannot connect to the Docker daemon")
	err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2})
	e, ok := i18n.AsError(err)
	if !ok || e.Code != i18n.ExitUsage {
		t.Fatalf("err = %v, want a usage error (exit 2)", err)
	}
	if msg := deps.Tr.Msg(e.Msg); !strings.HasPrefix(msg, "Docker ne répond pas") {
		t.Errorf("message %q", msg)
	}
}

func TestClusterUpAsksBeforeRecreatingAHalfMadeCluster(t *testing.T) {
	for _, tt := range []struct {
		answer   string
		recreate bool
	}{{"o\n", true}, {"n\n", false}, {"", false}} {
		deps, out := clusterTestDeps(t, i18n.FR, tt.answer)
		f := newClusterFixture(deps)
		f.p.AddNodes("kubetutor", 2)
		f.pr.SetDown(true)
		err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2})
		if !strings.Contains(out.String(), "à moitié créé") {
			t.Errorf("answer %q: no question asked:\n%s", tt.answer, out.String())
		}
		creates, _ := f.p.Counts()
		if tt.recreate && (err != nil || creates != 1) {
			t.Errorf("answer %q: err %v, creates %d; want recreated", tt.answer, err, creates)
		}
		if !tt.recreate && (err == nil || creates != 0) {
			t.Errorf("answer %q: err %v, creates %d; want refused", tt.answer, err, creates)
		}
	}
}

func TestClusterUpRecreateFlagDoesNotAsk(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	f.p.AddNodes("kubetutor", 2)
	f.pr.SetDown(true)
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2, recreate: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "[y/N]") {
		t.Errorf("asked despite --recreate:\n%s", out.String())
	}
}

func TestClusterStatusDownEnvAndKubeconfig(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	if err := runClusterStatus(context.Background(), deps, f.m); !errors.Is(err, errSilent) {
		t.Errorf("status of an absent cluster = %v, want exit 1", err)
	}
	if err := runClusterKubeconfig(deps, f.m, false); err == nil {
		t.Error("kubeconfig of an absent cluster succeeded")
	}
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 1}); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := runClusterStatus(context.Background(), deps, f.m); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"running", "kubetutor-worker (worker): ready", "Kubernetes v1.37.0"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, out.String())
		}
	}
	out.Reset()
	if err := runClusterKubeconfig(deps, f.m, true); err != nil {
		t.Fatal(err)
	}
	want := "export KUBECONFIG=" + shellQuote(filepath.Join(deps.Dirs.State, "clusters", "kubetutor", "kubeconfig")) + "\n"
	if out.String() != want {
		t.Errorf("env = %q, want %q", out.String(), want)
	}
	out.Reset()
	if err := runClusterDown(context.Background(), deps, f.m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "deleted") {
		t.Errorf("down: %s", out.String())
	}
	if _, err := os.Stat(f.m.KubeconfigPath()); !os.IsNotExist(err) {
		t.Errorf("kubeconfig left: %v", err)
	}
}

func TestClusterResetAsks(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.FR, "\n")
	f := newClusterFixture(deps)
	f.p.AddNodes("kubetutor", 2)
	if err := runClusterReset(context.Background(), deps, f.m, clusterUpOptions{workers: 2}); err == nil {
		t.Fatal("reset without a yes succeeded")
	}
	if _, d := f.p.Counts(); d != 0 {
		t.Fatal("reset deleted without a yes")
	}
	if err := runClusterReset(context.Background(), deps, f.m, clusterUpOptions{workers: 2, yes: true}); err != nil {
		t.Fatal(err)
	}
	if c, d := f.p.Counts(); c != 1 || d != 1 {
		t.Errorf("creates %d, deletes %d; want 1 and 1", c, d)
	}
}

func TestClusterConfigPrintsKindYAML(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	if err := runClusterConfig(context.Background(), deps, f.m, 1, ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kind: Cluster", "apiVersion: kind.x-k8s.io/v1alpha4", "role: worker", "node-monitor-grace-period"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("config lacks %q:\n%s", want, out.String())
		}
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/a/.local/state/kubetutor/clusters/kubetutor/kubeconfig": "/home/a/.local/state/kubetutor/clusters/kubetutor/kubeconfig",
		"/home/Jean Dupont/k": "'/home/Jean Dupont/k'",
		"/tmp/l'élève/k":      `'/tmp/l'\''élève/k'`,
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWorkersOutOfRangeIsAUsageError(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 99})
	if e, ok := i18n.AsError(err); !ok || e.Code != i18n.ExitUsage {
		t.Fatalf("err = %v, want exit 2", err)
	}
}

// TestClusterUpStartsAStoppedCluster: after Docker restarted, the node containers are
// stopped; cluster status says so (not « à moitié créé ») and cluster up starts them
// again, with no question and nothing recreated.
func TestClusterUpStartsAStoppedCluster(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.p.AddNodes(cluster.DefaultName, 2)
	f.rt.Stop(cluster.DefaultName+"-control-plane", cluster.DefaultName+"-worker", cluster.DefaultName+"-worker2")
	f.pr.SetDown(true)
	f.rt.OnStart = func(...string) { f.pr.SetDown(false) }
	if err := runClusterStatus(context.Background(), deps, f.m); err == nil {
		t.Error("cluster status of a stopped cluster succeeded")
	}
	got := out.String()
	for _, want := range []string{"arrêté (ses conteneurs ne tournent plus\u00a0: «\u00a0kubetutor cluster up\u00a0» le relance tel quel)", "kubetutor-worker (worker)\u00a0: conteneur arrêté"} {
		if !strings.Contains(got, want) {
			t.Errorf("status lacks %q:\n%s", want, got)
		}
	}
	out.Reset()
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2}); err != nil {
		t.Fatal(err)
	}
	got = out.String()
	for _, want := range []string{"✓ Redémarrage des conteneurs des nœuds", "✓ Attente de tous les nœuds prêts", "Cluster «\u00a0kubetutor\u00a0» relancé en"} {
		if !strings.Contains(got, want) {
			t.Errorf("up lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Création") || strings.Contains(got, "moitié") {
		t.Errorf("up of a stopped cluster:\n%s", got)
	}
	if c, d := f.p.Counts(); c != 0 || d != 0 {
		t.Errorf("creates %d, deletes %d", c, d)
	}
}

// TestClusterUpWaitsForAStartingCluster: run just after Docker restarted the nodes,
// cluster up waits for their API, and neither asks to recreate nor says « Création ».
func TestClusterUpWaitsForAStartingCluster(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.p.AddNodes(cluster.DefaultName, 2)
	f.rt.Started = (&clustertest.Clock{}).Now()
	f.pr.SetDown(true)
	probes := 0
	f.m = cluster.New(cluster.WithProvider(f.p), cluster.WithRuntime(f.rt), cluster.WithDirs(deps.Dirs), cluster.WithLogger(deps.Log),
		cluster.WithClock((&clustertest.Clock{}).Now), cluster.WithPollInterval(time.Millisecond),
		cluster.WithProber(probeFunc(func(ctx context.Context, kc []byte) (cluster.Health, error) {
			if probes++; probes == 3 {
				f.pr.SetDown(false)
			}
			return f.pr.Probe(ctx, kc)
		})))
	if err := runClusterUp(context.Background(), deps, f.m, clusterUpOptions{workers: 2}); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "✓ Attente de l’API du cluster, qui redémarre") || !strings.Contains(got, "relancé en") ||
		strings.Contains(got, "Création") || strings.Contains(got, "moitié") {
		t.Errorf("up:\n%s", got)
	}
}

type probeFunc func(ctx context.Context, kc []byte) (cluster.Health, error)

func (f probeFunc) Probe(ctx context.Context, kc []byte) (cluster.Health, error) { return f(ctx, kc) }
