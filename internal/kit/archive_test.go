package kit

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"kubetutor/internal/kit/kittest"
)

func TestArchivePrograms(t *testing.T) {
	dir := t.TempDir()
	layout := map[string]int64{
		"README.md": 0o644, "man/": 0o755, "man/man1/kubetutor.1.gz": 0o644,
		"completions/kubetutor.bash": 0o755, // executable, but not at the top level
		"kubetutor":                  0o755, "./kubetutor-lab": 0o755,
	}
	two := filepath.Join(dir, "two.tar.gz")
	kittest.WriteArchive(t, two, layout)
	got, err := ArchivePrograms(two)
	if err != nil || !slices.Equal(got, []string{"kubetutor", "kubetutor-lab"}) {
		t.Errorf("ArchivePrograms(two programs) = %q, %v", got, err)
	}
	delete(layout, "./kubetutor-lab")
	one := filepath.Join(dir, "one.tar.gz")
	kittest.WriteArchive(t, one, layout)
	if got, err := ArchivePrograms(one); err != nil || !slices.Equal(got, []string{"kubetutor"}) {
		t.Errorf("ArchivePrograms(one program) = %q, %v", got, err)
	}
	none := filepath.Join(dir, "none.tar.gz")
	kittest.WriteArchive(t, none, map[string]int64{"README.md": 0o644, "kubetutor": 0o644})
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
		kittest.WriteArchive(t, filepath.Join(dir, name), layout)
		files = append(files, name)
	}
	files = append(files, "checksums.txt")
	got, err := ReleasePrograms(dir, files)
	if err != nil || !slices.Equal(got, []string{"kubetutor", "kubetutor-lab"}) {
		t.Errorf("ReleasePrograms = %q, %v", got, err)
	}
	kittest.WriteArchive(t, filepath.Join(dir, files[2]), map[string]int64{"README.md": 0o644})
	if _, err := ReleasePrograms(dir, files); !errors.Is(err, ErrNoProgram) {
		t.Errorf("ReleasePrograms with an archive without program: %v, want ErrNoProgram", err)
	}
}
