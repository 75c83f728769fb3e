package labs

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"kubetutor/assets"
	"kubetutor/checks"
)

// TestEmbeddedLabsAreValid loads every lab shipped in assets: unknown check ids, params
// that do not decode and manifests that do not parse fail here.
func TestEmbeddedLabsAreValid(t *testing.T) {
	all, err := LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		t.Fatal("no lab in assets")
	}
	for _, l := range all {
		if l.Title.In("en") == "" || len(l.Steps) == 0 {
			t.Errorf("%s: incomplete", l.ID)
		}
		for _, s := range l.Steps {
			if len(s.Solution) == 0 {
				t.Errorf("%s/%s: no solution", l.ID, s.ID)
			}
		}
	}
}

const goodLab = `id: demo
title: {fr: Démo, en: Demo}
section: 00-03-noeuds
needs: any-cluster
setup: [ns.yaml]
steps:
  - id: ready
    instructions: {fr: Attendez.}
    hints: [{fr: Patience.}]
    solution: [kubectl get nodes]
    check:
      id: nodes-ready
      params: {min: 2}
    wait: {after: 20s, reason: {fr: le contrôleur attend}}
`

const goodNS = `apiVersion: v1
kind: Namespace
metadata: {name: demo}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: demo}
data: {a: b}
`

func mapFS(files map[string]string) fstest.MapFS {
	m := fstest.MapFS{}
	for k, v := range files {
		m["labs/demo/"+k] = &fstest.MapFile{Data: []byte(v)}
	}
	return m
}

func TestLoadGoodLab(t *testing.T) {
	l, err := Load(mapFS(map[string]string{"lab.yaml": goodLab, "ns.yaml": goodNS}), "demo")
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Setup) != 2 || l.Setup[0].GetKind() != "Namespace" {
		t.Errorf("setup %v", l.Setup)
	}
	st := l.Step("ready")
	if st == nil || st.Wait == nil || st.Wait.After.Seconds() != 20 {
		t.Fatalf("step %+v", st)
	}
	if p, ok := st.Check.Params.(*checks.NodesReadyParams); !ok || p.Min != 2 {
		t.Errorf("params %#v", st.Check.Params)
	}
	if st.Instructions.In("en") != "Attendez." {
		t.Error("English falls back to French")
	}
}

func TestLoadReportsProblemsWithLines(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(string) string
		files map[string]string
		want  string
	}{
		{"unknown field", func(s string) string { return strings.Replace(s, "section:", "chapter: x\nsection:", 1) }, nil, "labs/demo/lab.yaml:3: unknown field “chapter”"},
		{"unknown check", func(s string) string { return strings.Replace(s, "id: nodes-ready", "id: nodes-readyy", 1) }, nil, `lab.yaml:12: unknown check "nodes-readyy"`},
		{"params that do not decode", func(s string) string { return strings.Replace(s, "{min: 2}", "{count: 2}", 1) }, nil, `lab.yaml:13: params of check "nodes-ready": json: unknown field "count"`},
		{"params of the wrong type", func(s string) string { return strings.Replace(s, "{min: 2}", "{min: two}", 1) }, nil, `lab.yaml:13: params of check "nodes-ready"`},
		{"duplicate step", func(s string) string { return s + strings.Replace(s[strings.Index(s, "  - id: ready"):], "", "", 1) }, nil, `step id "ready" is used twice`},
		{"no French", func(s string) string { return strings.Replace(s, "{fr: Attendez.}", "{en: Wait.}", 1) }, nil, "lab.yaml:8: steps[0].instructions: the French text (fr) is required"},
		{"bad language", func(s string) string { return strings.Replace(s, "{fr: Patience.}", "{fr: Patience., de: Geduld.}", 1) }, nil, `unknown language "de"`},
		{"bad needs", func(s string) string { return strings.Replace(s, "any-cluster", "kind", 1) }, nil, `lab.yaml:4: needs "kind"`},
		{"id differs from folder", func(s string) string { return strings.Replace(s, "id: demo", "id: other", 1) }, nil, "lab.yaml:1: id \"other\" differs"},
		{"bad wait", func(s string) string { return strings.Replace(s, "after: 20s", "after: soon", 1) }, nil, "lab.yaml:14: wait.after"},
		{"node access check in an any-cluster lab", func(s string) string {
			return strings.Replace(s, "id: nodes-ready\n      params: {min: 2}", "id: etcd-snapshot\n      params: {path: /tmp/s.db}", 1)
		}, nil, "the lab must say needs: node-access"},
		{"missing manifest", nil, map[string]string{"ns.yaml": ""}, "lab.yaml:5: setup manifest labs/demo/ns.yaml: file does not exist"},
		{"manifest without a name", nil, map[string]string{"ns.yaml": goodNS + "---\napiVersion: v1\nkind: Secret\n"}, "labs/demo/ns.yaml:10: an object needs apiVersion, kind and metadata.name"},
		{"manifest that does not parse", nil, map[string]string{"ns.yaml": "apiVersion: v1\nkind: [\n"}, "labs/demo/ns.yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lab := goodLab
			if tt.edit != nil {
				lab = tt.edit(lab)
			}
			files := map[string]string{"lab.yaml": lab, "ns.yaml": goodNS}
			for k, v := range tt.files {
				if v == "" {
					delete(files, k)
				} else {
					files[k] = v
				}
			}
			_, err := Load(mapFS(files), "demo")
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v, want a ValidationError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error:\n%v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestLoadAllGathersProblems(t *testing.T) {
	fsys := mapFS(map[string]string{"lab.yaml": goodLab, "ns.yaml": goodNS})
	fsys["labs/broken/lab.yaml"] = &fstest.MapFile{Data: []byte("id: broken\n")}
	all, err := LoadAll(fsys)
	if len(all) != 1 || err == nil || !strings.Contains(err.Error(), "labs/broken/lab.yaml") {
		t.Errorf("LoadAll = %d labs, %v", len(all), err)
	}
	ids, _ := List(fsys)
	if strings.Join(ids, ",") != "broken,demo" {
		t.Errorf("List = %v", ids)
	}
}
