package kit

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// writeTarGz writes a .tar.gz at path holding files (name → mode), as GoReleaser
// lays a release archive out.
func writeTarGz(t *testing.T, path string, files map[string]int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		h := &tar.Header{Name: n, Mode: files[n], Typeflag: tar.TypeReg, Size: 1}
		if n[len(n)-1] == '/' {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Size > 0 {
			if _, err := tw.Write([]byte("x")); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestArchivePrograms(t *testing.T) {
	dir := t.TempDir()
	layout := map[string]int64{
		"README.md": 0o644, "man/": 0o755, "man/man1/kubetutor.1.gz": 0o644,
		"completions/kubetutor.bash": 0o755, // executable, but not at the top level
		"kubetutor":                  0o755, "./kubetutor-lab": 0o755,
	}
	two := filepath.Join(dir, "two.tar.gz")
	writeTarGz(t, two, layout)
	got, err := ArchivePrograms(two)
	if err != nil || !slices.Equal(got, []string{"kubetutor", "kubetutor-lab"}) {
		t.Errorf("ArchivePrograms(two programs) = %q, %v", got, err)
	}
	delete(layout, "./kubetutor-lab")
	one := filepath.Join(dir, "one.tar.gz")
	writeTarGz(t, one, layout)
	if got, err := ArchivePrograms(one); err != nil || !slices.Equal(got, []string{"kubetutor"}) {
		t.Errorf("ArchivePrograms(one program) = %q, %v", got, err)
	}
	none := filepath.Join(dir, "none.tar.gz")
	writeTarGz(t, none, map[string]int64{"README.md": 0o644, "kubetutor": 0o644})
	if got, err := ArchivePrograms(none); !errors.Is(err, ErrNoProgram) {
		t.Errorf("ArchivePrograms(no executable) = %q, %v, want ErrNoProgram", got, err)
	}
	bad := filepath.Join(dir, "bad.tar.gz")
	write(t, bad, "not gzip")
	if _, err := ArchivePrograms(bad); err == nil {
		t.Error("ArchivePrograms(not a gzip) succeeded")
	}
}

func TestReleasePrograms(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i, p := range Platforms {
		layout := map[string]int64{"kubetutor": 0o755, "README.md": 0o644}
		if i == 0 {
			layout["kubetutor-lab"] = 0o755
		}
		name := "kubetutor_1.0.0_" + p + ".tar.gz"
		writeTarGz(t, filepath.Join(dir, name), layout)
		files = append(files, name)
	}
	files = append(files, "checksums.txt")
	got, err := ReleasePrograms(dir, files)
	if err != nil || !slices.Equal(got, []string{"kubetutor", "kubetutor-lab"}) {
		t.Errorf("ReleasePrograms = %q, %v", got, err)
	}
	writeTarGz(t, filepath.Join(dir, files[2]), map[string]int64{"README.md": 0o644})
	if _, err := ReleasePrograms(dir, files); !errors.Is(err, ErrNoProgram) {
		t.Errorf("ReleasePrograms with an archive without program: %v, want ErrNoProgram", err)
	}
}
