package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/internal/tmuxtest"
)

// kindInspectTUI does the inspect lab as a student on the kind cluster: `kubetutor lab
// open inspect` in tmux, the three commands typed in the embedded shell (each step turns
// green from the shell's history alone), a wrong answer refused, the three answers typed
// on the lab screen, and the progress file holding every step passed.
func kindInspectTUI(t *testing.T, k *kindLabs) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (make tools installs it)")
	}
	home := t.TempDir() // the shell's HOME: no rc file of the machine's user
	// KUBETUTOR_CLUSTER: the tutor's cluster is the test's, not one called kubetutor.
	cmd := fmt.Sprintf("env HOME=%q KUBETUTOR_HOME=%q KUBETUTOR_CLUSTER=%q KUBETUTOR_LANG=fr DOCKER_HOST=%q PATH=%q %q lab open inspect",
		home, k.home, k.m.Name(), os.Getenv("DOCKER_HOST"), k.binDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		filepath.Join(k.binDir, "kubetutor"))
	s := tmuxtest.Start(t, 160, 45, cmd)
	progressIs := func(done int) string {
		return s.WaitText(fmt.Sprintf("%d/6 étapes", done))
	}
	s.WaitFor("the lab screen and its shell prompt", func(scr string) bool {
		return strings.Contains(scr, "0/6 étapes") && strings.Contains(scr, "[kubetutor]")
	})

	// The shell has the focus: type as a student does.
	s.Send("kubectl get pods -n kube-system -o wide", "Enter")
	s.WaitText("etcd-" + k.m.Name() + "-control-plane")
	progressIs(1)
	s.Send("kubectl get --raw='/readyz?verbose'", "Enter")
	s.WaitText("readyz check passed")
	progressIs(2)
	s.Send("clear", "Enter", "kubectl get componentstatuses", "Enter")
	scr := progressIs(3)
	if !strings.Contains(scr, "deprecated") {
		t.Errorf("kubectl get componentstatuses: no deprecation warning on screen:\n%s", scr)
	}

	// The answers come from the cluster, as the student reads them.
	etcdNode := k.kubectl(t, "get", "pods", "-n", "kube-system", "-l", "component=etcd", "-o", "jsonpath={.items[0].spec.nodeName}")
	proxies := len(strings.Fields(k.kubectl(t, "get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-proxy", "-o", "name")))
	cni := k.kubectl(t, "get", "daemonsets", "-n", "kube-system", "-l", "k8s-app,k8s-app!=kube-proxy", "-o", "jsonpath={.items[0].metadata.name}")
	t.Logf("answers from the cluster: etcd on %s, %d kube-proxy pods, CNI %s", etcdNode, proxies, cni)

	s.Send("C-o") // the focus to the instructions
	s.WaitText("Étape 4/6")
	// A wrong node: graded, refused, the count does not move.
	s.Send("r", "kubetutor-worker", "Enter")
	s.WaitFor("the wrong answer refused", func(scr string) bool {
		return strings.Contains(scr, "✗ 4") && strings.Contains(scr, "3/6 étapes")
	})
	s.Send("r", "C-u", etcdNode, "Enter")
	progressIs(4)
	s.Send("r", fmt.Sprint(proxies), "Enter")
	progressIs(5)
	s.Send("r", cni, "Enter")
	s.WaitText("TP terminé")
	t.Logf("the lab screen at the end:\n%s", progressIs(6))
	s.Send("q")
	s.WaitExit()

	// The progress document has every step, as `kubetutor progress --json` exports it.
	c := exec.Command(filepath.Join(k.binDir, "kubetutor"), "progress", "--json")
	c.Env = append(os.Environ(), "KUBETUTOR_HOME="+k.home)
	out, err := c.Output()
	if err != nil {
		t.Fatalf("kubetutor progress --json: %v\n%s", err, out)
	}
	var doc struct {
		Labs []struct {
			ID     string            `json:"id"`
			Steps  map[string]string `json:"steps"`
			Passed int               `json:"passed"`
		} `json:"labs"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("progress --json: %v\n%s", err, out)
	}
	for _, l := range doc.Labs {
		if l.ID == "inspect" {
			if l.Passed != 6 {
				t.Fatalf("progress of inspect: %d steps passed, want 6: %v", l.Passed, l.Steps)
			}
			t.Logf("progress of inspect: %v", l.Steps)
			return
		}
	}
	t.Fatalf("no inspect lab in the progress export:\n%s", out)
}

// kubectl runs the real kubectl on the tutor's cluster and returns its trimmed output.
func (k *kindLabs) kubectl(t *testing.T, args ...string) string {
	t.Helper()
	c := exec.Command(filepath.Join(k.binDir, "kubectl"), append([]string{"--kubeconfig", k.m.KubeconfigPath()}, args...)...)
	out, err := c.Output()
	if err != nil {
		t.Fatalf("kubectl %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}
