package labs_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
	"kubetutor/internal/testenv"
	"kubetutor/labs"
	"kubetutor/labs/shell"
)

// labRun drives one embedded lab on the test control plane the way a student does it:
// the runner applies the setup, each step is graded before its solution, after a near
// miss, and after its solution. Solution lines run in the lab shell with the real kubectl;
// lines that need a real node are translated into the test environment's NodeAccess (see
// do) and recorded in the shell history as the lab shell would.
type labRun struct {
	*student
	t   *testing.T
	lab *labs.Lab
	ctx context.Context
}

// startLab loads lab id, runs its setup and resets it (deleting its namespaces) when t
// ends.
func startLab(t *testing.T, id string, namespaces ...string) *labRun {
	t.Helper()
	lab := loadLab(t, id)
	s := newStudent(t, lab)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	if err := s.runner.Start(ctx, nil); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx := context.Background()
		_ = s.runner.Reset(ctx, nil)
		// Let the namespaces go before another test applies them again.
		_ = testenv.WaitFor(ctx, func(ctx context.Context) (bool, error) {
			for _, ns := range namespaces {
				if _, err := s.env.Client.CoreV1().Namespaces().Get(ctx, ns, metav1.GetOptions{}); !apierrors.IsNotFound(err) {
					return false, nil
				}
			}
			return true, nil
		})
	})
	return &labRun{student: s, t: t, lab: lab, ctx: ctx}
}

func (r *labRun) step(id string) *labs.Step {
	r.t.Helper()
	if s := r.lab.Step(id); s != nil {
		return s
	}
	r.t.Fatalf("lab %s has no step %s", r.lab.ID, id)
	return nil
}

// reason renders an event's reason and evidence in French.
func reason(ev labs.Event) string { return ev.Describe(i18n.New(i18n.FR)) }

// notPassed grades step once and fails the test when it passed or could not run, or when
// its reason lacks one of contains. kinds, when given, are the acceptable event kinds.
func (r *labRun) notPassed(id string, kinds []labs.EventKind, contains ...string) {
	r.t.Helper()
	ev := r.runner.Evaluate(r.ctx, r.step(id))
	text := reason(ev)
	if ev.Kind == labs.EventPassed || ev.Kind == labs.EventError || (len(kinds) > 0 && !slices.Contains(kinds, ev.Kind)) {
		r.t.Fatalf("step %s: %s (%s), want not passed %v", id, ev.Kind, text, kinds)
	}
	for _, c := range contains {
		if !strings.Contains(text, c) {
			r.t.Errorf("step %s: %q lacks %q", id, text, c)
		}
	}
	r.t.Logf("step %s not passed as expected: %s: %s", id, ev.Kind, text)
}

// pending and failed are the kinds notPassed accepts.
var (
	pending = []labs.EventKind{labs.EventPending}
	failed  = []labs.EventKind{labs.EventFailed}
)

// passes waits until step passes.
func (r *labRun) passes(id string) {
	r.t.Helper()
	step := r.step(id)
	var last labs.Event
	err := testenv.WaitFor(r.ctx, func(ctx context.Context) (bool, error) {
		last = r.runner.Evaluate(ctx, step)
		return last.Kind == labs.EventPassed, nil
	})
	if err != nil {
		r.t.Fatalf("step %s never passed: %s (%s)", id, last.Kind, reason(last))
	}
	r.t.Logf("step %s passed: %s", id, reason(last))
}

// answer records the student's answer to step.
func (r *labRun) answer(id, value string) {
	r.t.Helper()
	if err := r.runner.SetAnswer(r.step(id), value); err != nil {
		r.t.Fatal(err)
	}
}

// solve runs step's solution lines (do) and returns the output of the last one.
func (r *labRun) solve(id string) string {
	r.t.Helper()
	var out string
	for _, line := range r.step(id).Solution {
		out = r.do(line)
	}
	return out
}

