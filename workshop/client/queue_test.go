package client

import (
	"sync"
	"testing"
	"time"

	"kubetutor/workshop"
)

// TestQueueConcurrentWriters adds events from goroutines sharing a queue and from a
// second queue on the same folder (as a second process would): no event is lost, no
// sequence number is given twice.
func TestQueueConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	q1, err := OpenQueue(dir)
	if err != nil {
		t.Fatal(err)
	}
	q2, _ := OpenQueue(dir)
	var wg sync.WaitGroup
	for i := range 8 {
		q := q1
		if i%2 == 1 {
			q = q2
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				if err := q.Add(workshop.Event{Kind: workshop.KindHeartbeat, At: time.Now()}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	events, err := q1.Peek(1000)
	if err != nil || len(events) != 80 {
		t.Fatalf("%d events, %v; want 80", len(events), err)
	}
	for i, e := range events {
		if e.Seq != uint64(i+1) {
			t.Fatalf("event %d has seq %d", i, e.Seq)
		}
	}
	if err := q1.Remove(events[:50], ids(events[:50])); err != nil {
		t.Fatal(err)
	}
	if n, _ := q2.Len(); n != 30 {
		t.Fatalf("%d left after removing 50 acked, want 30", n)
	}
}

func ids(events []workshop.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}
