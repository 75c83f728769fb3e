// Package doctor checks that a machine can run the labs: the container engine's daemon,
// cgroups, memory, disk, inotify limits, kubectl, the node image and the existing cluster.
// Each finding is computed by a function that reads the machine through the System
// interface, so tests give each one a fake.
//
// On Linux the engine usually runs on the host's kernel, and the host's /proc and /sys
// tell its memory, cgroups and inotify limits. On macOS (and with Docker Desktop or Colima
// anywhere) it runs in a virtual machine (VM): the doctor then grades the VM's memory as
// the engine reports it, and advises the VM's own settings. Which readers exist on which
// system is in the build-tagged system_*.go files; the decisions are here, portable, and
// tested on Linux with a fake System that says "darwin".
package doctor

import (
	"context"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// Level grades a finding.
type Level int

// The levels of a finding, from fine to blocking.
const (
	OK       Level = iota // nothing to do
	Warning               // the labs may work, better fix it
	Blocking              // the labs cannot run until it is fixed
)

// Finding is one line of the diagnosis: what was found and, unless OK, how to fix it.
type Finding struct {
	ID    string
	Level Level
	Title i18n.Message
	Fix   i18n.Message
}

// System is what the doctor reads of the machine.
type System interface {
	// RuntimeName is the engine's command ("docker", "podman", …).
	RuntimeName() string
	// RuntimeInfo asks the engine's daemon; an error means it did not answer.
	RuntimeInfo(ctx context.Context) (cluster.RuntimeInfo, error)
	// HostOS is the host's system as runtime.GOOS names it ("linux", "darwin").
	HostOS() string
	// HostCgroupVersion is "1" or "2" as the host's /sys/fs/cgroup shows, "" if unknown.
	HostCgroupVersion() string
	// MemAvailable is the memory available for new processes, in bytes.
	MemAvailable() (int64, error)
	// DiskFree is the space left for unprivileged users on the file system of path.
	DiskFree(path string) (int64, error)
	// Sysctl reads an integer kernel setting such as fs.inotify.max_user_watches.
	Sysctl(name string) (int64, error)
	// KubectlVersion is kubectl's client version ("v1.37.2"); exec.ErrNotFound when absent.
	KubectlVersion(ctx context.Context) (string, error)
	// NodeImage is the node image `cluster up` would use, and whether the engine has it.
	NodeImage(ctx context.Context) (ref string, present bool, err error)
	// ClusterStatus describes the tutor's cluster.
	ClusterStatus(ctx context.Context) (cluster.Status, error)
}

// Run computes every finding, in the order they are shown.
func Run(ctx context.Context, sys System) []Finding {
	info, infoErr := sys.RuntimeInfo(ctx)
	up := infoErr == nil
	vm := EngineVM(sys.HostOS(), sys.RuntimeName(), info)
	fs := []Finding{
		Runtime(sys.RuntimeName(), vm, info, infoErr),
		Cgroup(info, up, vm, sys),
		Memory(sys, vm, info, up),
		Disk(sys, vm, info),
		Inotify(sys, vm),
	}
	var st *cluster.Status
	if up {
		if s, err := sys.ClusterStatus(ctx); err == nil {
			st = &s
		}
	}
	fs = append(fs, Kubectl(ctx, sys, st))
	if !up {
		rt := runtimeDisplay(sys.RuntimeName())
		return append(fs,
			Finding{ID: "image", Level: Warning, Title: i18n.M("doctor.image.unchecked", "Runtime", rt)},
			Finding{ID: "cluster", Level: Warning, Title: i18n.M("doctor.cluster.unchecked", "Runtime", rt)},
		)
	}
	return append(fs, Image(ctx, sys), Cluster(st))
}

// Worst returns the highest level among findings.
func Worst(fs []Finding) Level {
	w := OK
	for _, f := range fs {
		if f.Level > w {
			w = f.Level
		}
	}
	return w
}

// Count returns how many findings have level l.
func Count(fs []Finding, l Level) int {
	n := 0
	for _, f := range fs {
		if f.Level == l {
			n++
		}
	}
	return n
}

func runtimeDisplay(name string) string { return cluster.RuntimeDisplay(name) }

// errNotFound reports whether err says a program is not installed.
func errNotFound(err error) bool { return isNotFound(err) }
