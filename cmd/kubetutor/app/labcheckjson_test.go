package app

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"kubetutor/checks"
	"kubetutor/i18n"
	"kubetutor/labs"
)

// lab check --json without a cluster prints a JSON error object on stdout, exit 2, so a
// script can rely on stdout being JSON.
func TestLabCheckJSONWithoutCluster(t *testing.T) {
	for _, args := range [][]string{
		{"lab", "check", "inspect", "--json"},
		{"lab", "check", "inspect", "--json", "--watch"},
		{"lab", "check", "no-such-lab", "--json"},
	} {
		code, out, _ := run(t, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
		var got errorJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Errorf("%v: stdout is not one JSON object (%v): %q", args, err, out)
			continue
		}
		if got.Error.ID == "" || got.Error.Message == "" || got.Error.Exit != 2 || got.Lab != args[2] {
			t.Errorf("%v: %+v", args, got)
		}
	}
	_, out, _ := run(t, "lab", "check", "inspect", "--json")
	if !strings.Contains(out, `"id": "labs.cluster.missing"`) {
		t.Errorf("the missing cluster is not named: %s", out)
	}
}

// The step column of lab check is as wide as the lab's longest step id: the status never
// runs into it.
func TestLabCheckColumnsDoNotCollide(t *testing.T) {
	lab := &labs.Lab{ID: "inspect", Steps: []*labs.Step{{ID: "readyz"}, {ID: "componentstatuses"}, {ID: "kube-proxy-count"}}}
	var out bytes.Buffer
	deps := testDeps(t)
	deps.Tr, deps.Out = i18n.New(i18n.FR), &out
	p := &checkPrinter{deps: deps, lab: lab}
	for _, s := range lab.Steps {
		p.event(labs.Event{Lab: lab.ID, Step: s.ID, Kind: labs.EventPending, Result: checks.Wait(i18n.M("checks.nodes.none"))})
	}
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	col := -1
	for _, l := range lines {
		i := strings.Index(l, "en attente")
		if col >= 0 && i != col {
			t.Errorf("the status column is not aligned:\n%s", out.String())
		}
		col = i
	}
	if !strings.Contains(out.String(), "componentstatuses  en attente") {
		t.Errorf("the step id runs into its status:\n%s", out.String())
	}
}
