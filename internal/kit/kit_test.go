package kit

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeRelease writes what make dist leaves in dist/ (and some of its other files).
func fakeRelease(t *testing.T, platforms ...string) string {
	dir := t.TempDir()
	for _, p := range platforms {
		write(t, filepath.Join(dir, "kubetutor_1.0.0_"+p+".tar.gz"), "archive "+p)
	}
	write(t, filepath.Join(dir, "kubetutor_1.0.0_linux_amd64.deb"), "deb")
	write(t, filepath.Join(dir, "checksums.txt"), "sums")
	write(t, filepath.Join(dir, "config.yaml"), "goreleaser's own")
	write(t, filepath.Join(dir, "kubetutor_linux_amd64_v1", "kubetutor"), "binary dir")
	return dir
}

// goodKit makes a complete kit as kit make does.
func goodKit(t *testing.T) string {
	rel := fakeRelease(t, Platforms...)
	files, err := ReleaseFiles(rel)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := CopyRelease(dir, rel, files); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, ImagesFile), "images")
	write(t, filepath.Join(dir, ReadMe), "lisez-moi")
	if err := WriteSums(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReleaseFiles(t *testing.T) {
	files, err := ReleaseFiles(fakeRelease(t, Platforms...))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"checksums.txt", "kubetutor_1.0.0_darwin_amd64.tar.gz", "kubetutor_1.0.0_darwin_arm64.tar.gz",
		"kubetutor_1.0.0_linux_amd64.deb", "kubetutor_1.0.0_linux_amd64.tar.gz", "kubetutor_1.0.0_linux_arm64.tar.gz"}
	if !slices.Equal(files, want) {
		t.Errorf("files = %v, want %v", files, want)
	}
	_, err = ReleaseFiles(fakeRelease(t, "linux_amd64", "darwin_arm64"))
	if !errors.Is(err, ErrNoRelease) || err.Error() != "release archives missing: linux_arm64, darwin_amd64" {
		t.Errorf("err = %v", err)
	}
}

func TestAGoodKitChecks(t *testing.T) {
	problems, err := Check(goodKit(t))
	if err != nil || len(problems) != 0 {
		t.Errorf("Check = %v, %v; want no problem", problems, err)
	}
}

func TestCheckFindsEveryProblem(t *testing.T) {
	tests := []struct {
		name  string
		alter func(dir string)
		want  []Problem
	}{
		{"a damaged archive", func(dir string) {
			write(t, filepath.Join(dir, "release", "kubetutor_1.0.0_darwin_arm64.tar.gz"), "archive darwin_arm64!")
		}, []Problem{{"corrupt", "release/kubetutor_1.0.0_darwin_arm64.tar.gz"}}},
		{"a same-size damage", func(dir string) { write(t, filepath.Join(dir, ImagesFile), "imagez") },
			[]Problem{{"corrupt", ImagesFile}}},
		{"a deleted bundle", func(dir string) { os.Remove(filepath.Join(dir, ImagesFile)) },
			[]Problem{{"missing", ImagesFile}, {"required", ImagesFile}}},
		{"an added file", func(dir string) { write(t, filepath.Join(dir, "release", "virus.sh"), "x") },
			[]Problem{{"unlisted", "release/virus.sh"}}},
		{"a platform dropped from the sums and the key", func(dir string) {
			os.Remove(filepath.Join(dir, "release", "kubetutor_1.0.0_linux_arm64.tar.gz"))
			rewriteSums(t, dir)
		}, []Problem{{"required", "*_linux_arm64.tar.gz"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := goodKit(t)
			tt.alter(dir)
			problems, err := Check(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(problems, tt.want) {
				t.Errorf("problems = %v, want %v", problems, tt.want)
			}
		})
	}
}

func rewriteSums(t *testing.T, dir string) {
	t.Helper()
	if err := WriteSums(dir); err != nil {
		t.Fatal(err)
	}
}

func TestCheckUnreadableKits(t *testing.T) {
	if _, err := Check(t.TempDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("no SHA256SUMS: %v", err)
	}
	for _, line := range []string{"garbage", "abcd  short-sum", "0000000000000000000000000000000000000000000000000000000000000000  ../../etc/passwd"} {
		dir := t.TempDir()
		write(t, filepath.Join(dir, SumsFile), line+"\n")
		if _, err := Check(dir); err == nil {
			t.Errorf("malformed %q accepted", line)
		}
	}
}
