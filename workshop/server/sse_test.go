package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"kubetutor/workshop"
	"kubetutor/workshop/server"
)

// sseEvent reads the next event (skipping comments) from an event stream.
func sseEvent(t *testing.T, r *bufio.Reader) (event, data string) {
	t.Helper()
	_, event, data = sseNext(t, r)
	return event, data
}

// sseNext reads the next event with its id ("" when the event has none).
func sseNext(t *testing.T, r *bufio.Reader) (id, event, data string) {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "id: "):
			id = strings.TrimPrefix(line, "id: ")
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		case line == "" && event != "":
			return id, event, data
		}
	}
}

func TestProjectorStream(t *testing.T) {
	c := newClass(t)
	c.srv.Handle("/board", c.srv.BoardPage("k3y"))
	c.srv.Handle("/board/events", c.srv.BoardEvents("k3y"))
	cl, _ := newStudent(t, c, "Mia")

	resp, err := http.Get("http://" + c.addr + "/board?key=nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("page without the key: %d", resp.StatusCode)
	}
	resp, err = http.Get("http://" + c.addr + "/board?key=k3y")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(html), "EventSource") || strings.Contains(string(html), "<script src") {
		t.Fatal("the page is not the embedded live page")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.addr+"/board/events?key=k3y", nil)
	req.Header.Set("Last-Event-ID", "41") // an id this server never gave: a snapshot first
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	ev, data := sseEvent(t, r)
	var snap workshop.Snapshot
	if ev != "snapshot" || json.Unmarshal([]byte(data), &snap) != nil || len(snap.Students) != 1 {
		t.Fatalf("first event %q %s", ev, data)
	}
	cl.Enqueue(stepEvent("inspect", "nodes", "passed", "3 nœuds"))
	if _, err := cl.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	ev, data = sseEvent(t, r)
	var st workshop.Student
	if ev != "student" || json.Unmarshal([]byte(data), &st) != nil || st.Cells["inspect/nodes"].Status != "passed" {
		t.Fatalf("delta %q %s", ev, data)
	}
}

// stream opens the projector's event stream, resuming after lastID when set.
func stream(t *testing.T, c *class, lastID string) *bufio.Reader {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+c.addr+"/board/events?key=k3y", nil)
	if lastID != "" {
		req.Header.Set("Last-Event-ID", lastID)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); resp.Body.Close() })
	return bufio.NewReader(resp.Body)
}

// TestProjectorStreamResume: a page that comes back with a Last-Event-ID the server's
// ring still holds gets the deltas it missed, in order, and no snapshot; an id older
// than the ring, ahead of it or from another server process gets a fresh snapshot.
func TestProjectorStreamResume(t *testing.T) {
	c := &class{t: t, now: time.Now}
	c.db, c.addr = t.TempDir()+"/class.db", "127.0.0.1:0"
	c.cfg = func(cfg *server.Config) { cfg.Replay = 2 }
	c.start()
	t.Cleanup(c.stop)
	c.srv.Handle("/board/events", c.srv.BoardEvents("k3y"))
	mia, _ := newStudent(t, c, "Mia")

	r := stream(t, c, "")
	first, ev, _ := sseNext(t, r)
	if ev != "snapshot" || first == "" {
		t.Fatalf("first event %q id %q", ev, first)
	}
	mia.Enqueue(stepEvent("inspect", "nodes", "passed", "3 nœuds"))
	if _, err := mia.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	seen, ev, data := sseNext(t, r)
	if ev != "student" || !strings.Contains(data, `"inspect/nodes":{"status":"passed"`) {
		t.Fatalf("delta %q %s", ev, data)
	}

	// The page is away (the projector's Wi-Fi): Mia fails a step, Noé joins.
	mia.Enqueue(stepEvent("inspect", "pods", "failed", "aucun pod"))
	if _, err := mia.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	newStudent(t, c, "Noé")

	r = stream(t, c, seen)
	got := map[string]string{}
	prev := seen
	for range 2 {
		id, ev, data := sseNext(t, r)
		if ev != "student" {
			t.Fatalf("resumed after %s: %q %s, want the missed deltas", seen, ev, data)
		}
		if seqOf(t, id) != seqOf(t, prev)+1 {
			t.Fatalf("delta id %s after %s", id, prev)
		}
		var st workshop.Student
		if err := json.Unmarshal([]byte(data), &st); err != nil {
			t.Fatal(err)
		}
		got[st.Name] = st.Cells["inspect/pods"].Status
		prev = id
	}
	if got["Mia"] != "failed" || len(got) != 2 || got["Noé"] != "" {
		t.Fatalf("missed deltas: %v, want Mia's failed step and Noé's row", got)
	}

	epoch, _, _ := strings.Cut(first, "-")
	for name, id := range map[string]string{
		"older than the ring":      first,
		"ahead of the ring":        epoch + "-99999",
		"another server's epoch":   "0badc0de-1",
		"not an id of this server": "garbage",
	} {
		_, ev, data := sseNext(t, stream(t, c, id))
		var snap workshop.Snapshot
		if ev != "snapshot" || json.Unmarshal([]byte(data), &snap) != nil || len(snap.Students) != 2 {
			t.Errorf("%s (%s): %q %s, want a snapshot of both students", name, id, ev, data)
		}
	}
}

// seqOf is the number of a stream id "EPOCH-N".
func seqOf(t *testing.T, id string) int {
	t.Helper()
	_, n, _ := strings.Cut(id, "-")
	v, err := strconv.Atoi(n)
	if err != nil {
		t.Fatalf("stream id %q", id)
	}
	return v
}
