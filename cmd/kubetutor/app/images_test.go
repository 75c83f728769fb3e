package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/i18n"
)

func TestImagesSaveAndLoad(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.rt.SetImages("kindest/node:v1.37.0", "nginx:1.27.3-alpine", "busybox:1.37.0", "metrics-server/metrics-server:v0.9.0")
	file := filepath.Join(t.TempDir(), "atelier.tar")
	if err := runImagesSave(context.Background(), deps, f.m, file, ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"image 1/4 kindest/node:v1.37.0", "Archive écrite", "4 images"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("save output lacks %q:\n%s", want, out.String())
		}
	}
	deps2, out2 := clusterTestDeps(t, i18n.EN, "")
	g := newClusterFixture(deps2)
	g.p.AddNodes("kubetutor", 1)
	if err := runImagesLoad(context.Background(), deps2, g.m, file); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out2.String(), "4 images loaded into Docker") {
		t.Errorf("load output:\n%s", out2.String())
	}
}

func TestImagesErrors(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.rt.SetImages()
	file := filepath.Join(t.TempDir(), "atelier.tar")
	err := runImagesSave(context.Background(), deps, f.m, file, "")
	if e, ok := i18n.AsError(err); !ok || !strings.Contains(deps.Tr.Msg(e.Msg), "images absentes") {
		t.Errorf("save without the node image = %v", err)
	}
	err = runImagesLoad(context.Background(), deps, f.m, file)
	if e, ok := i18n.AsError(err); !ok || e.Code != i18n.ExitUsage {
		t.Errorf("load of a missing file = %v, want exit 2", err)
	}
	other := filepath.Join(t.TempDir(), "x.tar")
	writeTestFile(t, other, "not a tar")
	err = runImagesLoad(context.Background(), deps, f.m, other)
	if e, ok := i18n.AsError(err); !ok || !strings.Contains(deps.Tr.Msg(e.Msg), "n’est pas une archive") {
		t.Errorf("load of another file = %v", err)
	}
}
