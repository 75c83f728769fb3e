// Package client is the student's side of workshop mode: the seat kept in the state dir,
// the crash-safe on-disk queue events go to first, and the sender that posts them in
// batches to the class server and deletes them only once acknowledged.
package client

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/gofrs/flock"

	"kubetutor/workshop"
)

// Queue is the student's on-disk event queue: one file per event, named by its sequence
// number, written atomically (temp file, fsync, rename, fsync of the directory). Every
// operation holds a lock file, so the TUI and a « lab check » share it safely.
type Queue struct {
	dir  string
	mu   sync.Mutex // a flock is held per process: goroutines need the mutex too
	lock *flock.Flock
}

// OpenQueue opens (creating) the queue in dir.
func OpenQueue(dir string) (*Queue, error) {
	for _, d := range []string{dir, filepath.Join(dir, "refused")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
	}
	return &Queue{dir: dir, lock: flock.New(filepath.Join(dir, "queue.lock"))}, nil
}

func (q *Queue) locked(fn func() error) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := q.lock.Lock(); err != nil {
		return fmt.Errorf("lock %s: %w", q.lock.Path(), err)
	}
	defer q.lock.Unlock()
	matches, _ := filepath.Glob(filepath.Join(q.dir, ".tmp-*"))
	for _, m := range matches { // left by a writer that died mid-write
		os.Remove(m)
	}
	return fn()
}

// Seq returns the last sequence number given out.
func (q *Queue) Seq() (uint64, error) {
	var n uint64
	err := q.locked(func() error {
		var err error
		n, err = q.readSeq()
		return err
	})
	return n, err
}

func (q *Queue) readSeq() (uint64, error) {
	data, err := os.ReadFile(filepath.Join(q.dir, "seq"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("queue sequence file is corrupt: %w", err)
	}
	return n, nil
}

// Add stamps events with fresh ids and sequence numbers and stores them.
func (q *Queue) Add(events ...workshop.Event) error {
	if len(events) == 0 {
		return nil
	}
	return q.locked(func() error {
		seq, err := q.readSeq()
		if err != nil {
			return err
		}
		last := seq + uint64(len(events))
		// The counter first: a crash after it leaves a gap, which the server answers with
		// a resync, never a reused number.
		if err := writeFile(q.dir, "seq", []byte(strconv.FormatUint(last, 10))); err != nil {
			return err
		}
		for i := range events {
			e := events[i]
			seq++
			e.Seq, e.ID = seq, newID()
			data, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if err := writeFile(q.dir, fileName(e.Seq, e.ID), data); err != nil {
				return err
			}
		}
		return nil
	})
}

func fileName(seq uint64, id string) string { return fmt.Sprintf("%020d-%s.json", seq, id) }

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Peek returns up to n of the oldest events, in sequence order. An unreadable file is
// moved to refused/ rather than blocking the queue.
func (q *Queue) Peek(n int) ([]workshop.Event, error) {
	var out []workshop.Event
	err := q.locked(func() error {
		names, err := q.names()
		if err != nil {
			return err
		}
		for _, name := range names {
			if len(out) == n {
				break
			}
			data, err := os.ReadFile(filepath.Join(q.dir, name))
			var e workshop.Event
			if err == nil {
				err = json.Unmarshal(data, &e)
			}
			if err != nil {
				os.Rename(filepath.Join(q.dir, name), filepath.Join(q.dir, "refused", name))
				continue
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// Len is the number of events waiting.
func (q *Queue) Len() (int, error) {
	var n int
	err := q.locked(func() error {
		names, err := q.names()
		n = len(names)
		return err
	})
	return n, err
}

func (q *Queue) names() ([]string, error) {
	entries, err := os.ReadDir(q.dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".json") && !strings.HasPrefix(e.Name(), ".") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Remove deletes the acknowledged events.
func (q *Queue) Remove(events []workshop.Event, acked []string) error {
	ok := map[string]bool{}
	for _, id := range acked {
		ok[id] = true
	}
	return q.locked(func() error {
		for _, e := range events {
			if ok[e.ID] {
				if err := os.Remove(filepath.Join(q.dir, fileName(e.Seq, e.ID))); err != nil && !errors.Is(err, fs.ErrNotExist) {
					return err
				}
			}
		}
		return syncDir(q.dir)
	})
}

// Refuse moves an event the server refused for good to refused/, kept for the student to
// see (« workshop status »), so it no longer blocks the queue.
func (q *Queue) Refuse(e workshop.Event) error {
	return q.locked(func() error {
		name := fileName(e.Seq, e.ID)
		err := os.Rename(filepath.Join(q.dir, name), filepath.Join(q.dir, "refused", name))
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
}

// Refused counts the events the server refused.
func (q *Queue) Refused() (int, error) {
	entries, err := os.ReadDir(filepath.Join(q.dir, "refused"))
	return len(entries), err
}

// Clear deletes every queued event (on leave).
func (q *Queue) Clear() error {
	return q.locked(func() error {
		names, err := q.names()
		if err != nil {
			return err
		}
		for _, n := range names {
			os.Remove(filepath.Join(q.dir, n))
		}
		return syncDir(q.dir)
	})
}

// writeFile writes name in dir atomically and durably.
func writeFile(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
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
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return err
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
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
