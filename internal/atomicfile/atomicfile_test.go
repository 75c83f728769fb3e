package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.json")
	for _, content := range []string{"first\n", "second, longer\n", ""} {
		if err := WriteFile(path, ".doc-*.tmp", []byte(content)); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(path); err != nil || string(b) != content {
			t.Errorf("after writing %q: %q, %v", content, b, err)
		}
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v, want 0600", st.Mode(), err)
	}
	onlyFiles(t, dir, "doc.json")
}

func TestWriteFilesInOrder(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{"b": []byte("B"), "a": []byte("A")}
	if err := WriteFiles(dir, ".tmp-*", []string{"b", "a"}, files); err != nil {
		t.Fatal(err)
	}
	for name, want := range files {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(b) != string(want) {
			t.Errorf("%s = %q, %v", name, b, err)
		}
	}
	onlyFiles(t, dir, "a", "b")
}

// A rename that fails (the name is a non-empty directory) loses nothing and leaves no
// temp file; the files renamed before it stay.
func TestWriteFilesFailureLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "busy", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := WriteFiles(dir, ".tmp-*", []string{"first", "busy", "old"},
		map[string][]byte{"first": []byte("1"), "busy": []byte("2"), "old": []byte("new")})
	if err == nil {
		t.Fatal("renaming over a non-empty directory succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "old")); string(b) != "old" {
		t.Errorf("old = %q, want it untouched", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "first")); string(b) != "1" {
		t.Errorf("first = %q, want the file renamed before the failure", b)
	}
	onlyFiles(t, dir, "busy", "first", "old")
	if err := WriteFile(filepath.Join(dir, "none", "f"), ".tmp-*", nil); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
	if err := SyncDir(filepath.Join(dir, "none")); err == nil {
		t.Error("SyncDir of a missing directory succeeded")
	}
}

func onlyFiles(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(want) {
		t.Fatalf("%s holds %q, want %q", dir, got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("%s holds %q, want %q", dir, got, want)
		}
	}
}
