package server

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"sync"

	"kubetutor/workshop"
)

// DefaultReplay is how many recent board deltas the server keeps for resumed streams.
const DefaultReplay = 512

// delta is one change of the board as the event stream sends it: a changed row
// ("student") or a removed one ("remove"), with its id in the stream.
type delta struct {
	id    uint64
	event string
	data  []byte
}

// feed turns board snapshots into numbered deltas, shared by every event stream, and
// keeps the recent ones in a bounded ring so a page that resumes with Last-Event-ID gets
// what it missed instead of a whole snapshot. Ids are "EPOCH-N": an id from another
// server process (a restart) does not match the epoch and gets a snapshot.
type feed struct {
	reading sync.Mutex // serializes refreshes: snapshot read and deltas appended as one
	mu      sync.Mutex
	epoch   string
	last    uint64
	ring    []delta // oldest first, at most size
	size    int
	rows    map[int64][]byte // each row's JSON as last turned into deltas
	snap    func() (*workshop.Snapshot, error)
	ready   chan struct{} // closed and replaced when deltas are appended
}

func newFeed(size int, snap func() (*workshop.Snapshot, error)) *feed {
	b := make([]byte, 4)
	rand.Read(b)
	return &feed{epoch: hex.EncodeToString(b), size: size, rows: map[int64][]byte{}, snap: snap, ready: make(chan struct{})}
}

// id renders a delta number as a stream id.
func (f *feed) id(n uint64) string { return f.epoch + "-" + strconv.FormatUint(n, 10) }

// parse returns the delta number of a stream id of this epoch.
func (f *feed) parse(id string) (uint64, bool) {
	epoch, n, ok := strings.Cut(strings.TrimSpace(id), "-")
	if !ok || epoch != f.epoch {
		return 0, false
	}
	v, err := strconv.ParseUint(n, 10, 64)
	return v, err == nil
}

// refresh reads the board and appends a delta per row that changed since the last
// refresh (by any stream). It returns the snapshot read and the number of the last delta,
// which the snapshot includes: refreshes are serialized, so no delta of a later read can
// come between.
func (f *feed) refresh() (*workshop.Snapshot, uint64, error) {
	f.reading.Lock()
	defer f.reading.Unlock()
	snap, err := f.snap()
	if err != nil {
		return nil, 0, err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	seen := map[int64]bool{}
	appended := false
	for _, st := range snap.Students {
		seen[st.ID] = true
		data, err := json.Marshal(st)
		if err != nil {
			return nil, 0, err
		}
		if !bytes.Equal(f.rows[st.ID], data) {
			f.rows[st.ID] = data
			f.append("student", data)
			appended = true
		}
	}
	for sid := range f.rows {
		if !seen[sid] {
			delete(f.rows, sid)
			f.append("remove", []byte(strconv.FormatInt(sid, 10)))
			appended = true
		}
	}
	if appended {
		close(f.ready)
		f.ready = make(chan struct{})
	}
	return snap, f.last, nil
}

func (f *feed) append(event string, data []byte) {
	f.last++
	f.ring = append(f.ring, delta{id: f.last, event: event, data: data})
	if len(f.ring) > f.size {
		f.ring = append(f.ring[:0:0], f.ring[len(f.ring)-f.size:]...)
	}
}

// since returns the deltas after number n, and whether the ring still holds all of
// them (false: n is older than the ring, or ahead of it).
func (f *feed) since(n uint64) ([]delta, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if n > f.last {
		return nil, false
	}
	if n == f.last {
		return nil, true
	}
	if len(f.ring) == 0 || f.ring[0].id > n+1 {
		return nil, false
	}
	return append([]delta(nil), f.ring[n+1-f.ring[0].id:]...), true
}

// wait returns a channel closed when deltas are appended after now.
func (f *feed) wait() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ready
}
