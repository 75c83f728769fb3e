// Package buildinfo holds what the build stamped into the binary: the release version, the
// commit it was built from and when. The Makefile and GoReleaser set them with
//
//	-ldflags "-X kubetutor/internal/buildinfo.version=v1.2.3
//	          -X kubetutor/internal/buildinfo.commit=0123abc
//	          -X kubetutor/internal/buildinfo.date=2026-12-01T09:00:00Z"
//
// A binary built without them (go build, go install) falls back on what the Go toolchain
// recorded: the module version and, when VCS stamping was on, the revision and its time.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Set by the linker (-X); empty in a plain go build.
var (
	version = ""
	commit  = ""
	date    = ""
)

// Info is the build's identity, as `kubetutor version --json` prints it.
type Info struct {
	Version string `json:"version"`
	Commit  string `json:"commit"`
	Date    string `json:"date"`
	Go      string `json:"go"`
	OS      string `json:"os"`
	Arch    string `json:"arch"`
}

// Unknown is the commit or date of a build that recorded none.
const Unknown = "unknown"

// Get returns this binary's build information.
func Get() Info {
	bi, _ := debug.ReadBuildInfo()
	return resolve(version, commit, date, bi)
}

// Version returns the release version alone ("dev" for an unstamped build).
func Version() string { return Get().Version }

// resolve prefers the linker's values, then the toolchain's build info, then defaults.
func resolve(v, c, d string, bi *debug.BuildInfo) Info {
	if bi != nil {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if c == "" {
					c = s.Value
				}
			case "vcs.time":
				if d == "" {
					d = s.Value
				}
			}
		}
	}
	if v == "" {
		v = "dev"
	}
	if c == "" {
		c = Unknown
	}
	if d == "" {
		d = Unknown
	}
	return Info{Version: v, Commit: c, Date: d, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
}
