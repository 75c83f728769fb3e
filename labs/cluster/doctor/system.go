package doctor

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"kubetutor/labs/cluster"
)

// Host is the System of this machine, reading the engine through a cluster Manager.
type Host struct {
	M *cluster.Manager
	// Root is where /proc and /sys are ("/" when empty; tests point it elsewhere).
	Root string
}

func (h Host) path(p string) string {
	if h.Root == "" {
		return p
	}
	return filepath.Join(h.Root, p)
}

// RuntimeName is the engine's command.
func (h Host) RuntimeName() string { return h.M.Runtime().Name() }

// RuntimeInfo asks the engine's daemon.
func (h Host) RuntimeInfo(ctx context.Context) (cluster.RuntimeInfo, error) {
	return h.M.Runtime().Info(ctx)
}

// HostCgroupVersion looks for the unified hierarchy's cgroup.controllers.
func (h Host) HostCgroupVersion() string {
	if _, err := os.Stat(h.path("/sys/fs/cgroup/cgroup.controllers")); err == nil {
		return "2"
	}
	if _, err := os.Stat(h.path("/sys/fs/cgroup")); err == nil {
		return "1"
	}
	return ""
}

// MemAvailable reads MemAvailable from /proc/meminfo.
func (h Host) MemAvailable() (int64, error) {
	data, err := os.ReadFile(h.path("/proc/meminfo"))
	if err != nil {
		return 0, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemAvailable:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("MemAvailable not in /proc/meminfo")
}

// DiskFree asks the file system of path (or of its nearest existing parent).
func (h Host) DiskFree(path string) (int64, error) {
	for p := path; ; p = filepath.Dir(p) {
		var st syscall.Statfs_t
		if err := syscall.Statfs(p, &st); err == nil {
			return int64(st.Bavail) * int64(st.Bsize), nil
		}
		if p == filepath.Dir(p) {
			return 0, fmt.Errorf("statfs %s: no readable parent", path)
		}
	}
}

// Sysctl reads /proc/sys/<name with dots as slashes>.
func (h Host) Sysctl(name string) (int64, error) {
	data, err := os.ReadFile(h.path(filepath.Join("/proc/sys", strings.ReplaceAll(name, ".", "/"))))
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(data)), 10, 64)
}

// KubectlVersion runs `kubectl version --client -o json`.
func (h Host) KubectlVersion(ctx context.Context) (string, error) {
	bin, err := exec.LookPath("kubectl")
	if err != nil {
		return "", err
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "version", "--client", "-o", "json").Output()
	if err != nil {
		return "", err
	}
	var v struct {
		ClientVersion struct {
			GitVersion string `json:"gitVersion"`
		} `json:"clientVersion"`
	}
	if err := json.Unmarshal(out, &v); err != nil || v.ClientVersion.GitVersion == "" {
		return "", fmt.Errorf("kubectl version: unreadable output: %v", err)
	}
	return v.ClientVersion.GitVersion, nil
}

// NodeImage is the image `cluster up` would use and whether the engine has it.
func (h Host) NodeImage(ctx context.Context) (string, bool, error) {
	ref := h.M.NodeImage(ctx, "")
	ok, err := h.M.Runtime().ImagePresent(ctx, ref)
	return ref, ok, err
}

// ClusterStatus describes the tutor's cluster.
func (h Host) ClusterStatus(ctx context.Context) (cluster.Status, error) { return h.M.Status(ctx) }
