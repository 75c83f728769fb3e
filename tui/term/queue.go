package term

import "sync"

// queue is an unbounded FIFO of byte chunks between the goroutine that drains the
// emulator's replies and the one that writes them to the pty. Push never blocks, so the
// emulator's lock is never held while the pty's input buffer is full.
type queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	chunks [][]byte
	closed bool
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push appends a copy of p.
func (q *queue) push(p []byte) {
	c := append([]byte(nil), p...)
	q.mu.Lock()
	if !q.closed {
		q.chunks = append(q.chunks, c)
	}
	q.mu.Unlock()
	q.cond.Signal()
}

// pop waits for a chunk; ok is false once the queue is closed.
func (q *queue) pop() (p []byte, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.chunks) == 0 && !q.closed {
		q.cond.Wait()
	}
	if q.closed {
		return nil, false
	}
	p = q.chunks[0]
	q.chunks[0] = nil
	q.chunks = q.chunks[1:]
	return p, true
}

// close wakes pop for good and drops what is left.
func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.chunks = nil
	q.mu.Unlock()
	q.cond.Broadcast()
}

// inboxLimit is how much output the inbox holds before the pty reader waits (the
// process then waits on its full pty, as it would on a slow terminal).
const inboxLimit = 1 << 20

// lockedFeed is the most output fed to the emulator in one hold of the session's lock.
const lockedFeed = 32 << 10

// inbox gathers the process's output between the pty reader and the emulator: put
// appends (waiting while it is full), take hands over everything gathered at once.
type inbox struct {
	mu     sync.Mutex
	cond   *sync.Cond
	buf    []byte
	limit  int
	closed bool
}

func newInbox(limit int) *inbox {
	b := &inbox{limit: limit}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// put appends a copy of p, waiting while the inbox is full.
func (b *inbox) put(p []byte) {
	b.mu.Lock()
	for len(b.buf) >= b.limit && !b.closed {
		b.cond.Wait()
	}
	b.buf = append(b.buf, p...)
	b.mu.Unlock()
	b.cond.Broadcast()
}

// take waits for output and returns all of it, giving spare (the batch the caller is
// done with) to the inbox for reuse; ok is false once the inbox is closed and empty.
func (b *inbox) take(spare []byte) (batch []byte, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for len(b.buf) == 0 && !b.closed {
		b.cond.Wait()
	}
	if len(b.buf) == 0 {
		return nil, false
	}
	batch, b.buf = b.buf, spare[:0]
	b.cond.Broadcast()
	return batch, true
}

// close ends take once the inbox is empty, and put.
func (b *inbox) close() {
	b.mu.Lock()
	b.closed = true
	b.mu.Unlock()
	b.cond.Broadcast()
}
