package buildinfo

import (
	"runtime"
	"runtime/debug"
	"testing"
)

func TestResolve(t *testing.T) {
	vcs := &debug.BuildInfo{
		Main: debug.Module{Path: "kubetutor", Version: "v0.3.0"},
		Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "feedface"},
			{Key: "vcs.time", Value: "2026-11-30T10:00:00Z"},
		},
	}
	devel := &debug.BuildInfo{Main: debug.Module{Path: "kubetutor", Version: "(devel)"}}
	tests := []struct {
		name    string
		v, c, d string
		bi      *debug.BuildInfo
		want    Info
	}{
		{"linker values win", "v1.2.3", "abc1234", "2026-12-01T09:00:00Z", vcs,
			Info{Version: "v1.2.3", Commit: "abc1234", Date: "2026-12-01T09:00:00Z"}},
		{"toolchain's module and vcs stamp", "", "", "", vcs,
			Info{Version: "v0.3.0", Commit: "feedface", Date: "2026-11-30T10:00:00Z"}},
		{"plain go build in a work tree", "", "", "", devel,
			Info{Version: "dev", Commit: Unknown, Date: Unknown}},
		{"no build info at all", "", "", "", nil,
			Info{Version: "dev", Commit: Unknown, Date: Unknown}},
		{"version only from the linker", "v1.0.0", "", "", devel,
			Info{Version: "v1.0.0", Commit: Unknown, Date: Unknown}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := resolve(tt.v, tt.c, tt.d, tt.bi)
			tt.want.Go, tt.want.OS, tt.want.Arch = runtime.Version(), runtime.GOOS, runtime.GOARCH
			if got != tt.want {
				t.Errorf("resolve = %+v, want %+v", got, tt.want)
			}
		})
	}
}
