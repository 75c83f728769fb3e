package server

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"kubetutor/workshop"
)

//go:embed page/board.html
var page embed.FS

// SSEHeartbeat is how often an idle event stream sends a comment, so proxies and the
// browser keep it open.
const SSEHeartbeat = 15 * time.Second

// BoardPage serves the projector's read-only page: GET /board?key=KEY. The page is
// plain HTML, CSS and JavaScript embedded in the binary: no build step, no CDN.
func (s *Server) BoardPage(key string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !KeyOK(r, key) {
			writeRefusal(w, workshop.Refuse(http.StatusForbidden, workshop.CodeBadToken, "wrong or missing board key"))
			return
		}
		// The page carries the board as it is now, drawn at load (a first paint without
		// waiting for the stream, and a board even where a proxy holds the stream back).
		snap, err := s.cfg.Store.Snapshot(s.cfg.Now())
		if err != nil {
			writeRefusal(w, workshop.Refuse(http.StatusInternalServerError, workshop.CodeInternal, "the class database could not be read"))
			return
		}
		initial, _ := json.Marshal(snap) // escapes <, > and &: safe inside a script
		tmpl, _ := page.ReadFile("page/board.html")
		data := bytes.Replace(tmpl, []byte("/*INITIAL*/null"), initial, 1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
		w.Write(data)
	})
}

// BoardEvents streams the board as server-sent events: a snapshot first, then one
// "student" event per changed row and "remove" per removed row, and a heartbeat with the
// server's time ("now"). Every snapshot and delta has an id; a page that resumes with a
// Last-Event-ID the server's ring of recent deltas still holds gets the deltas after it,
// any other (older, unknown, from before a restart) a fresh snapshot.
func (s *Server) BoardEvents(key string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !KeyOK(r, key) {
			writeRefusal(w, workshop.Refuse(http.StatusForbidden, workshop.CodeBadToken, "wrong or missing board key"))
			return
		}
		rc := http.NewResponseController(w)
		changed, cancel := s.Subscribe()
		defer cancel()
		w.Header().Set("Content-Type", "text/event-stream")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusOK)
		write := func(id, event string, data []byte) error {
			rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if id != "" {
				id = "id: " + id + "\n"
			}
			if _, err := fmt.Fprintf(w, "%sevent: %s\ndata: %s\n\n", id, event, data); err != nil {
				return err
			}
			return rc.Flush()
		}
		f := s.feed
		var cursor uint64
		snapshot := func() error {
			snap, last, err := f.refresh()
			if err != nil {
				return err
			}
			data, err := json.Marshal(snap)
			if err != nil {
				return err
			}
			cursor = last
			return write(f.id(last), "snapshot", data)
		}
		// deliver sends the deltas after the cursor; a cursor the ring no longer holds
		// (a stream too slow for the class) gets a snapshot instead.
		deliver := func() error {
			ds, ok := f.since(cursor)
			if !ok {
				return snapshot()
			}
			for _, d := range ds {
				if err := write(f.id(d.id), d.event, d.data); err != nil {
					return err
				}
				cursor = d.id
			}
			return nil
		}
		start := snapshot
		if n, ok := f.parse(r.Header.Get("Last-Event-ID")); ok {
			if _, ok := f.since(n); ok {
				start = func() error {
					cursor = n
					if _, _, err := f.refresh(); err != nil { // what changed while away
						return err
					}
					return deliver()
				}
			}
		}
		if start() != nil {
			return
		}
		hb := time.NewTicker(SSEHeartbeat)
		defer hb.Stop()
		for {
			ready := f.wait()
			if deliver() != nil {
				return
			}
			select {
			case <-r.Context().Done():
				return
			case <-hb.C:
				rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
				if _, err := fmt.Fprintf(w, ": heartbeat %d\n\n", s.cfg.Now().Unix()); err != nil || rc.Flush() != nil {
					return
				}
				now, _ := json.Marshal(s.cfg.Now())
				if write("", "now", now) != nil {
					return
				}
			case <-ready: // another stream read the change
			case <-changed:
				// At most about three refreshes a second, whatever the class sends.
				select {
				case <-r.Context().Done():
					return
				case <-time.After(300 * time.Millisecond):
				}
				if _, _, err := f.refresh(); err != nil {
					return
				}
			}
		}
	})
}
