package doctor

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
	"time"

	"kubetutor/labs/cluster"
)

// Host is the System of this machine, reading the engine through a cluster Manager. What it
// reads of the host itself differs by system: system_linux.go, system_darwin.go.
type Host struct {
	M *cluster.Manager
	// Root is where /proc and /sys are ("/" when empty; tests point it elsewhere).
	Root string
	// OS overrides runtime.GOOS (tests).
	OS string
}

// HostOS is runtime.GOOS unless overridden.
func (h Host) HostOS() string {
	if h.OS != "" {
		return h.OS
	}
	return runtime.GOOS
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
