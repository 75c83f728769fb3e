package doctor

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/labs/cluster"
)

// fakeSystem is a machine described by its fields.
type fakeSystem struct {
	os        string // "linux" when empty
	runtime   string // "docker" when empty
	infoErr   error
	info      cluster.RuntimeInfo
	hostCg    string
	mem       int64
	memErr    error
	disk      map[string]int64
	sysctl    map[string]int64
	kubectl   string
	kubectlEr error
	image     string
	present   bool
	status    cluster.Status
}

func healthy() *fakeSystem {
	return &fakeSystem{
		info:    cluster.RuntimeInfo{ServerVersion: "20.10.24", CgroupVersion: "2", RootDir: "/var/lib/docker"},
		mem:     8 * GiB,
		disk:    map[string]int64{"/var/lib/docker": 50 * GiB, "/": 50 * GiB},
		sysctl:  map[string]int64{"fs.inotify.max_user_watches": 524288, "fs.inotify.max_user_instances": 512},
		kubectl: "v1.37.2", image: "kindest/node:v1.37.0", present: true,
		status: cluster.Status{Name: "kubetutor", State: cluster.StateRunning, ServerVersion: "v1.37.0",
			Nodes: make([]cluster.NodeStatus, 3)},
	}
}

func (f *fakeSystem) RuntimeName() string {
	if f.runtime == "" {
		return "docker"
	}
	return f.runtime
}
func (f *fakeSystem) HostOS() string {
	if f.os == "" {
		return "linux"
	}
	return f.os
}
func (f *fakeSystem) RuntimeInfo(context.Context) (cluster.RuntimeInfo, error) {
	return f.info, f.infoErr
}
func (f *fakeSystem) HostCgroupVersion() string    { return f.hostCg }
func (f *fakeSystem) MemAvailable() (int64, error) { return f.mem, f.memErr }
func (f *fakeSystem) DiskFree(p string) (int64, error) {
	if n, ok := f.disk[p]; ok {
		return n, nil
	}
	return 0, errors.New("no such path")
}
func (f *fakeSystem) Sysctl(name string) (int64, error) {
	if n, ok := f.sysctl[name]; ok {
		return n, nil
	}
	return 0, errors.New("no sysctl")
}
func (f *fakeSystem) KubectlVersion(context.Context) (string, error) { return f.kubectl, f.kubectlEr }
func (f *fakeSystem) NodeImage(context.Context) (string, bool, error) {
	return f.image, f.present, nil
}
func (f *fakeSystem) ClusterStatus(context.Context) (cluster.Status, error) { return f.status, nil }

