package kit

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNoProgram says a release archive holds no program at its top level.
var ErrNoProgram = errors.New("no program in the archive")

// ArchivePrograms lists the programs of a release .tar.gz: the executable regular files at
// its top level (a release may ship one binary or several that work together; the man
// pages and completions sit in directories). Sorted; ErrNoProgram when there is none.
func ArchivePrograms(archive string) ([]string, error) {
	f, err := os.Open(archive)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Base(archive), err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	var progs []string
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Base(archive), err)
		}
		name := path.Clean(strings.TrimPrefix(h.Name, "./"))
		if h.Typeflag == tar.TypeReg && h.Mode&0o111 != 0 && !strings.Contains(name, "/") && name != "." {
			progs = append(progs, name)
		}
	}
	if len(progs) == 0 {
		return nil, fmt.Errorf("%w: %s", ErrNoProgram, filepath.Base(archive))
	}
	slices.Sort(progs)
	return slices.Compact(progs), nil
}

// ReleasePrograms lists the programs every platform's archive among files (of
// releaseDir) ships, the union of their names; it fails when an archive is unreadable or
// has no program.
func ReleasePrograms(releaseDir string, files []string) ([]string, error) {
	var all []string
	for _, p := range Platforms {
		for _, f := range files {
			if !strings.HasSuffix(f, "_"+p+".tar.gz") {
				continue
			}
			progs, err := ArchivePrograms(filepath.Join(releaseDir, f))
			if err != nil {
				return nil, err
			}
			all = append(all, progs...)
		}
	}
	slices.Sort(all)
	return slices.Compact(all), nil
}
