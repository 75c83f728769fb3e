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

// BoardEvents streams the board as server-sent events: a snapshot first (also on a
// resume with Last-Event-ID: the snapshot is what a resumed page needs), then one
// "student" event per changed row and "remove" per removed row, and a heartbeat.
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
		var id int
		if _, err := fmt.Sscan(r.Header.Get("Last-Event-ID"), &id); err != nil {
			id = 0
		}
		sent := map[int64][]byte{}
		send := func(event string, v any) error {
			data, err := json.Marshal(v)
			if err != nil {
				return err
			}
			id++
			rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
			if _, err := fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", id, event, data); err != nil {
				return err
			}
			return rc.Flush()
		}
		snap, err := s.cfg.Store.Snapshot(s.cfg.Now())
		if err != nil || send("snapshot", snap) != nil {
			return
		}
		for _, st := range snap.Students {
			sent[st.ID], _ = json.Marshal(st)
		}
		hb := time.NewTicker(SSEHeartbeat)
		defer hb.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-hb.C:
				rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
				if _, err := fmt.Fprintf(w, ": heartbeat %d\n\n", s.cfg.Now().Unix()); err != nil || rc.Flush() != nil {
					return
				}
				if send("now", s.cfg.Now()) != nil {
					return
				}
			case <-changed:
				// At most about three refreshes a second, whatever the class sends.
				select {
				case <-r.Context().Done():
					return
				case <-time.After(300 * time.Millisecond):
				}
				snap, err := s.cfg.Store.Snapshot(s.cfg.Now())
				if err != nil {
					return
				}
				seen := map[int64]bool{}
				for _, st := range snap.Students {
					seen[st.ID] = true
					data, _ := json.Marshal(st)
					if !bytes.Equal(sent[st.ID], data) {
						if send("student", st) != nil {
							return
						}
						sent[st.ID] = data
					}
				}
				for sid := range sent {
					if !seen[sid] {
						if send("remove", sid) != nil {
							return
						}
						delete(sent, sid)
					}
				}
			}
		}
	})
}
