// Package kit is the offline kit's end-to-end test (make test-kit): make a kit from make
// dist's release, delete its images from the engine, and do what a student with the USB
// key does, with no image in the engine. It is not under test/e2e: go test runs packages
// at the same time, and this one deletes images the other end-to-end tests use.
package kit

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"kubetutor/assets"
	"kubetutor/internal/kit"
	"kubetutor/internal/paths"
	"kubetutor/labs/cluster"
	"kubetutor/labs/shell"
)

// kitCluster is the test's cluster: never the tutor's (cluster.DefaultName).
const kitCluster = "e2e-kit"

// TestIntegrationOfflineKit: kit make → the node and lab images deleted from the engine →
// kit check → the programs installed from the kit's archive → images load → cluster up
// (cold: the images come from the kit only) → the first step of the nodes-ready lab fails
// before its solution and passes after it, graded by lab check. It measures the kit
// (size, per part), kit make, images load and cluster up. The engine's images are loaded
// back from the kit whatever happens, and the engine's other kind clusters are left as
// they were.
func TestIntegrationOfflineKit(t *testing.T) {
	image := os.Getenv("KUBETUTOR_E2E_IMAGE")
	dist := os.Getenv("KUBETUTOR_KIT_DIST")
	kubeBin := os.Getenv("KUBETUTOR_E2E_BINDIR")
	if image == "" || dist == "" {
		t.Skip("KUBETUTOR_E2E_IMAGE or KUBETUTOR_KIT_DIST is not set: run make test-kit")
	}
	if _, err := os.Stat(filepath.Join(kubeBin, "kubectl")); err != nil {
		t.Skipf("no kubectl in KUBETUTOR_E2E_BINDIR (%q): run make test-kit", kubeBin)
	}
	if err := exec.Command("docker", "info").Run(); err != nil {
		t.Skipf("no container engine answers docker info: %v", err)
	}
	pinned, err := cluster.LoadPinnedImages(assets.FS)
	if err != nil {
		t.Fatal(err)
	}
	refs := []string{image}
	for _, p := range pinned {
		refs = append(refs, p.Name)
	}
	for _, ref := range refs {
		if ids := docker(t, "ps", "-aq", "--filter", "ancestor="+ref); ids != "" {
			t.Skipf("containers of %s are in the engine (%s): the test deletes that image and never touches them", ref, ids)
		}
	}
	before := kindContainers(t)
	if _, ok := before[kitCluster+"-control-plane"]; ok {
		t.Fatalf("a cluster named %s exists already: the test never uses or deletes a cluster it did not create", kitCluster)
	}
	t.Cleanup(func() { untouched(t, before) })

	platform := "linux_" + runtime.GOARCH
	instructor := installPrograms(t, archiveOf(t, dist, platform))
	home := t.TempDir()
	dirs := paths.Under(home)
	environ := append(os.Environ(), paths.HomeEnv+"="+home, "KUBETUTOR_CLUSTER="+kitCluster, "LANG=fr_FR.UTF-8")
	run := func(bin string, args ...string) (string, error) {
		cmd := exec.Command(filepath.Join(bin, "kubetutor"), args...)
		cmd.Env = environ
		out, err := cmd.CombinedOutput()
		t.Logf("$ kubetutor %s\n%s", strings.Join(args, " "), out)
		return string(out), err
	}
	timed := func(what, bin string, args ...string) string {
		t.Helper()
		start := time.Now()
		out, err := run(bin, args...)
		if err != nil {
			t.Fatalf("kubetutor %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		t.Logf("MEASURE %s: %.1f s", what, time.Since(start).Seconds())
		return out
	}

	// The instructor's side, on a connected machine.
	dir := filepath.Join(t.TempDir(), "cle")
	timed("kit make", instructor, "kit", "make", dir, "--release", dist, "--image", image)
	bundle := filepath.Join(dir, filepath.FromSlash(kit.ImagesFile))
	t.Cleanup(func() { restoreImages(t, instructor, environ, bundle, refs) })
	measureKit(t, dir)
	readme, err := os.ReadFile(filepath.Join(dir, kit.ReadMe))
	if err != nil {
		t.Fatal(err)
	}
	up := "kubetutor cluster up --image " + image
	if !strings.Contains(string(readme), up+"\n") {
		t.Fatalf("the LISEZMOI does not say %q:\n%s", up, readme)
	}

	// Cold: none of the kit's images, nor the bases they were built from, in the engine.
	deleteImages(t, refs)

	// The student's side: only the key.
	if out, err := run(instructor, "kit", "check", dir); err != nil || !strings.Contains(out, "intacte") {
		t.Fatalf("kit check: %v\n%s", err, out)
	}
	student := installPrograms(t, archiveOf(t, filepath.Join(dir, kit.ReleaseDir), platform))
	if out, err := run(student, "version"); err != nil || !strings.Contains(out, "kubetutor") {
		t.Fatalf("the kit's kubetutor version: %v\n%s", err, out)
	}
	if out, err := run(student, "kit", "check", dir); err != nil {
		t.Fatalf("kit check with the kit's own kubetutor: %v\n%s", err, out)
	}
	timed("images load", student, "images", "load", bundle)
	for _, ref := range refs {
		if docker(t, "images", "-q", ref) == "" {
			t.Fatalf("images load did not put %s in the engine", ref)
		}
	}
	start := time.Now()
	out, err := run(student, strings.Fields(strings.TrimPrefix(up, "kubetutor "))...)
	t.Cleanup(func() {
		if out, err := run(student, "cluster", "down"); err != nil {
			t.Errorf("cluster down %s: %v\n%s", kitCluster, err, out)
		}
	})
	if err != nil {
		t.Fatalf("%s: %v\n%s", up, err, out)
	}
	t.Logf("MEASURE cluster up, cold, from the kit (%d nodes): %.1f s", 1+cluster.DefaultWorkers, time.Since(start).Seconds())

	// A lab's first step, graded by lab check: not passed, then the student's command in
	// the lab shell, then passed.
	lab := []string{"lab", "check", "nodes-ready", "--step", "list-nodes"}
	if out, err := run(student, lab...); exitCode(err) != 1 {
		t.Fatalf("lab check before the step's command: exit %d, want 1 (not passed)\n%s", exitCode(err), out)
	}
	labShell(t, dirs, kubeBin, student, "kubectl get nodes -o wide")
	if out, err := run(student, lab...); err != nil || !strings.Contains(out, "✓") {
		t.Fatalf("lab check after the step's command: %v\n%s", err, out)
	}
}

// docker runs the engine's client and returns its trimmed output.
func docker(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command("docker", args...).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("docker %s: %v\n%s", strings.Join(args, " "), err, ee.Stderr)
		}
		t.Fatalf("docker %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(out))
}

// archiveOf is the release archive of platform in dir.
func archiveOf(t *testing.T, dir, platform string) string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "kubetutor_*_"+platform+".tar.gz"))
	if err != nil || len(m) != 1 {
		t.Fatalf("%s: want one archive for %s, got %q (%v)", dir, platform, m, err)
	}
	return m[0]
}

