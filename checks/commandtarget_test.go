package checks

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"kubetutor/labs/shell"
)

const refusalParams = `{"program": "kubectl", "subcommands": ["exec"], "args": ["wget"],
  "target": {"namespace": "prod", "service": "web"},
  "flags": [{"names": ["-n", "--namespace"], "value": "other"}],
  "expectFailure": true, "minDuration": "2s"}`

func webService(readyEndpoints bool) []runtime.Object {
	svc := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web"},
		Spec: corev1.ServiceSpec{ClusterIP: "10.96.0.42", ClusterIPs: []string{"10.96.0.42"}}}
	ready := readyEndpoints
	slice := &discoveryv1.EndpointSlice{
		ObjectMeta: metav1.ObjectMeta{Namespace: "prod", Name: "web-abcde", Labels: map[string]string{discoveryv1.LabelServiceName: "web"}},
		Endpoints:  []discoveryv1.Endpoint{{Addresses: []string{"10.244.1.5"}, Conditions: discoveryv1.EndpointConditions{Ready: &ready}}},
	}
	return []runtime.Object{svc, slice}
}

// TestShellCommandRefusal: a refusal counts only as a timeout (it lasted), against the
// web Service by any of its names, with a ready pod behind it.
func TestShellCommandRefusal(t *testing.T) {
	const wget = "kubectl -n other exec client -- wget -qO- -T 3 "
	tests := []struct {
		name  string
		line  string
		exit  int
		ms    int64
		ready bool
		want  Status
		says  string
	}{
		{"a timeout", wget + "http://web.prod", 1, 3100, true, Passed, "comme attendu"},
		{"long name, trailing slash", wget + "http://web.prod.svc.cluster.local/", 1, 3050, true, Passed, ""},
		{"no scheme, explicit port", wget + "web.prod.svc:80", 1, 3050, true, Passed, ""},
		{"the cluster IP", wget + "http://10.96.0.42", 1, 3050, true, Passed, ""},
		{"k alias, long flags", "k exec --namespace=other client -- wget --timeout=3 http://web.prod", 1, 3050, true, Passed, ""},
		{"it went through", wget + "http://web.prod", 0, 200, true, Failed, "a réussi"},
		{"a quick failure: pod not found", "kubectl -n other exec clientt -- wget -qO- -T 3 http://web.prod", 1, 180, true, Failed, "trop vite"},
		{"no ready pod behind the Service", wget + "http://web.prod", 1, 3100, false, Failed, "aucun pod prêt"},
		{"another port", wget + "http://web.prod:8080", 1, 3100, true, Pending, ""},
		{"another page", wget + "http://web.prod/x", 1, 3100, true, Pending, ""},
		{"a mistyped host", wget + "http://web.prd", 1, 3100, true, Pending, ""},
		{"https", wget + "https://web.prod", 1, 3100, true, Pending, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := fakeEnv(webService(tt.ready)...)
			env.ShellHistory = filepath.Join(t.TempDir(), "history.jsonl")
			env.LabStarted = testNow.Add(-time.Hour)
			rec := shell.Record{Time: testNow.Add(-time.Second), Line: tt.line, Exit: tt.exit, Ms: tt.ms}
			if err := shell.Append(env.ShellHistory, rec); err != nil {
				t.Fatal(err)
			}
			expect(t, run(t, env, "shell-command", refusalParams), tt.want, tt.says)
		})
	}
	t.Run("started before the required step passed", func(t *testing.T) {
		env := fakeEnv(webService(true)...)
		env.ShellHistory = filepath.Join(t.TempDir(), "history.jsonl")
		env.LabStarted = testNow.Add(-time.Hour)
		env.After = testNow.Add(-2 * time.Second) // from-front passed while this wget ran
		rec := shell.Record{Time: testNow.Add(-time.Second), Line: wget + "http://web.prod", Exit: 1, Ms: 3000}
		if err := shell.Append(env.ShellHistory, rec); err != nil {
			t.Fatal(err)
		}
		expect(t, run(t, env, "shell-command", refusalParams), Pending)
	})
	if _, err := Decode("shell-command", []byte(`{"program": "kubectl", "minDuration": "2s"}`)); err == nil || !strings.Contains(err.Error(), "expectFailure") {
		t.Errorf("minDuration without expectFailure: %v", err)
	}
}

// TestShellCommandOffTarget: a kubectl command run against another cluster, or that only
// printed its help, is no evidence; words after « -- » are the pod's (curl -s).
func TestShellCommandOffTarget(t *testing.T) {
	const params = `{"program": "kubectl", "subcommands": ["cluster-info"]}`
	tests := []struct {
		line string
		want Status
		says string
	}{
		{"kubectl cluster-info", Passed, ""},
		{"k cluster-info", Passed, ""},
		{"kubectl cluster-info --kubeconfig ~/.kube/config", Failed, "ne parle pas au cluster du TP (--kubeconfig)"},
		{"kubectl --context=prod cluster-info", Failed, "(--context)"},
		{"KUBECONFIG=$HOME/.kube/config kubectl cluster-info", Failed, "KUBECONFIG="},
		{"kubectl cluster-info --help", Failed, "l’aide"},
		{"kubectl -s https://10.0.0.1:6443 cluster-info", Failed, "(-s)"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			env := fakeEnv()
			env.ShellHistory = filepath.Join(t.TempDir(), "history.jsonl")
			env.LabStarted = testNow.Add(-time.Hour)
			if err := shell.Append(env.ShellHistory, shell.Record{Time: testNow.Add(-time.Second), Line: tt.line}); err != nil {
				t.Fatal(err)
			}
			expect(t, run(t, env, "shell-command", params), tt.want, tt.says)
		})
	}
	exec := `{"program": "kubectl", "subcommands": ["exec"], "args": ["curl"]}`
	env := fakeEnv()
	env.ShellHistory = filepath.Join(t.TempDir(), "history.jsonl")
	env.LabStarted = testNow.Add(-time.Hour)
	_ = shell.Append(env.ShellHistory, shell.Record{Time: testNow.Add(-time.Second), Line: "kubectl -n front exec client -- curl -s -h http://web.prod"})
	expect(t, run(t, env, "shell-command", exec), Passed)
}
