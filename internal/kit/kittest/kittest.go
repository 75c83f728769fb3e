// Package kittest writes stand-ins of make dist's release archives for the kit's tests.
package kittest

import (
	"archive/tar"
	"compress/gzip"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
)

// WriteArchive writes a .tar.gz at path laid out as GoReleaser does, holding files (name
// → mode; a name ending in "/" is a directory, a file holds one byte).
func WriteArchive(t testing.TB, path string, files map[string]int64) {
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
		if strings.HasSuffix(n, "/") {
			h.Typeflag, h.Size = tar.TypeDir, 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte("x")[:h.Size]); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []io.Closer{tw, zw, f} {
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// Release is the layout of a release archive with the programs progs (executable, at
// the top level), a README and a man page.
func Release(progs ...string) map[string]int64 {
	files := map[string]int64{"README.md": 0o644, "man/man1/kubetutor.1.gz": 0o644}
	for _, p := range progs {
		files[p] = 0o755
	}
	return files
}