// installPrograms does what the LISEZMOI says: extract the archive and put its programs
// together in one directory of the PATH; it returns that directory.
func installPrograms(t *testing.T, archive string) string {
	t.Helper()
	progs, err := kit.ArchivePrograms(archive)
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		name := strings.TrimPrefix(h.Name, "./")
		if !slices.Contains(progs, name) {
			continue
		}
		out, err := os.OpenFile(filepath.Join(bin, name), os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, tr); err != nil {
			t.Fatal(err)
		}
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("installed from %s: %s", filepath.Base(archive), strings.Join(progs, ", "))
	return bin
}

// measureKit logs the kit's size, and that of each part.
func measureKit(t *testing.T, dir string) {
	t.Helper()
	var total int64
	parts := map[string]int64{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		parts[filepath.ToSlash(rel)] = info.Size()
		total += info.Size()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(&b, "\n  %8.1f MB  %s", float64(parts[n])/1e6, n)
	}
	t.Logf("MEASURE kit size: %.1f MB in %d files:%s", float64(total)/1e6, len(parts), b.String())
}

// deleteImages removes refs (every tag of their images) and the build's base images
// (kubetutor-build/…, which the node image was made from) from the engine, so the load
// that follows is the only source of the images' layers.
func deleteImages(t *testing.T, refs []string) {
	t.Helper()
	var ids []string
	for _, ref := range refs {
		ids = append(ids, docker(t, "image", "inspect", "-f", "{{.Id}}", ref))
	}
	for _, line := range strings.Fields(docker(t, "images", "--format", "{{.Repository}}:{{.Tag}}", "kubetutor-build/*")) {
		ids = append(ids, line)
	}
	slices.Sort(ids)
	docker(t, append([]string{"rmi", "-f"}, slices.Compact(ids)...)...)
	for _, ref := range refs {
		if docker(t, "images", "-q", ref) != "" {
			t.Fatalf("%s is still in the engine", ref)
		}
	}
	t.Logf("images left in the engine: %q", docker(t, "images", "--format", "{{.Repository}}:{{.Tag}} {{.Size}}"))
}

