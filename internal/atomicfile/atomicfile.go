// Package atomicfile writes files so that a crash or a power cut leaves either the old
// content or the new one, never a mix, and so that what was written stays written: each
// file goes to a temp file in the same directory, synced, then renamed over the old one,
// and the directory is synced after the renames. The progress store and the workshop
// client's queue write through it.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// WriteFile writes data to path atomically and durably. The temp file is named after
// pattern (os.CreateTemp's, e.g. ".progress-*.tmp") in path's directory, and is removed
// on failure. The file gets os.CreateTemp's mode, 0600.
func WriteFile(path, pattern string, data []byte) error {
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return WriteFiles(dir, pattern, []string{name}, map[string][]byte{name: data})
}

// WriteFiles writes each named file of files in dir atomically and durably, in order:
// every temp file is written and synced first, then they are renamed in order, then the
// directory is synced once. A crash may leave the first files renamed and not the
// others, in that order; temp files are removed on failure.
func WriteFiles(dir, pattern string, order []string, files map[string][]byte) error {
	tmps := make([]string, 0, len(order))
	defer func() {
		for _, t := range tmps {
			os.Remove(t) // no-op once renamed
		}
	}()
	for _, name := range order {
		tmp, err := os.CreateTemp(dir, pattern)
		if err != nil {
			return err
		}
		tmps = append(tmps, tmp.Name())
		if _, err := tmp.Write(files[name]); err != nil {
			tmp.Close()
			return err
		}
		if err := tmp.Sync(); err != nil {
			tmp.Close()
			return err
		}
		if err := tmp.Close(); err != nil {
			return err
		}
	}
	for i, name := range order {
		if err := os.Rename(tmps[i], filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	return SyncDir(dir)
}

// SyncDir syncs a directory, so the renames and removals in it are on disk. Systems that
// cannot sync a directory (os.ErrInvalid) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return err
	}
	return nil
}
