package labs

import (
	"reflect"
	"testing"
	"testing/fstest"

	"kubetutor/assets"
	"kubetutor/labs/catalog"
)

// TestCatalogMatchesTheLoader proves the light catalog lists what the full loader loads:
// the same labs, titles, summaries, needs and step ids, node references bound the same way.
func TestCatalogMatchesTheLoader(t *testing.T) {
	full, err := LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	light, err := catalog.LoadAll(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	if len(full) != len(light) || len(full) == 0 {
		t.Fatalf("loader has %d labs, catalog %d", len(full), len(light))
	}
	for i, f := range full {
		l := light[i]
		want := &catalog.Lab{ID: f.ID, Title: f.Title, Summary: f.Summary, Section: f.Section, Needs: f.Needs, Steps: f.StepIDs()}
		if !reflect.DeepEqual(l, want) {
			t.Errorf("lab %s:\ncatalog %+v\nloader  %+v", f.ID, l, want)
		}
	}
}

// TestCatalogBindsNodeReferencesLikeTheLoader: a title naming nodes reads the same.
func TestCatalogBindsNodeReferencesLikeTheLoader(t *testing.T) {
	title := "Le nœud {{node:worker2}} et {{node:control-plane}}"
	got := catalog.Text{"fr": title}
	fsys := fstest.MapFS{"labs/x/lab.yaml": {Data: []byte("id: x\ntitle:\n  fr: \"" + title + "\"\nsection: s\nneeds: node-access\nsteps:\n  - id: a\n")}}
	l, err := catalog.Load(fsys, "x")
	if err != nil {
		t.Fatal(err)
	}
	if want := defaultNodes.ExpandText(got); !reflect.DeepEqual(l.Title, want) {
		t.Errorf("catalog %q, loader %q", l.Title, want)
	}
}
