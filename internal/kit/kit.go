// Package kit makes and checks the instructor's offline kit: one directory (a USB key)
// holding the release archives and packages for every platform, the image bundle that
// `kubetutor images save` writes (node image and lab images), a French LISEZMOI.txt and a
// SHA256SUMS file over all of it. A student needs only the key: install the binary,
// `kubetutor images load`, `kubetutor cluster up`, with no network.
package kit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Names of the kit's own files.
const (
	SumsFile   = "SHA256SUMS"
	ReadMe     = "LISEZMOI.txt"
	ImagesFile = "images/kubetutor-images.tar"
	ReleaseDir = "release"
)

// Platforms are the systems a kit must carry an archive for (GoReleaser's names).
var Platforms = []string{"linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64"}

// ErrNoRelease says the release directory lacks an archive for a platform.
var ErrNoRelease = errors.New("release archives missing")

// releaseFile reports whether a file of `make dist`'s output belongs in a kit.
func releaseFile(name string) bool {
	for _, suf := range []string{".tar.gz", ".zip", ".deb", ".rpm", ".cdx.json"} {
		if strings.HasSuffix(name, suf) {
			return true
		}
	}
	return name == "checksums.txt"
}

// ReleaseFiles lists the files of releaseDir that go into a kit, and fails with
// ErrNoRelease (naming the platforms) when a platform has no archive.
func ReleaseFiles(releaseDir string) ([]string, error) {
	entries, err := os.ReadDir(releaseDir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && releaseFile(e.Name()) {
			files = append(files, e.Name())
		}
	}
	var missing []string
	for _, p := range Platforms {
		if !slices.ContainsFunc(files, func(f string) bool { return strings.HasSuffix(f, "_"+p+".tar.gz") }) {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return files, fmt.Errorf("%w: %s", ErrNoRelease, strings.Join(missing, ", "))
	}
	return files, nil
}

// CopyRelease copies files from releaseDir into dir/release.
func CopyRelease(dir, releaseDir string, files []string) error {
	dst := filepath.Join(dir, ReleaseDir)
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := copyFile(filepath.Join(releaseDir, f), filepath.Join(dst, f)); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// WriteSums writes dir/SHA256SUMS over every file of dir but itself, in sha256sum's
// format (so `sha256sum -c SHA256SUMS` checks a kit without kubetutor).
func WriteSums(dir string) error {
	files, err := kitFiles(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	for _, f := range files {
		sum, err := fileSum(filepath.Join(dir, f))
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s  %s\n", sum, f)
	}
	return os.WriteFile(filepath.Join(dir, SumsFile), []byte(b.String()), 0o644)
}

// kitFiles lists dir's regular files (slash paths, sorted), SHA256SUMS excepted.
func kitFiles(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		if rel = filepath.ToSlash(rel); rel != SumsFile {
			files = append(files, rel)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Problem is one thing wrong with a kit.
type Problem struct {
	// Kind is "missing" (listed, absent), "corrupt" (wrong checksum), "unlisted" (present,
	// not in SHA256SUMS) or "required" (a file every kit needs is not listed).
	Kind string
	File string
}

// Check verifies dir against its SHA256SUMS, offline, and that it holds what a student
// needs: the image bundle and an archive for every platform. An error means the kit
// could not be read at all (no SHA256SUMS, or a malformed one).
func Check(dir string) ([]Problem, error) {
	f, err := os.Open(filepath.Join(dir, SumsFile))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	listed := map[string]bool{}
	var problems []Problem
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		sum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(sum) != 64 || name == "" || strings.Contains(name, "..") || filepath.IsAbs(name) {
			return nil, fmt.Errorf("%s:%d: malformed line", SumsFile, n)
		}
		listed[name] = true
		got, err := fileSum(filepath.Join(dir, filepath.FromSlash(name)))
		switch {
		case errors.Is(err, os.ErrNotExist):
			problems = append(problems, Problem{Kind: "missing", File: name})
		case err != nil:
			return nil, err
		case got != sum:
			problems = append(problems, Problem{Kind: "corrupt", File: name})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	files, err := kitFiles(dir)
	if err != nil {
		return nil, err
	}
	for _, name := range files {
		if !listed[name] {
			problems = append(problems, Problem{Kind: "unlisted", File: name})
		}
	}
	required := []string{ImagesFile, ReadMe}
	for _, p := range Platforms {
		required = append(required, "*_"+p+".tar.gz")
	}
	for _, r := range required {
		if !slices.ContainsFunc(files, func(f string) bool { return listed[f] && matchRequired(r, f) }) {
			problems = append(problems, Problem{Kind: "required", File: r})
		}
	}
	return problems, nil
}

// matchRequired matches a required name: exact, or "*_SUFFIX" for an archive under release/.
func matchRequired(r, f string) bool {
	if suf, ok := strings.CutPrefix(r, "*"); ok {
		return strings.HasPrefix(f, ReleaseDir+"/") && strings.HasSuffix(f, suf)
	}
	return r == f
}
