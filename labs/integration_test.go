package labs_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/assets"
	"kubetutor/checks"
	"kubetutor/internal/progress"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
	"kubetutor/labs/shell"
)

// TestMain shares one test control plane between the package's integration tests and
// benchmarks; it starts only when one of them runs.
func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }

// student is a lab being done on the test control plane: a runner recording into a temp
// store, and a bash with the lab shell's record snippet and the real kubectl.
type student struct {
	env    *testenv.Env
	runner *labs.Runner
	store  *progress.Store
	dir    string
	hist   string
}

func newStudent(t testing.TB, lab *labs.Lab) *student {
	t.Helper()
	env := testenv.Shared(t)
	ce, err := checks.NewEnv(env.Config)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ce.Nodes = env.NodeAccess()
	ce.ShellHistory = shell.HistoryFile(filepath.Join(dir, "shell"))
	store, err := progress.Open(filepath.Join(dir, "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	return &student{env: env, runner: labs.NewRunner(lab, ce, store, nil), store: store, dir: dir, hist: ce.ShellHistory}
}

// shell runs commands in an interactive bash as the lab shell would, and returns stdout;
// a command that fails is recorded with its exit code, as in the lab shell.
func (s *student) shell(t testing.TB, commands []string) string {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash is not installed")
	}
	rc := filepath.Join(s.dir, "rc")
	if err := os.WriteFile(rc, []byte(shell.RecordSnippet(s.hist)), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bash, "--noprofile", "--rcfile", rc, "-i")
	cmd.Env = append(os.Environ(), "KUBECONFIG="+s.env.Kubeconfig, "PS1=$ ",
		"PATH="+s.env.BinDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HISTFILE="+filepath.Join(s.dir, "bash_history"))
	cmd.Stdin = strings.NewReader(strings.Join(commands, "\n") + "\nexit 0\n")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("bash: %v\n%s", err, errOut.String())
	}
	return out.String()
}

func loadLab(t testing.TB, id string) *labs.Lab {
	t.Helper()
	lab, err := labs.Load(assets.FS, id)
	if err != nil {
		t.Fatal(err)
	}
	return lab
}

// provenElsewhere lists the labs whose solutions act on real nodes (docker exec, kubectl
// exec, kubetutor commands) or need stand-ins: each has its own TestIntegrationLab<Lab>,
// which translates those lines, and assets/labs/PROVEN.md says how each step is proven.
var provenElsewhere = map[string]string{
	"cluster": "TestIntegrationLabCluster", "inspect": "TestIntegrationLabInspect",
	"etcd": "TestIntegrationLabEtcd", "failure": "TestIntegrationLabFailure",
	"metrics": "TestIntegrationLabMetrics", "hpa": "TestIntegrationLabHPA",
	"netpol": "TestIntegrationLabNetpol",
}

// TestIntegrationLabSolutions is the labs' « dev check »: on the test control plane,
// every step of every embedded lab is not passed before its solution and passes after
// it, the solution typed in a lab shell with the real kubectl.
func TestIntegrationLabSolutions(t *testing.T) {
	all, err := labs.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	for _, lab := range all {
		if why, ok := provenElsewhere[lab.ID]; ok {
			t.Logf("%s: proven by %s (see assets/labs/PROVEN.md)", lab.ID, why)
			continue
		}
		t.Run(lab.ID, func(t *testing.T) {
			s := newStudent(t, lab)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			if err := s.runner.Start(ctx, nil); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.runner.Reset(context.Background(), nil) })
			for _, step := range lab.Steps {
				if ev := s.runner.Evaluate(ctx, step); ev.Kind == labs.EventPassed || ev.Kind == labs.EventError {
					t.Fatalf("step %s before its solution: %s %v %s", step.ID, ev.Kind, ev.Err, ev.Result.Reason)
				}
				out := s.shell(t, step.Solution)
				if step.Check.ID == "answer" {
					if err := s.runner.SetAnswer(step, strings.TrimSpace(out)); err != nil {
						t.Fatal(err)
					}
				}
				var last labs.Event
				err := testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
					last = s.runner.Evaluate(ctx, step)
					return last.Kind == labs.EventPassed, nil
				})
				if err != nil {
					t.Fatalf("step %s after its solution: %s %v %s", step.ID, last.Kind, last.Err, last.Result.Reason)
				}
			}
			if s.runner.Current() != nil {
				t.Errorf("lab not done: current step %s", s.runner.Current().ID)
			}
		})
	}
}

// TestIntegrationSetupAndReset: setup is a server-side apply by kubetutor; reset deletes
// it and forgets the progress.
func TestIntegrationSetupAndReset(t *testing.T) {
	lab := loadLab(t, "nodes-ready")
	s := newStudent(t, lab)
	ctx := context.Background()
	if err := s.runner.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	ns, err := s.env.Client.CoreV1().Namespaces().Get(ctx, "lab-nodes", metav1.GetOptions{})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	if len(ns.ManagedFields) == 0 || ns.ManagedFields[0].Manager != labs.FieldManager || ns.ManagedFields[0].Operation != metav1.ManagedFieldsOperationApply {
		t.Errorf("managed fields %+v", ns.ManagedFields)
	}
	if err := s.runner.Start(ctx, nil); err != nil { // applying again is harmless
		t.Fatal(err)
	}
	doc, _ := s.store.Load()
	if lp := doc.Labs[lab.ID]; lp == nil || lp.StartRevision == 0 {
		t.Errorf("start revision not recorded: %+v", lp)
	}
	if err := s.runner.Reset(ctx, nil); err != nil {
		t.Fatal(err)
	}
	ns, err = s.env.Client.CoreV1().Namespaces().Get(ctx, "lab-nodes", metav1.GetOptions{})
	if err == nil && ns.DeletionTimestamp == nil {
		t.Error("reset left the namespace")
	} else if err != nil && !apierrors.IsNotFound(err) {
		t.Fatal(err)
	}
	if doc, _ := s.store.Load(); doc.Labs[lab.ID] != nil {
		t.Error("reset left the progress")
	}
	// Let the namespace go before another test applies it again.
	_ = testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
		_, err := s.env.Client.CoreV1().Namespaces().Get(ctx, "lab-nodes", metav1.GetOptions{})
		return apierrors.IsNotFound(err), nil
	})
}
