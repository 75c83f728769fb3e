package labs

import (
	"context"
	"encoding/json"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/fake"

	"kubetutor/assets"
	"kubetutor/checks"
)

func TestParseNodeRef(t *testing.T) {
	for _, c := range []struct {
		in   string
		want NodeRef
		ok   bool
	}{
		{"{{node:control-plane}}", NodeRef{RoleControlPlane, 1}, true},
		{"{{node:control-plane2}}", NodeRef{RoleControlPlane, 2}, true},
		{"{{node:worker}}", NodeRef{RoleWorker, 1}, true},
		{"{{node:worker2}}", NodeRef{RoleWorker, 2}, true},
		{"{{node:worker12}}", NodeRef{RoleWorker, 12}, true},
		{"{{node:worker1}}", NodeRef{}, false}, // the first worker is {{node:worker}}, as kind names it
		{"{{node:worker0}}", NodeRef{}, false},
		{"{{node:wroker2}}", NodeRef{}, false},
		{"{{ node:worker2 }}", NodeRef{}, false},
		{"{{node worker2}}", NodeRef{}, false},
	} {
		got, ok := ParseNodeRef(c.in)
		if ok != c.ok || got != c.want {
			t.Errorf("ParseNodeRef(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestUnknownRefs(t *testing.T) {
	s := "kubectl get pods -o go-template='{{.metadata.name}}' {{range .items}} on {{node:worker2}}, {{nod:worker}}, {{ node:worker }}, {{Node:x}}"
	got := UnknownRefs(s)
	want := []string{"{{nod:worker}}", "{{ node:worker }}", "{{Node:x}}"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("UnknownRefs = %q, want %q (go-templates are not references)", got, want)
	}
}

func kindNode(name string, controlPlane bool) *corev1.Node {
	n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"kubernetes.io/hostname": name}}}
	if controlPlane {
		n.Labels["node-role.kubernetes.io/control-plane"] = ""
	}
	return n
}

func TestClusterNodesInKindOrder(t *testing.T) {
	kube := fake.NewClientset(kindNode("autre-worker10", false), kindNode("autre-worker2", false),
		kindNode("autre-control-plane", true), kindNode("autre-worker", false))
	n, err := ClusterNodes(context.Background(), kube)
	if err != nil {
		t.Fatal(err)
	}
	if n.Cluster != "autre" || strings.Join(n.ControlPlane, ",") != "autre-control-plane" ||
		strings.Join(n.Workers, ",") != "autre-worker,autre-worker2,autre-worker10" {
		t.Fatalf("nodes %+v", n)
	}
	for ref, want := range map[string]string{
		"{{node:control-plane}}": "autre-control-plane", "{{node:worker}}": "autre-worker",
		"{{node:worker2}}": "autre-worker2", "{{node:worker3}}": "autre-worker10",
		"{{node:worker4}}": "autre-worker4", // missing: kind's name, so a check says it does not exist
	} {
		if got := n.Expand(ref); got != want {
			t.Errorf("%s → %q, want %q", ref, got, want)
		}
	}
	// A cluster not named as kind names it: roles from the labels, no invented names.
	other := nodesOf([]corev1.Node{*kindNode("cp-a", true), *kindNode("gpu-1", false)})
	if got := other.Expand("{{node:control-plane}} {{node:worker}} {{node:worker2}}"); got != "cp-a gpu-1 worker2" {
		t.Errorf("other cluster: %q", got)
	}
}

// literalNodeName is a node name of the tutor's cluster written out in a lab file.
var literalNodeName = regexp.MustCompile(`kubetutor-(control-plane|worker)[0-9]*`)

// TestNoLiteralNodeNamesInLabs reads every lab.yaml as written: node names come from the
// cluster the lab runs on, through references, never from one cluster's names.
func TestNoLiteralNodeNamesInLabs(t *testing.T) {
	ids, err := List(assets.FS)
	if err != nil || len(ids) == 0 {
		t.Fatalf("labs: %v %v", ids, err)
	}
	for _, id := range ids {
		data, err := fs.ReadFile(assets.FS, path.Join(Root, id, FileName))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if m := literalNodeName.FindString(line); m != "" {
				t.Errorf("labs/%s/lab.yaml:%d: %q written out: use a node reference (%s)", id, i+1, m, KnownRefsHelp)
			}
		}
	}
}

