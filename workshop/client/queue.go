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

	"kubetutor/internal/atomicfile"
	"kubetutor/workshop"
)

// Queue is the student's on-disk event queue: segment files of events, named by their
// first sequence number, written atomically (temp file, fsync, rename, fsync of the directory). Every
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

// Add stamps events with fresh ids and sequence numbers and stores them: one segment
// file per call (up to MaxBatch events each), so a call costs a few fsyncs, not one per
// event.
func (q *Queue) Add(events ...workshop.Event) error {
	if len(events) == 0 {
		return nil
	}
	return q.locked(func() error {
		seq, err := q.readSeq()
		if err != nil {
			return err
		}
		files := map[string][]byte{"seq": []byte(strconv.FormatUint(seq+uint64(len(events)), 10))}
		var names []string
		for start := 0; start < len(events); start += workshop.MaxBatch {
			seg := append([]workshop.Event(nil), events[start:min(len(events), start+workshop.MaxBatch)]...)
			for i := range seg {
				seq++
				seg[i].Seq, seg[i].ID = seq, newID()
			}
			data, err := json.Marshal(seg)
			if err != nil {
				return err
			}
			name := fileName(seg[0].Seq, seg[0].ID)
			files[name] = data
			names = append(names, name)
		}
		// The counter first: a crash after it leaves a gap, which the server answers with
		// a resync, never a reused number.
		return writeFiles(q.dir, append([]string{"seq"}, names...), files)
	})
}

func fileName(seq uint64, id string) string { return fmt.Sprintf("%020d-%s.json", seq, id) }

func newID() string {
	b := make([]byte, 12)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// segment is one queue file and its events.
type segment struct {
	name   string
	events []workshop.Event
}

// segments reads the queue's files in order, up to n events. An unreadable file is moved
// to refused/ rather than blocking the queue. Callers hold the lock.
func (q *Queue) segments(n int) ([]segment, error) {
	names, err := q.names()
	if err != nil {
		return nil, err
	}
	var out []segment
	count := 0
	for _, name := range names {
		if count >= n {
			break
		}
		data, err := os.ReadFile(filepath.Join(q.dir, name))
		var events []workshop.Event
		if err == nil {
			err = json.Unmarshal(data, &events)
		}
		if err != nil {
			os.Rename(filepath.Join(q.dir, name), filepath.Join(q.dir, "refused", name))
			continue
		}
		out = append(out, segment{name, events})
		count += len(events)
	}
	return out, nil
}

// Peek returns up to n of the oldest events (whole segments, at least one), in sequence
// order.
func (q *Queue) Peek(n int) ([]workshop.Event, error) {
	var out []workshop.Event
	err := q.locked(func() error {
		segs, err := q.segments(n)
		for _, s := range segs {
			if len(out) > 0 && len(out)+len(s.events) > n {
				break
			}
			out = append(out, s.events...)
		}
		return err
	})
	return out, err
}

// Len is the number of events waiting.
func (q *Queue) Len() (int, error) {
	var n int
	err := q.locked(func() error {
		segs, err := q.segments(1 << 30)
		for _, s := range segs {
			n += len(s.events)
		}
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

// drop removes from the queue the events whose ids keep says to drop, rewriting or
// deleting the segments that held them. Callers hold the lock.
func (q *Queue) drop(upTo uint64, gone func(workshop.Event) bool) error {
	segs, err := q.segments(1 << 30)
	if err != nil {
		return err
	}
	changed := false
	for _, s := range segs {
		if len(s.events) == 0 || s.events[0].Seq > upTo {
			break
		}
		var keep []workshop.Event
		for _, e := range s.events {
			if !gone(e) {
				keep = append(keep, e)
			}
		}
		switch {
		case len(keep) == len(s.events):
			continue
		case len(keep) == 0:
			if err := os.Remove(filepath.Join(q.dir, s.name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		default:
			data, err := json.Marshal(keep)
			if err != nil {
				return err
			}
			if err := writeFiles(q.dir, []string{s.name}, map[string][]byte{s.name: data}); err != nil {
				return err
			}
		}
		changed = true
	}
	if changed {
		return atomicfile.SyncDir(q.dir)
	}
	return nil
}

func maxSeq(events []workshop.Event) uint64 {
	var m uint64
	for _, e := range events {
		m = max(m, e.Seq)
	}
	return m
}

// Remove deletes the acknowledged events.
func (q *Queue) Remove(events []workshop.Event, acked []string) error {
	ok := map[string]bool{}
	for _, id := range acked {
		ok[id] = true
	}
	return q.locked(func() error {
		return q.drop(maxSeq(events), func(e workshop.Event) bool { return ok[e.ID] })
	})
}

// Refuse moves an event the server refused for good to refused/, kept for the student to
// see (« workshop status »), so it no longer blocks the queue.
func (q *Queue) Refuse(e workshop.Event) error {
	return q.locked(func() error {
		data, err := json.Marshal([]workshop.Event{e})
		if err != nil {
			return err
		}
		name := fileName(e.Seq, e.ID)
		if err := writeFiles(filepath.Join(q.dir, "refused"), []string{name}, map[string][]byte{name: data}); err != nil {
			return err
		}
		return q.drop(e.Seq, func(x workshop.Event) bool { return x.ID == e.ID })
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
		return atomicfile.SyncDir(q.dir)
	})
}

// writeFiles writes each named file in dir atomically and durably, in order
// (atomicfile.WriteFiles).
func writeFiles(dir string, order []string, files map[string][]byte) error {
	return atomicfile.WriteFiles(dir, ".tmp-*", order, files)
}

// writeFile writes name in dir atomically and durably.
func writeFile(dir, name string, data []byte) error {
	return writeFiles(dir, []string{name}, map[string][]byte{name: data})
}
