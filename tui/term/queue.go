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

// lockedFeed is the most output fed to the emulator in one hold of the session's lock.
const lockedFeed = 32 << 10