// TestBindEmbeddedLabsToAnotherCluster binds every lab to a cluster called autre: no text,
// solution or check param names a node of the tutor's cluster any more.
func TestBindEmbeddedLabsToAnotherCluster(t *testing.T) {
	all, err := LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	nodes := nodesOf([]corev1.Node{*kindNode("autre-control-plane", true), *kindNode("autre-worker", false), *kindNode("autre-worker2", false)})
	refs := 0
	for _, lab := range all {
		bound, err := lab.Bind(nodes)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, s := range bound.Steps {
			texts = append(texts, s.Instructions["fr"], s.Instructions["en"])
			for _, h := range s.Hints {
				texts = append(texts, h["fr"], h["en"])
			}
			texts = append(texts, s.Solution...)
			params, _ := json.Marshal(s.Check.Params)
			texts = append(texts, string(params))
		}
		if bound.Recovery != nil {
			rec, _ := json.Marshal(bound.Recovery)
			texts = append(texts, string(rec))
		}
		for _, txt := range texts {
			if m := literalNodeName.FindString(txt); m != "" {
				t.Errorf("%s bound to autre still names %s: %q", lab.ID, m, txt)
			}
			if strings.Contains(txt, "{{node:") {
				t.Errorf("%s: reference left unbound: %q", lab.ID, txt)
			}
			refs += strings.Count(txt, "autre-")
		}
		// The lab as loaded is unchanged: the tutor's cluster's names.
		for _, s := range lab.Steps {
			if strings.Contains(strings.Join(s.Solution, "\n"), "autre-") {
				t.Errorf("%s/%s: Bind changed the loaded lab", lab.ID, s.ID)
			}
		}
	}
	if refs < 30 {
		t.Errorf("only %d node names bound in the embedded labs", refs)
	}
	failure := mustLab(t, all, "failure")
	b, _ := failure.Bind(nodes)
	if p := b.Step("stop-kubelet").Check.Params.(*checks.NodeStateParams); p.Node != "autre-worker2" {
		t.Errorf("failure/stop-kubelet node param = %q", p.Node)
	}
	if got := b.Step("stop-kubelet").Solution[0]; got != "docker exec autre-worker2 systemctl stop kubelet" {
		t.Errorf("failure/stop-kubelet solution = %q", got)
	}
	if p := failure.Step("stop-kubelet").Check.Params.(*checks.NodeStateParams); p.Node != "kubetutor-worker2" {
		t.Errorf("as loaded: node param = %q, want the tutor's cluster's name", p.Node)
	}
}

func mustLab(t *testing.T, all []*Lab, id string) *Lab {
	t.Helper()
	for _, l := range all {
		if l.ID == id {
			return l
		}
	}
	t.Fatalf("no lab %s", id)
	return nil
}

func TestValidateRejectsBadReferences(t *testing.T) {
	lab := strings.NewReplacer("solution: [kubectl get nodes]", "solution: ['kubectl cordon {{node:wroker2}}', 'kubectl drain kubetutor-worker']",
		"instructions: {fr: Attendez.}", "instructions: {fr: 'Sur {{node:worker}}, {{ node:worker }}.'}").Replace(goodLab)
	_, err := Load(mapFS(map[string]string{"lab.yaml": lab, "ns.yaml": goodNS}), "demo")
	ve, ok := err.(*ValidationError)
	if !ok {
		t.Fatalf("err = %v, want a ValidationError", err)
	}
	msg := ve.Error()
	for _, want := range []string{`unknown node reference {{node:wroker2}}`, `unknown node reference {{ node:worker }}`, `"kubetutor-worker" written out`, "lab.yaml:10:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("missing %q in:\n%s", want, msg)
		}
	}
	if n := strings.Count(msg, "unknown node reference"); n != 2 {
		t.Errorf("%d unknown references reported, want 2 ({{node:worker}} is good):\n%s", n, msg)
	}
}

// TestRunnerBindsToTheClusterItGrades: the failure lab's stop-kubelet step on a cluster
// called autre passes on autre-worker2 (unreachable and tainted), given the step of the
// lab as loaded, which names kubetutor-worker2.
func TestRunnerBindsToTheClusterItGrades(t *testing.T) {
	lab, err := Load(assets.FS, "failure")
	if err != nil {
		t.Fatal(err)
	}
	w2 := kindNode("autre-worker2", false)
	w2.Status.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionUnknown}}
	w2.Spec.Taints = []corev1.Taint{{Key: "node.kubernetes.io/unreachable", Effect: corev1.TaintEffectNoExecute}}
	kube := fake.NewClientset(kindNode("autre-control-plane", true), kindNode("autre-worker", false), w2)
	r := NewRunner(lab, &checks.Env{Kube: kube}, nil, nil)
	ev := r.Evaluate(context.Background(), lab.Step("stop-kubelet"))
	if ev.Kind != EventPassed {
		t.Fatalf("stop-kubelet on autre: %s %v %v", ev.Kind, ev.Result.Reason, ev.Err)
	}
	if got := r.Lab().Step("stop-kubelet").Instructions["fr"]; !strings.Contains(got, "`autre-worker2`") {
		t.Errorf("instructions shown: %q", got)
	}
	if sol, _ := r.RevealSolution(lab.Step("repair")); !strings.Contains(sol[0], "autre-worker2") {
		t.Errorf("solution: %q", sol)
	}
	if cur := r.Current(); cur == nil || !strings.Contains(cur.Instructions["en"], "two workers") {
		t.Errorf("current step %+v", cur)
	}
}

// BenchmarkBindEmbeddedLabs binds every embedded lab to a three-node cluster, as a runner
// does once per lab opened.
func BenchmarkBindEmbeddedLabs(b *testing.B) {
	all, err := LoadAll(assets.FS)
	if err != nil {
		b.Fatal(err)
	}
	nodes := nodesOf([]corev1.Node{*kindNode("autre-control-plane", true), *kindNode("autre-worker", false), *kindNode("autre-worker2", false)})
	b.ResetTimer()
	for b.Loop() {
		for _, l := range all {
			if _, err := l.Bind(nodes); err != nil {
				b.Fatal(err)
			}
		}
	}
}
