package labs

import (
	"strings"
	"testing"

	"kubetutor/assets"
	"kubetutor/checks"
)

// TestNetpolStepsNeedTheRightTarget: the connectivity steps grade a wget to the web
// service only. A refused wget to a mistyped host (a DNS failure) must not count as the
// policy refusing the connection.
func TestNetpolStepsNeedTheRightTarget(t *testing.T) {
	lab, err := Load(assets.FS, "netpol")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ step, ns string }{{"from-front", "front"}, {"from-other", "other"}} {
		p, ok := lab.Step(tt.step).Check.Params.(*checks.CommandParams)
		if !ok {
			t.Fatalf("%s: params %T", tt.step, lab.Step(tt.step).Check.Params)
		}
		for line, want := range map[string]bool{
			"kubectl -n " + tt.ns + " exec client -- wget -qO- -T 3 http://web.prod":               true,
			"kubectl exec -n " + tt.ns + " client -- wget -T 3 -qO- http://web.prod":               true,
			"kubectl -n " + tt.ns + " exec client -- wget -qO- -T 3 http://web.prd":                false,
			"kubectl -n prod exec client -- wget -qO- -T 3 http://web.prod":                        false,
			"kubectl -n " + tt.ns + " exec client -- wget -qO- http://web.prod.svc.cluster.local/": true,
			"kubectl -n " + tt.ns + " exec client -- wget -qO- -T 3 http://web.prod:8080":          false,
		} {
			if got := p.Matches(strings.Fields(line)); got != want {
				t.Errorf("%s: %q matches = %v, want %v", tt.step, line, got, want)
			}
		}
	}
}

// TestEtcdRestoreIsAQuestion: the restore step ends with a question, so the lab screen
// gives it an answer field (its check is etcd-restore, not answer).
func TestEtcdRestoreIsAQuestion(t *testing.T) {
	lab, err := Load(assets.FS, "etcd")
	if err != nil {
		t.Fatal(err)
	}
	if id := lab.Step("restore").Check.ID; !checks.TakesAnswer(id) {
		t.Errorf("restore's check %q takes no answer", id)
	}
	if checks.TakesAnswer("shell-command") {
		t.Error("shell-command takes an answer")
	}
}
