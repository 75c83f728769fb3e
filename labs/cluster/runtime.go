package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// ExecRuntime is the Runtime that runs the engine's command line (docker, podman, nerdctl).
type ExecRuntime struct {
	name string
	bin  string
}

// NewExecRuntime returns the Runtime for the engine name; bin is the command to run (its
// name on PATH, or a path), name when empty.
func NewExecRuntime(name, bin string) *ExecRuntime {
	if bin == "" {
		bin = name
	}
	return &ExecRuntime{name: name, bin: bin}
}

// Name is the engine's name.
func (r *ExecRuntime) Name() string { return r.name }

// infoTimeout bounds `docker info`: a daemon that does not answer in that time is down.
const infoTimeout = 15 * time.Second

func (r *ExecRuntime) output(ctx context.Context, args ...string) ([]byte, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, r.bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return stdout.Bytes(), fmt.Errorf("%s %s: %w: %s", r.name, args[0], err, msg)
		}
		return stdout.Bytes(), fmt.Errorf("%s %s: %w", r.name, args[0], err)
	}
	return stdout.Bytes(), nil
}

// infoJSON holds the fields of `docker info` (nerdctl prints the same) and of
// `podman info` the tutor reads.
type infoJSON struct {
	ServerVersion string
	CgroupVersion string
	DockerRootDir string
	MemTotal      int64
	NCPU          int
	Name          string
	// OperatingSystem is the engine host's ("Docker Desktop", "Ubuntu 24.04 LTS").
	OperatingSystem string
	ServerErrors    []string
	// podman
	Host *struct {
		CgroupVersion string `json:"cgroupVersion"`
		MemTotal      int64  `json:"memTotal"`
		CPUs          int    `json:"cpus"`
	} `json:"host"`
	Store *struct {
		GraphRoot string `json:"graphRoot"`
	} `json:"store"`
	Version *struct {
		Version string `json:"Version"`
	} `json:"version"`
}

// Info runs `<engine> info` and fails unless the daemon answers.
func (r *ExecRuntime) Info(ctx context.Context) (RuntimeInfo, error) {
	ctx, cancel := context.WithTimeout(ctx, infoTimeout)
	defer cancel()
	args := []string{"info", "--format", "{{json .}}"}
	if r.name == "podman" {
		args = []string{"info", "--format", "json"}
	}
	out, err := r.output(ctx, args...)
	if err != nil {
		// A docker client without a daemon prints its info with ServerErrors: say those.
		if _, perr := parseInfo(out); len(bytes.TrimSpace(out)) > 0 && perr != nil {
			return RuntimeInfo{}, fmt.Errorf("%w (%v)", perr, err)
		}
		return RuntimeInfo{}, err
	}
	return parseInfo(out)
}

func parseInfo(out []byte) (RuntimeInfo, error) {
	var j infoJSON
	if err := json.Unmarshal(bytes.TrimSpace(out), &j); err != nil {
		return RuntimeInfo{}, fmt.Errorf("reading the engine's info: %w", err)
	}
	if len(j.ServerErrors) > 0 {
		return RuntimeInfo{}, errors.New(strings.Join(j.ServerErrors, "; "))
	}
	info := RuntimeInfo{
		ServerVersion: j.ServerVersion, CgroupVersion: j.CgroupVersion,
		RootDir: j.DockerRootDir, MemTotal: j.MemTotal, NCPU: j.NCPU,
		Name: j.Name, OperatingSystem: j.OperatingSystem,
	}
	if j.Host != nil {
		info.CgroupVersion = strings.TrimPrefix(j.Host.CgroupVersion, "v")
		info.MemTotal, info.NCPU = j.Host.MemTotal, j.Host.CPUs
	}
	if j.Store != nil {
		info.RootDir = j.Store.GraphRoot
	}
	if j.Version != nil {
		info.ServerVersion = j.Version.Version
	}
	if info.ServerVersion == "" {
		return RuntimeInfo{}, errors.New("the engine reported no server version")
	}
	return info, nil
}

// ImagePresent reports whether ref is in the engine's store.
func (r *ExecRuntime) ImagePresent(ctx context.Context, ref string) (bool, error) {
	_, err := r.output(ctx, "image", "inspect", "--format", "{{.Id}}", ref)
	if err == nil {
		return true, nil
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return false, nil
	}
	return false, err
}

// ImageSize returns the image's size as the engine reports it.
func (r *ExecRuntime) ImageSize(ctx context.Context, ref string) (int64, error) {
	out, err := r.output(ctx, "image", "inspect", "--format", "{{.Size}}", ref)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
}

// SaveImages runs `<engine> save` and streams the archive to w.
func (r *ExecRuntime) SaveImages(ctx context.Context, w io.Writer, refs ...string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, r.bin, append([]string{"save"}, refs...)...)
	cmd.Stdout, cmd.Stderr = w, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s save: %w: %s", r.name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// LoadImages runs `<engine> load` with the archive on its standard input.
func (r *ExecRuntime) LoadImages(ctx context.Context, rd io.Reader) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, r.bin, "load")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = rd, io.Discard, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s load: %w: %s", r.name, err, strings.TrimSpace(stderr.String()))
	}
	return nil
}

// Containers runs `<engine> inspect` on the containers and reads their State.
func (r *ExecRuntime) Containers(ctx context.Context, names ...string) (map[string]Container, error) {
	args := append([]string{"inspect", "--format", "{{.Name}} {{.State.Running}} {{.State.StartedAt}}"}, names...)
	out, err := r.output(ctx, args...)
	if err != nil {
		return nil, err
	}
	states := map[string]Container{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		c := Container{Running: f[1] == "true"}
		if len(f) > 2 {
			c.StartedAt, _ = time.Parse(time.RFC3339Nano, f[2])
		}
		states[strings.TrimPrefix(f[0], "/")] = c
	}
	return states, nil
}

// StartContainers runs `<engine> start` on the containers.
func (r *ExecRuntime) StartContainers(ctx context.Context, names ...string) error {
	_, err := r.output(ctx, append([]string{"start"}, names...)...)
	return err
}
