package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"kubetutor/workshop"
)

// sseEvent reads the next event (skipping comments) from an event stream.
func sseEvent(t *testing.T, r *bufio.Reader) (event, data string) {
	t.Helper()
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatalf("stream ended: %v", err)
		}
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "event: "):
			event = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data = strings.TrimPrefix(line, "data: ")
		case line == "" && event != "":
			return event, data
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
	req.Header.Set("Last-Event-ID", "41") // a resumed page gets a snapshot first
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