// do runs one command line as the student would and returns its output. Lines that act
// on a node are translated into NodeAccess on the test environment's kwok nodes:
//   - « docker exec NODE systemctl stop|start kubelet » → StopKubelet/StartKubelet;
//   - « docker exec NODE CMD… » → Exec(NODE, CMD…);
//   - « kubectl -n kube-system exec etcd-NODE -- CMD… » → Exec(NODE, CMD…), except an
//     etcdctl without --cacert, which runs as in the etcd pod: no ETCDCTL_* variables, so
//     etcd's certificate is not trusted (NodeAccess would supply the CA).
//
// Such lines are recorded in the shell history as typed, with their exit code; « $(date
// +%F) » is expanded first, as the shell would. Every other line runs in the lab shell.
func (r *labRun) do(line string) string {
	r.t.Helper()
	expanded := strings.ReplaceAll(line, "$(date +%F)", time.Now().Format(time.DateOnly))
	cmds := shell.Split(expanded)
	if len(cmds) != 1 {
		return r.shell(r.t, []string{line})
	}
	argv := cmds[0]
	var node string
	var nodeArgv []string
	switch {
	case len(argv) > 3 && argv[0] == "docker" && argv[1] == "exec":
		node, nodeArgv = argv[2], argv[3:]
	case argv[0] == "kubectl" && slices.Contains(argv, "exec") && slices.Contains(argv, "--"):
		dash := slices.Index(argv, "--")
		pod := argv[slices.Index(argv, "exec")+1]
		if !strings.HasPrefix(pod, "etcd-") {
			return r.shell(r.t, []string{line})
		}
		node, nodeArgv = strings.TrimPrefix(pod, "etcd-"), argv[dash+1:]
	default:
		return r.shell(r.t, []string{line})
	}
	out, err := r.onNode(node, nodeArgv)
	code := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		code = exitErr.ExitCode()
	} else if err != nil {
		r.t.Fatalf("%s: %v\n%s", line, err, out)
	}
	if err := shell.Append(r.hist, shell.Record{Time: time.Now().UTC(), Line: line, Exit: code}); err != nil {
		r.t.Fatal(err)
	}
	r.t.Logf("node %s: %s → exit %d\n%s", node, strings.Join(nodeArgv, " "), code, out)
	return string(out)
}

// onNode runs argv on node with the test environment's stand-ins.
func (r *labRun) onNode(node string, argv []string) ([]byte, error) {
	na := r.env.NodeAccess()
	switch {
	case slices.Equal(argv, []string{"systemctl", "stop", "kubelet"}):
		return nil, na.StopKubelet(r.ctx, node)
	case slices.Equal(argv, []string{"systemctl", "start", "kubelet"}):
		return nil, na.StartKubelet(r.ctx, node)
	case argv[0] == "etcdctl" && !slices.ContainsFunc(argv, func(a string) bool { return a == "--cacert" || strings.HasPrefix(a, "--cacert=") }):
		// The etcd pod's environment: no CA, etcd's https endpoint, paths on the node.
		root := r.env.NodeRoot(node)
		args := []string{"--endpoints=" + r.env.EtcdEndpoint, "--dial-timeout=3s", "--command-timeout=5s"}
		for _, a := range argv[1:] {
			if strings.HasPrefix(a, "/") {
				a = filepath.Join(root, a)
			}
			args = append(args, a)
		}
		cmd := exec.CommandContext(r.ctx, filepath.Join(r.env.BinDir, "etcdctl"), args...)
		cmd.Dir = root
		cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + root}
		return cmd.CombinedOutput()
	}
	return na.Exec(r.ctx, node, argv...)
}

// standIn applies manifest (YAML) with the test environment's admin kubectl, not in the lab
// shell: objects a kind cluster has and the test control plane lacks (kube-proxy, the CNI's
// DaemonSet, CoreDNS). Each carries the label kubetutor.dev/stand-in=true; they are deleted
// when the test ends.
func (r *labRun) standIn(manifest string) {
	r.t.Helper()
	file := filepath.Join(r.t.TempDir(), "stand-in.yaml")
	if err := os.WriteFile(file, []byte(manifest), 0o644); err != nil {
		r.t.Fatal(err)
	}
	if out, err := r.env.Kubectl(r.ctx, "apply", "-f", file); err != nil {
		r.t.Fatalf("stand-in: %v\n%s", err, out)
	}
	r.t.Cleanup(func() {
		_, _ = r.env.Kubectl(context.Background(), "delete", "-f", file, "--ignore-not-found", "--wait=false")
	})
}

// standInDaemonSet is a DaemonSet in kube-system on every node (kwok runs its pods),
// labelled k8s-app=NAME like kind's kube-proxy and kindnet.
func standInDaemonSet(name string) string {
	return `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ` + name + `
  namespace: kube-system
  labels: {k8s-app: ` + name + `, kubetutor.dev/stand-in: "true"}
spec:
  selector: {matchLabels: {k8s-app: ` + name + `}}
  template:
    metadata: {labels: {k8s-app: ` + name + `}}
    spec:
      tolerations: [{operator: Exists}]
      containers: [{name: ` + name + `, image: ` + name + `:stand-in}]
`
}
