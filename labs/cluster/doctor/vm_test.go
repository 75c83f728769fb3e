package doctor

import (
	"context"
	"errors"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

func TestEngineVM(t *testing.T) {
	desktop := cluster.RuntimeInfo{Name: "docker-desktop", OperatingSystem: "Docker Desktop"}
	colima := cluster.RuntimeInfo{Name: "colima", OperatingSystem: "Ubuntu 24.04.1 LTS"}
	native := cluster.RuntimeInfo{Name: "laptop", OperatingSystem: "Debian GNU/Linux 13 (trixie)"}
	tests := []struct {
		name, os, rt string
		info         cluster.RuntimeInfo
		want         VM
	}{
		{"Docker Engine on Linux", "linux", "docker", native, NoVM},
		{"Podman on Linux", "linux", "podman", native, NoVM},
		{"Docker Desktop on Linux", "linux", "docker", desktop, DockerDesktop},
		{"Docker Desktop on macOS", "darwin", "docker", desktop, DockerDesktop},
		{"Colima on macOS", "darwin", "docker", colima, Colima},
		{"Podman machine on macOS", "darwin", "podman", cluster.RuntimeInfo{Name: "localhost.localdomain"}, PodmanMachine},
		{"OrbStack or another on macOS", "darwin", "docker", cluster.RuntimeInfo{Name: "orbstack", OperatingSystem: "OrbStack"}, OtherVM},
		{"engine down on macOS", "darwin", "docker", cluster.RuntimeInfo{}, OtherVM},
		{"engine down on Linux", "linux", "docker", cluster.RuntimeInfo{}, NoVM},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := EngineVM(tt.os, tt.rt, tt.info); got != tt.want {
				t.Errorf("EngineVM = %q, want %q", got, tt.want)
			}
		})
	}
}

// mac is a healthy Mac with Docker Desktop given 4 GB: the host readers that do not exist
// on macOS fail, as system_darwin.go's do.
func mac() *fakeSystem {
	f := healthy()
	f.os = "darwin"
	f.info.Name, f.info.OperatingSystem = "docker-desktop", "Docker Desktop"
	f.info.MemTotal = 4109000000
	f.hostCg, f.mem, f.memErr, f.sysctl = "", 0, errors.New("macOS"), map[string]int64{}
	delete(f.disk, "/var/lib/docker")
	return f
}

func TestAHealthyMacIsAllOK(t *testing.T) {
	fs := Run(context.Background(), mac())
	for _, f := range fs {
		if f.Level != OK {
			t.Errorf("%s: level %d, want OK (%s)", f.ID, f.Level, f.Title)
		}
	}
	if got := i18n.New(i18n.EN).Msg(find(t, fs, "memory").Title); !strings.Contains(got, "virtual machine: 3.8 GiB") {
		t.Errorf("memory title %q: not the VM's", got)
	}
}

func TestMacFindings(t *testing.T) {
	tests := []struct {
		name  string
		alter func(*fakeSystem)
		id    string
		level Level
		title string // a fragment of the English title
		fix   string // a fragment of the English fix
	}{
		{"Docker Desktop with 2 GB", func(f *fakeSystem) { f.info.MemTotal = 2 * GiB }, "memory", Warning, "2.0 GiB",
			"Settings → Resources → Memory"},
		{"Colima default 2 GiB", func(f *fakeSystem) { f.info.Name, f.info.OperatingSystem, f.info.MemTotal = "colima", "Ubuntu", 2*GiB },
			"memory", Warning, "2.0 GiB", "colima start --memory 4"},
		{"Podman machine with 1 GiB blocks", func(f *fakeSystem) {
			f.runtime, f.info.Name, f.info.OperatingSystem, f.info.MemTotal = "podman", "localhost", "fedora", GiB
		}, "memory", Blocking, "1.0 GiB", "podman machine set --memory 4096"},
		{"host memory is not the VM's", func(f *fakeSystem) { f.mem, f.memErr, f.info.MemTotal = 32*GiB, nil, GiB },
			"memory", Blocking, "virtual machine", "Resources"},
		{"engine down: memory unknown, all VMs advised", func(f *fakeSystem) { f.infoErr, f.info = errors.New("down"), cluster.RuntimeInfo{} },
			"memory", Warning, "unknown", "colima start --memory 4"},
		{"engine down: start the app, not systemctl", func(f *fakeSystem) { f.infoErr, f.info = errors.New("down"), cluster.RuntimeInfo{} },
			"runtime", Blocking, "does not answer", "start Docker Desktop"},
		{"engine down: cgroups are the VM's", func(f *fakeSystem) { f.infoErr, f.info, f.hostCg = errors.New("down"), cluster.RuntimeInfo{}, "1" },
			"cgroup", Warning, "virtual machine", ""},
		{"VM on cgroup v1", func(f *fakeSystem) { f.info.CgroupVersion = "1" }, "cgroup", Warning, "cgroup v1", "update Docker Desktop"},
		{"disk is the host's, not the VM's path", func(f *fakeSystem) { f.disk["/var/lib/docker"] = GiB }, "disk", OK, "(/)", ""},
		{"inotify belongs to the VM", func(f *fakeSystem) {}, "inotify", OK, "virtual machine", ""},
	}
	tr := i18n.New(i18n.EN)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := mac()
			tt.alter(sys)
			f := find(t, Run(context.Background(), sys), tt.id)
			title, fix := tr.Msg(f.Title), ""
			if f.Fix.ID != "" {
				fix = tr.Msg(f.Fix)
			}
			if f.Level != tt.level || !strings.Contains(title, tt.title) || !strings.Contains(fix, tt.fix) {
				t.Errorf("%s = level %d, %q, fix %q; want level %d, %q, fix with %q", tt.id, f.Level, title, fix, tt.level, tt.title, tt.fix)
			}
		})
	}
}

// TestDockerDesktopOnLinuxIsAVM: the same VM logic holds on Linux when the engine says it
// is Docker Desktop (its VM's memory, not the host's).
func TestDockerDesktopOnLinuxIsAVM(t *testing.T) {
	sys := healthy()
	sys.info.Name, sys.info.OperatingSystem, sys.info.MemTotal = "docker-desktop", "Docker Desktop", 2*GiB
	f := find(t, Run(context.Background(), sys), "memory")
	if f.Level != Warning || f.Fix.ID != "doctor.memory.vm.fix.desktop" {
		t.Errorf("memory = %+v, want a warning about Docker Desktop's VM", f)
	}
}
