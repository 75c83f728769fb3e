package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"kubetutor/internal/atomicfile"
)

// Store is the progress document on disk. Every read and write takes an exclusive lock on
// a lock file beside it, so several kubetutor processes can share one store; within a
// process a mutex serializes callers.
type Store struct {
	path      string
	mu        sync.Mutex
	lock      *flock.Flock
	recovered string
	now       func() time.Time
}

// Open opens the store at path without creating it. A corrupt or unreadable file is moved
// aside to <path>.corrupt-<time> and Recovered reports where; a file written by a newer
// kubetutor is an *ErrNewerSchema and is left untouched.
func Open(path string) (*Store, error) {
	s := &Store{path: path, lock: flock.New(path + ".lock"), now: time.Now}
	if _, err := s.Load(); err != nil {
		return nil, err
	}
	return s, nil
}

// Path is the file the store reads and writes.
func (s *Store) Path() string { return s.path }

// Recovered returns where a corrupt file was moved, or "" when none was.
func (s *Store) Recovered() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.recovered
}

// Load reads the document from disk. A missing file is an empty document.
func (s *Store) Load() (*Document, error) {
	var doc *Document
	err := s.locked(func() error {
		var err error
		doc, err = s.read()
		return err
	})
	return doc, err
}

// Update re-reads the document under the lock, applies fn and writes the result
// atomically (temp file, fsync, rename, fsync of the directory). When fn returns an error
// nothing is written.
func (s *Store) Update(fn func(*Document) error) error {
	obs := observed()
	var before, after *Document
	err := s.locked(func() error {
		doc, err := s.read()
		if err != nil {
			return err
		}
		if len(obs) > 0 {
			before = clone(doc)
		}
		if err := fn(doc); err != nil {
			return err
		}
		doc.Schema = Schema
		after = doc
		return s.write(doc)
	})
	if err == nil && before != nil {
		for _, o := range obs {
			o(s.path, before, after)
		}
	}
	return err
}

func (s *Store) locked(fn func() error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	if err := s.lock.Lock(); err != nil {
		return fmt.Errorf("lock %s: %w", s.lock.Path(), err)
	}
	defer s.lock.Unlock()
	s.removeStaleTemps()
	return fn()
}

// read returns the document on disk, moving a corrupt file aside. Callers hold the lock.
func (s *Store) read() (*Document, error) {
	data, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Document{Schema: Schema}, nil
	}
	if err == nil {
		doc, derr := decode(data)
		if derr == nil {
			return doc, nil
		}
		var newer *ErrNewerSchema
		if errors.As(derr, &newer) {
			return nil, derr
		}
		err = derr
	}
	aside, merr := s.moveAside()
	if merr != nil {
		return nil, fmt.Errorf("progress file %s is unusable (%v) and could not be moved aside: %w", s.path, err, merr)
	}
	s.recovered = aside
	return &Document{Schema: Schema}, nil
}

func (s *Store) moveAside() (string, error) {
	base := s.path + ".corrupt-" + s.now().UTC().Format("20060102T150405Z")
	dst := base
	for i := 1; ; i++ {
		if _, err := os.Lstat(dst); errors.Is(err, fs.ErrNotExist) {
			break
		}
		dst = fmt.Sprintf("%s-%d", base, i)
	}
	return dst, os.Rename(s.path, dst)
}

const tempPattern = ".progress-*.tmp"

func (s *Store) write(doc *Document) error {
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(s.path, tempPattern, append(data, '\n'))
}

// removeStaleTemps deletes temp files left by a writer that died mid-save: writers only
// create them while holding the lock, which the caller now holds.
func (s *Store) removeStaleTemps() {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(s.path), tempPattern))
	for _, m := range matches {
		os.Remove(m)
	}
}