// restoreImages loads the kit's images back when one is missing (the test stopped
// before its own load): the other end-to-end tests need them.
func restoreImages(t *testing.T, bin string, environ []string, bundle string, refs []string) {
	for _, ref := range refs {
		if out, _ := exec.Command("docker", "images", "-q", ref).Output(); len(bytes.TrimSpace(out)) == 0 {
			cmd := exec.Command(filepath.Join(bin, "kubetutor"), "images", "load", bundle)
			cmd.Env = environ
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("loading the images back (%s is missing): %v\n%s", ref, err, out)
			}
			return
		}
	}
}

// labShell runs line in an interactive bash with the lab shell's history record, as the
// tutor's lab shell does, on the kit's cluster with the kit's kubetutor on its PATH.
func labShell(t *testing.T, dirs paths.Dirs, kubeBin, student, line string) {
	t.Helper()
	dir := t.TempDir()
	rc := filepath.Join(dir, "rc")
	if err := os.WriteFile(rc, []byte(shell.RecordSnippet(shell.HistoryFile(dirs.Shell()))), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", "--noprofile", "--rcfile", rc, "-i")
	cmd.Env = append(os.Environ(), "KUBECONFIG="+dirs.Kubeconfig(kitCluster), "PS1=$ ",
		"PATH="+student+string(os.PathListSeparator)+kubeBin+string(os.PathListSeparator)+os.Getenv("PATH"),
		"HISTFILE="+filepath.Join(dir, "bash_history"))
	cmd.Stdin = strings.NewReader(line + "\nexit 0\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("bash: %v\n%s", err, out)
	}
	t.Logf("$ %s\n%s", line, out)
}

// exitCode is err's process exit code (0 for nil, -1 when it did not run).
func exitCode(err error) int {
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.ExitCode()
	}
	return -1
}

// kindContainers lists the engine's kind node containers: name → id, start, state.
func kindContainers(t *testing.T) map[string]string {
	t.Helper()
	all := map[string]string{}
	ids := strings.Fields(docker(t, "ps", "-aq", "--filter", "label=io.x-k8s.kind.cluster"))
	if len(ids) == 0 {
		return all
	}
	out := docker(t, append([]string{"inspect", "-f", "{{.Name}} {{.Id}} {{.State.StartedAt}} {{.State.Running}}"}, ids...)...)
	for _, line := range strings.Split(out, "\n") {
		if name, rest, ok := strings.Cut(strings.TrimPrefix(line, "/"), " "); ok {
			all[name] = rest
		}
	}
	return all
}

// untouched fails unless every kind container of before is still there, unchanged, and
// the test's own cluster is gone.
func untouched(t *testing.T, before map[string]string) {
	now := kindContainers(t)
	for name, was := range before {
		if now[name] != was {
			t.Errorf("kind container %s changed: %q → %q", name, was, now[name])
		}
	}
	for name := range now {
		if _, ok := before[name]; !ok {
			t.Errorf("kind container %s left behind", name)
		}
	}
}
