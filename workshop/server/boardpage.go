package server

import (
	"crypto/subtle"
	"net/http"
	"time"

	"kubetutor/workshop"
)

// BoardJSON serves the whole board as JSON to whoever holds the board key (the projector
// page and scripts): GET /board/snapshot.json?key=KEY.
func (s *Server) BoardJSON(key string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			writeRefusal(w, workshop.Refuse(http.StatusMethodNotAllowed, workshop.CodeMalformed, "use GET"))
			return
		}
		if !KeyOK(r, key) {
			writeRefusal(w, workshop.Refuse(http.StatusForbidden, workshop.CodeBadToken, "wrong or missing board key"))
			return
		}
		snap, err := s.cfg.Store.Snapshot(s.cfg.Now())
		if err != nil {
			s.cfg.Log.Error("snapshot", "err", err)
			writeRefusal(w, workshop.Refuse(http.StatusInternalServerError, workshop.CodeInternal, "the class database could not be read"))
			return
		}
		writeJSON(w, http.StatusOK, snap)
	})
}

// KeyOK reports whether the request carries the board key (?key=).
func KeyOK(r *http.Request, key string) bool {
	got := r.URL.Query().Get("key")
	return key != "" && subtle.ConstantTimeCompare([]byte(got), []byte(key)) == 1
}

// Now is the server's clock.
func (s *Server) Now() time.Time { return s.cfg.Now() }