func find(t *testing.T, fs []Finding, id string) Finding {
	t.Helper()
	for _, f := range fs {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %q", id)
	return Finding{}
}

func TestAHealthyMachineIsAllOK(t *testing.T) {
	fs := Run(context.Background(), healthy())
	if len(fs) != 8 {
		t.Errorf("%d findings, want 8", len(fs))
	}
	for _, f := range fs {
		if f.Level != OK {
			t.Errorf("%s: level %d, want OK (%s)", f.ID, f.Level, f.Title)
		}
	}
}

func TestFindings(t *testing.T) {
	tests := []struct {
		name  string
		alter func(*fakeSystem)
		id    string
		level Level
		title string // a fragment of the French title
		fix   string // a fragment of the French fix
	}{
		{"no docker binary", func(f *fakeSystem) { f.infoErr = &exec.Error{Name: "docker", Err: exec.ErrNotFound} },
			"runtime", Blocking, "n’est pas installé", "installez Docker"},
		{"docker client without daemon", func(f *fakeSystem) { f.infoErr = errors.New("Cannot connect to the Docker daemon") },
			"runtime", Blocking, "ne répond pas", "systemctl start docker"},
		{"cgroup v1", func(f *fakeSystem) { f.info.CgroupVersion = "1" }, "cgroup", Warning, "cgroup v1", "cgroup v2"},
		{"cgroup from the host without daemon", func(f *fakeSystem) { f.infoErr = errors.New("down"); f.hostCg = "2" }, "cgroup", OK, "cgroup v2", ""},
		{"memory low", func(f *fakeSystem) { f.mem = 3 * GiB }, "memory", Warning, "3,0\u00a0Gio", "--workers 1"},
		{"memory too low", func(f *fakeSystem) { f.mem = GiB }, "memory", Blocking, "1,0\u00a0Gio", "--workers 1"},
		{"memory unknown", func(f *fakeSystem) { f.memErr = errors.New("no /proc") }, "memory", Warning, "inconnue", ""},
		{"disk low", func(f *fakeSystem) { f.disk["/var/lib/docker"] = 5 * GiB }, "disk", Warning, "5,0\u00a0Gio", "docker system prune"},
		{"disk full", func(f *fakeSystem) { f.disk["/var/lib/docker"] = GiB }, "disk", Blocking, "1,0\u00a0Gio", "docker system prune"},
		{"engine root elsewhere (VM)", func(f *fakeSystem) { delete(f.disk, "/var/lib/docker") }, "disk", OK, "(/)", ""},
		{"inotify low", func(f *fakeSystem) { f.sysctl["fs.inotify.max_user_instances"] = 128 }, "inotify", Warning, "128",
			"sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=512"},
		{"kubectl missing", func(f *fakeSystem) { f.kubectl, f.kubectlEr = "", exec.ErrNotFound }, "kubectl", Warning, "introuvable", "v1.37.0"},
		{"kubectl skew", func(f *fakeSystem) { f.kubectl = "v1.32.4" }, "kubectl", Warning, "v1.32.4", "v1.37.0"},
		{"kubectl one minor apart", func(f *fakeSystem) { f.kubectl = "v1.36.1" }, "kubectl", OK, "v1.36.1", ""},
		{"kubectl without cluster compares to the image", func(f *fakeSystem) {
			f.status = cluster.Status{Name: "kubetutor", State: cluster.StateAbsent}
			f.kubectl = "v1.30.0"
		}, "kubectl", Warning, ImageVersion(cluster.DefaultImage), ""},
		{"node image absent", func(f *fakeSystem) { f.present = false }, "image", Warning, "absente", "kubetutor images load"},
		{"no daemon: image unchecked", func(f *fakeSystem) { f.infoErr = errors.New("down") }, "image", Warning, "non vérifiée", ""},
		{"cluster absent", func(f *fakeSystem) { f.status = cluster.Status{Name: "kubetutor", State: cluster.StateAbsent} },
			"cluster", OK, "pas encore créé", ""},
		{"cluster half made", func(f *fakeSystem) { f.status.State = cluster.StateHalfMade }, "cluster", Warning, "moitié", "--recreate"},
		{"cluster degraded", func(f *fakeSystem) { f.status.State = cluster.StateDegraded }, "cluster", Warning, "pas prêts", "cluster status"},
	}
	tr := i18n.New(i18n.FR)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sys := healthy()
			tt.alter(sys)
			f := find(t, Run(context.Background(), sys), tt.id)
			title, fix := tr.Msg(f.Title), ""
			if f.Fix.ID != "" {
				fix = tr.Msg(f.Fix)
			}
			if f.Level != tt.level || !strings.Contains(title, tt.title) || !strings.Contains(fix, tt.fix) {
				t.Errorf("%s = level %d, %q, fix %q; want level %d, %q, fix with %q", tt.id, f.Level, title, fix, tt.level, tt.title, tt.fix)
			}
			if f.Level != OK && f.Fix.ID == "" && tt.fix != "" {
				t.Errorf("%s is not OK and gives no fix", tt.id)
			}
		})
	}
}

func TestWorstAndCount(t *testing.T) {
	sys := healthy()
	sys.infoErr = errors.New("down")
	fs := Run(context.Background(), sys)
	if Worst(fs) != Blocking || Count(fs, Blocking) != 1 {
		t.Errorf("worst %d, blocking %d; want the runtime alone blocking", Worst(fs), Count(fs, Blocking))
	}
}

func TestFormatBytesAndVersions(t *testing.T) {
	for ref, want := range map[string]string{
		"kindest/node:v1.37.0@sha256:abc": "v1.37.0", "kindest/node:v1.36.1": "v1.36.1", "kindest/node": "", "host:5000/node": "",
	} {
		if got := ImageVersion(ref); got != want {
			t.Errorf("ImageVersion(%q) = %q, want %q", ref, got, want)
		}
	}
}
