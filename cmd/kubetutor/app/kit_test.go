package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/i18n"
	"kubetutor/internal/kit"
	"kubetutor/internal/kit/kittest"
)

// fakeDist writes what make dist leaves in dist/ for every platform: archives holding
// the programs progs (executable, at the top level), a README and a man page.
func fakeDist(t *testing.T, progs ...string) string {
	t.Helper()
	if len(progs) == 0 {
		progs = []string{"kubetutor"}
	}
	dir := t.TempDir()
	for _, p := range kit.Platforms {
		kittest.WriteArchive(t, filepath.Join(dir, "kubetutor_1.0.0_"+p+".tar.gz"), kittest.Release(progs...))
	}
	writeTestFile(t, filepath.Join(dir, "checksums.txt"), "sums")
	return dir
}

func TestKitMakeThenCheck(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.FR, "")
	f := newClusterFixture(deps)
	f.rt.SetImages("kindest/node:v1.37.0", "nginx:1.27.3-alpine", "busybox:1.37.0", "metrics-server/metrics-server:v0.9.0")
	dir := filepath.Join(t.TempDir(), "cle")
	if err := runKitMake(context.Background(), deps, f.m, dir, &kitOptions{release: fakeDist(t)}); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out.String(), "Clé prête dans "+dir) || !strings.Contains(out.String(), "5 fichiers de la version") {
		t.Errorf("output:\n%s", out)
	}
	readme, err := os.ReadFile(filepath.Join(dir, kit.ReadMe))
	if err != nil || !strings.Contains(string(readme), "kubetutor images load images/kubetutor-images.tar") ||
		!strings.Contains(string(readme), "---- English ----") ||
		!strings.Contains(string(readme), "sudo install kt/kubetutor /usr/local/bin/") ||
		!strings.Contains(string(readme), "sans rien télécharger\u00a0: kubetutor cluster up\n") {
		t.Errorf("LISEZMOI.txt (%v):\n%s", err, readme)
	}
	// The bundle is the one images save writes: images load reads it back.
	deps2, out2 := clusterTestDeps(t, i18n.EN, "")
	g := newClusterFixture(deps2)
	if err := runImagesLoad(context.Background(), deps2, g.m, filepath.Join(dir, kit.ImagesFile)); err != nil ||
		!strings.Contains(out2.String(), "4 images loaded") {
		t.Errorf("images load of the kit's bundle: %v\n%s", err, out2)
	}
	out.Reset()
	if err := runKitCheck(deps, dir); err != nil || !strings.Contains(out.String(), "intacte") {
		t.Errorf("check of a fresh kit: %v\n%s", err, out)
	}
	if sha, err := exec.LookPath("sha256sum"); err == nil {
		cmd := exec.Command(sha, "-c", kit.SumsFile)
		cmd.Dir = dir
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sha256sum -c SHA256SUMS: %v\n%s", err, b)
		}
	}
	// A damaged archive is caught, and said in French.
	writeTestFile(t, filepath.Join(dir, "release", "kubetutor_1.0.0_darwin_arm64.tar.gz"), "archive darwin_arm64?")
	out.Reset()
	err = runKitCheck(deps, dir)
	if e, ok := i18n.AsError(err); !ok || e.Code != i18n.ExitFailure ||
		!strings.Contains(out.String(), "abîmé (somme SHA-256 différente)\u00a0: release/kubetutor_1.0.0_darwin_arm64.tar.gz") {
		t.Errorf("check of a damaged kit: %v\n%s", err, out)
	}
}

// A release of several programs that work together (and a node image given by --image):
// the LISEZMOI has them installed together, and names the image for cluster up.
func TestKitMakeSeveralPrograms(t *testing.T) {
	deps, out := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	f.rt.SetImages("kubetutor/node:v1.37.2", "nginx:1.27.3-alpine", "busybox:1.37.0", "metrics-server/metrics-server:v0.9.0")
	dir := filepath.Join(t.TempDir(), "key")
	o := &kitOptions{release: fakeDist(t, "kubetutor", "kubetutor-lab"), image: "kubetutor/node:v1.37.2"}
	if err := runKitMake(context.Background(), deps, f.m, dir, o); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	readme, err := os.ReadFile(filepath.Join(dir, kit.ReadMe))
	for _, want := range []string{
		"mkdir kt && tar -xzf release/kubetutor_*_darwin_arm64.tar.gz -C kt",
		"sudo install kt/kubetutor kt/kubetutor-lab /usr/local/bin/",
		"downloading nothing: kubetutor cluster up --image kubetutor/node:v1.37.2\n",
		"sans rien télécharger\u00a0: kubetutor cluster up --image kubetutor/node:v1.37.2\n",
	} {
		if err != nil || !strings.Contains(string(readme), want) {
			t.Errorf("LISEZMOI.txt (%v) lacks %q:\n%s", err, want, readme)
		}
	}
}

func TestKitMakeRefusals(t *testing.T) {
	deps, _ := clusterTestDeps(t, i18n.EN, "")
	f := newClusterFixture(deps)
	f.rt.SetImages("kindest/node:v1.37.0", "nginx:1.27.3-alpine", "busybox:1.37.0", "metrics-server/metrics-server:v0.9.0")
	partial := t.TempDir()
	writeTestFile(t, filepath.Join(partial, "kubetutor_1.0.0_linux_amd64.tar.gz"), "x")
	full := t.TempDir()
	writeTestFile(t, filepath.Join(full, "keep.txt"), "the instructor's file")
	noProgram := fakeDist(t)
	kittest.WriteArchive(t, filepath.Join(noProgram, "kubetutor_1.0.0_darwin_amd64.tar.gz"), kittest.Release())
	tests := []struct {
		name, dir, release, want string
	}{
		{"no dist", filepath.Join(t.TempDir(), "k"), filepath.Join(t.TempDir(), "none"), "release directory"},
		{"a platform missing", filepath.Join(t.TempDir(), "k"), partial, "lacks the archives of: linux_arm64, darwin_amd64, darwin_arm64"},
		{"a non-empty key", full, fakeDist(t), "is not empty"},
		{"an archive without program", filepath.Join(t.TempDir(), "k"), noProgram, "holds no program"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := runKitMake(context.Background(), deps, f.m, tt.dir, &kitOptions{release: tt.release})
			e, ok := i18n.AsError(err)
			if !ok || e.Code != i18n.ExitUsage || !strings.Contains(deps.Tr.Msg(e.Msg), tt.want) {
				t.Errorf("err = %v, want a usage error with %q", err, tt.want)
			}
		})
	}
	if b, err := os.ReadFile(filepath.Join(full, "keep.txt")); err != nil || string(b) != "the instructor's file" {
		t.Error("kit make touched a non-empty directory")
	}
}

func TestKitCheckBadInput(t *testing.T) {
	code, _, errOut := runCLI(t, t.TempDir(), "", "kit", "check", t.TempDir())
	if code != i18n.ExitUsage || !strings.Contains(errOut, "n’a pas de fichier SHA256SUMS") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, t.TempDir(), "", "kit", "make", "--lang", "en")
	if code != i18n.ExitUsage || !strings.Contains(errOut, "takes one argument") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
