package cluster

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		name    string
		out     string
		want    RuntimeInfo
		wantErr bool
	}{
		{"docker", `{"ServerVersion":"20.10.24","CgroupVersion":"1","DockerRootDir":"/var/lib/docker","MemTotal":8000000000,"NCPU":2}`,
			RuntimeInfo{ServerVersion: "20.10.24", CgroupVersion: "1", RootDir: "/var/lib/docker", MemTotal: 8000000000, NCPU: 2}, false},
		{"docker desktop", `{"ServerVersion":"29.1.0","CgroupVersion":"2","DockerRootDir":"/var/lib/docker","MemTotal":4109000000,"NCPU":4,"Name":"docker-desktop","OperatingSystem":"Docker Desktop"}`,
			RuntimeInfo{ServerVersion: "29.1.0", CgroupVersion: "2", RootDir: "/var/lib/docker", MemTotal: 4109000000, NCPU: 4,
				Name: "docker-desktop", OperatingSystem: "Docker Desktop"}, false},
		{"podman", `{"host":{"cgroupVersion":"v2","memTotal":4000,"cpus":4},"store":{"graphRoot":"/home/a/.local/share/containers/storage"},"version":{"Version":"4.3.1"}}`,
			RuntimeInfo{ServerVersion: "4.3.1", CgroupVersion: "2", RootDir: "/home/a/.local/share/containers/storage", MemTotal: 4000, NCPU: 4}, false},
		{"docker client without daemon", `{"ServerVersion":"","ServerErrors":["Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"]}`, RuntimeInfo{}, true},
		{"no server version", `{}`, RuntimeInfo{}, true},
		{"garbage", `Cannot connect`, RuntimeInfo{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseInfo([]byte(tt.out))
			if (err != nil) != tt.wantErr || got != tt.want {
				t.Errorf("parseInfo = %+v, %v; want %+v, error %v", got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestRuntimeName(t *testing.T) {
	for env, want := range map[string]string{"": "docker", "podman": "podman", "nerdctl": "nerdctl", "finch": "finch", "rkt": "docker"} {
		if got := RuntimeName(func(string) string { return env }); got != want {
			t.Errorf("RuntimeName(%q) = %q, want %q", env, got, want)
		}
	}
}

// TestExecRuntimeAgainstAScript runs ExecRuntime against a shell script standing in for the
// docker command line.
func TestExecRuntimeAgainstAScript(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "docker")
	script := `#!/bin/sh
case "$1" in
info) echo '{"ServerErrors":["Cannot connect to the Docker daemon"]}'; exit 1;;
image) [ "$5" = "present:1" ] && { echo sha256:abc; exit 0; }; echo "Error: No such image: $5" >&2; exit 1;;
esac
exit 3
`
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	r := NewExecRuntime("docker", bin)
	if _, err := r.Info(context.Background()); err == nil {
		t.Error("Info succeeded without a daemon")
	}
	if ok, err := r.ImagePresent(context.Background(), "present:1"); !ok || err != nil {
		t.Errorf("ImagePresent(present) = %v, %v", ok, err)
	}
	if ok, err := r.ImagePresent(context.Background(), "absent:1"); ok || err != nil {
		t.Errorf("ImagePresent(absent) = %v, %v", ok, err)
	}
	missing := NewExecRuntime("docker", filepath.Join(dir, "nothing-here"))
	if _, err := missing.Info(context.Background()); !errors.Is(err, exec.ErrNotFound) && !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Info with no binary = %v, want not found", err)
	}
}
