package cluster_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"kubetutor/assets"
	. "kubetutor/labs/cluster"
	"kubetutor/labs/cluster/clustertest"
)

func TestLoadPinnedImages(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		want    []string
		wantErr string
	}{
		{"list", "images:\n  - name: nginx:1.27\n    used_by: [lab-failure]\n  - name: kindest/kindnetd:v1\n", []string{"nginx:1.27", "kindest/kindnetd:v1"}, ""},
		{"empty", "images: []\n", nil, ""},
		{"registry host", "images:\n  - name: registry.example/app:1\n", nil, "registry host"},
		{"port as host", "images:\n  - name: localhost:5000/app:1\n", nil, "registry host"},
		{"twice", "images:\n  - name: nginx:1\n  - name: nginx:1\n", nil, "twice"},
		{"unknown field", "images:\n  - name: nginx:1\n    usedby: [x]\n", nil, "unknown field"},
		{"no name", "images:\n  - used_by: [x]\n", nil, "empty name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadPinnedImages(fstest.MapFS{"labs/images.yaml": {Data: []byte(tt.yaml)}})
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, i := range got {
				names = append(names, i.Name)
			}
			if strings.Join(names, ",") != strings.Join(tt.want, ",") {
				t.Errorf("images %v, want %v", names, tt.want)
			}
		})
	}
	if got, err := LoadPinnedImages(fstest.MapFS{}); err != nil || got != nil {
		t.Errorf("no file: %v, %v; want nothing", got, err)
	}
}

func TestEmbeddedPinnedImagesAreValid(t *testing.T) {
	if _, err := LoadPinnedImages(assets.FS); err != nil {
		t.Fatal(err)
	}
}

func TestImageBundleRoundTrip(t *testing.T) {
	f := newFixture(t)
	labs := []string{"nginx:1.27", "busybox:1.36"}
	f.rt.SetImages(append([]string{"kindest/node:v1.37.0"}, labs...)...)
	path := filepath.Join(t.TempDir(), "images.tar")
	var saves []BundleProgress
	if err := f.m.SaveImages(context.Background(), path, "kindest/node:v1.37.0", labs, func(p BundleProgress) { saves = append(saves, p) }); err != nil {
		t.Fatal(err)
	}
	last := saves[len(saves)-1]
	if last.Index != 3 || last.Count != 3 || last.Done != last.Total || last.Total == 0 {
		t.Errorf("last save progress %+v, want image 3 of 3, all bytes", last)
	}
	if m, _ := filepath.Glob(path + "*"); len(m) != 1 {
		t.Errorf("files beside the archive: %v", m)
	}

	// Load into another machine's engine, with a cluster.
	g := newFixture(t)
	g.p.AddNodes(DefaultName, 2)
	var loads []BundleProgress
	res, err := g.m.LoadImages(context.Background(), path, func(p BundleProgress) { loads = append(loads, p) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Images != 3 || len(res.Nodes) != 3 {
		t.Errorf("result %+v, want 3 images into 3 nodes", res)
	}
	got := g.rt.Loads()
	if len(got) != 3 || !bytes.Equal(got[0], clustertest.Archive("kindest/node:v1.37.0")) || !bytes.Equal(got[2], clustertest.Archive("busybox:1.36")) {
		t.Errorf("engine loads: %d archives", len(got))
	}
	want := append(clustertest.Archive("nginx:1.27"), clustertest.Archive("busybox:1.36")...)
	for _, n := range res.Nodes {
		if !bytes.Equal(g.p.Loaded(n), want) {
			t.Errorf("node %s got %d bytes, want the lab images only (%d)", n, len(g.p.Loaded(n)), len(want))
		}
	}
	st, _ := os.Stat(path)
	if l := loads[len(loads)-1]; l.Done != st.Size() || l.Total != st.Size() || l.Count != 3 || l.Index != 3 {
		t.Errorf("last load progress %+v, want 3 of 3 and %d bytes", l, st.Size())
	}
}

func TestImageBundleWithoutClusterLoadsTheEngineOnly(t *testing.T) {
	f := newFixture(t)
	f.rt.SetImages("kindest/node:v1.37.0", "nginx:1.27")
	path := filepath.Join(t.TempDir(), "images.tar")
	if err := f.m.SaveImages(context.Background(), path, "kindest/node:v1.37.0", []string{"nginx:1.27"}, nil); err != nil {
		t.Fatal(err)
	}
	g := newFixture(t)
	res, err := g.m.LoadImages(context.Background(), path, nil)
	if err != nil || res.Images != 2 || len(res.Nodes) != 0 || len(g.rt.Loads()) != 2 {
		t.Errorf("LoadImages = %+v, %v; engine loads %d", res, err, len(g.rt.Loads()))
	}
}

func TestSaveImagesNamesMissingImages(t *testing.T) {
	f := newFixture(t)
	f.rt.SetImages("kindest/node:v1.37.0")
	path := filepath.Join(t.TempDir(), "images.tar")
	err := f.m.SaveImages(context.Background(), path, "kindest/node:v1.37.0", []string{"nginx:1.27"}, nil)
	var me *MissingImagesError
	if !errors.As(err, &me) || len(me.Images) != 1 || me.Images[0] != "nginx:1.27" {
		t.Fatalf("err = %v, want nginx missing", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("an archive was written")
	}
}

func TestLoadImagesRejectsOtherFiles(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "not-a-bundle.tar")
	os.WriteFile(path, []byte("hello"), 0o644)
	if _, err := f.m.LoadImages(context.Background(), path, nil); !errors.Is(err, ErrNotABundle) {
		t.Errorf("err = %v, want ErrNotABundle", err)
	}
}
