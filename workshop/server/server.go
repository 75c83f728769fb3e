package server

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"kubetutor/workshop"
)

// Config configures a Server.
type Config struct {
	Store *Store
	// Code is the event code students must give to join.
	Code string
	// Now is the server's clock (replaceable in tests).
	Now func() time.Time
	Log *slog.Logger
	// Rate and Burst bound requests per client: per seat for a request with a token the
	// class knows, per remote address for the others (joins, unknown tokens), so random
	// tokens cannot each get a bucket.
	Rate  rate.Limit
	Burst int
	// Replay is how many recent board deltas are kept for event streams that resume
	// (DefaultReplay when zero).
	Replay int
	// OnEvent, when set, is called after each applied batch or join (the headless log).
	OnEvent func(name string, events []workshop.Event)
}

// Server is the class server's HTTP side.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	// seats caches the tokens known to the class (revoked ones included: a real seat
	// either way), so the rate limit needs no database read per request.
	seats map[string]bool
	subs  map[chan struct{}]bool
	http  *http.Server
	feed  *feed // the board's numbered deltas, for the event streams
}

// Defaults for Config.
const (
	DefaultRate  = 20
	DefaultBurst = 40
)

// New returns a server for cfg.
func New(cfg Config) *Server {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Rate == 0 {
		cfg.Rate, cfg.Burst = DefaultRate, DefaultBurst
	}
	s := &Server{cfg: cfg, mux: http.NewServeMux(), limiters: map[string]*rate.Limiter{}, seats: map[string]bool{}, subs: map[chan struct{}]bool{}}
	if cfg.Replay <= 0 {
		cfg.Replay = DefaultReplay
	}
	s.feed = newFeed(cfg.Replay, func() (*workshop.Snapshot, error) { return s.cfg.Store.Snapshot(s.cfg.Now()) })
	s.http = &http.Server{
		Handler:           s.mux,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(cfg.Log.Handler(), slog.LevelDebug),
	}
	s.mux.HandleFunc(workshop.PathJoin, s.post(s.join))
	s.mux.HandleFunc(workshop.PathEvents, s.post(s.events))
	s.mux.HandleFunc(workshop.PathLeave, s.post(s.leave))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeRefusal(w, workshop.Refuse(http.StatusNotFound, "not-found", "no such path"))
	})
	return s
}

// Store is the server's database.
func (s *Server) Store() *Store { return s.cfg.Store }

// Handle adds a handler (the projector page) to the server's mux.
func (s *Server) Handle(pattern string, h http.Handler) { s.mux.Handle(pattern, h) }

// Handler is the server's HTTP handler.
func (s *Server) Handler() http.Handler { return s.mux }

// Notify signals a change of the board to every subscriber (coalesced: one pending
// signal each at most).
func (s *Server) Notify() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Subscribe returns a channel signalled after each change, and its cancellation.
func (s *Server) Subscribe() (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}
}

// Serve serves on ln with the server's timeouts until Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	err := s.http.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops serving, letting requests in flight finish. A Serve that starts after it
// returns at once.
func (s *Server) Shutdown(ctx context.Context) error { return s.http.Shutdown(ctx) }

type handler func(r *http.Request, body []byte) (any, error)

// post wraps a JSON handler: method, rate limit, body limit, refusals.
func (s *Server) post(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeRefusal(w, workshop.Refuse(http.StatusMethodNotAllowed, workshop.CodeMalformed, "use POST"))
			return
		}
		if !s.allow(s.limitKey(r)) {
			w.Header().Set("Retry-After", "1")
			writeRefusal(w, workshop.Refuse(http.StatusTooManyRequests, workshop.CodeRateLimited, "too many requests from this client"))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, workshop.MaxBodyBytes))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				writeRefusal(w, workshop.Refuse(http.StatusRequestEntityTooLarge, workshop.CodeTooLarge, "body over %d bytes", workshop.MaxBodyBytes))
				return
			}
			writeRefusal(w, workshop.Refuse(http.StatusBadRequest, workshop.CodeMalformed, "unreadable body"))
			return
		}
		out, err := h(r, body)
		if err != nil {
			if e, ok := workshop.AsError(err); ok {
				s.cfg.Log.Info("refused", "path", r.URL.Path, "code", e.Code, "reason", e.Reason, "remote", r.RemoteAddr)
				writeRefusal(w, e)
				return
			}
			s.cfg.Log.Error("request failed", "path", r.URL.Path, "err", err)
			writeRefusal(w, workshop.Refuse(http.StatusInternalServerError, workshop.CodeInternal, "the class server could not store this"))
			return
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// limitKey is the rate limit's bucket for r: "seat:TOKEN" when r carries a token of
// this class, "addr:HOST" otherwise (a join attempt, a bad or random token).
func (s *Server) limitKey(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || token == "" || len(token) > 64 {
		return "addr:" + host
	}
	s.mu.Lock()
	known := s.seats[token]
	s.mu.Unlock()
	if !known {
		seat, err := s.cfg.Store.seatByToken(s.cfg.Store.db, token)
		if err != nil || seat == nil {
			return "addr:" + host
		}
		s.knowSeat(token)
	}
	return "seat:" + token
}

// knowSeat records a token of this class for the rate limit.
func (s *Server) knowSeat(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seats[token] = true
}

// allow takes a token from key's bucket. The map is bounded: at 10,000 clients it is
// reset, which only forgives the flooders of the moment.
func (s *Server) allow(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limiters[key]
	if l == nil {
		if len(s.limiters) > 10000 {
			s.limiters = map[string]*rate.Limiter{}
		}
		l = rate.NewLimiter(s.cfg.Rate, s.cfg.Burst)
		s.limiters[key] = l
	}
	return l.Allow()
}

func (s *Server) join(r *http.Request, body []byte) (any, error) {
	req, derr := workshop.DecodeJoin(body)
	if derr != nil {
		return nil, derr
	}
	code, ok := workshop.NormalizeCode(req.Code)
	if !ok || subtle.ConstantTimeCompare([]byte(code), []byte(s.cfg.Code)) != 1 {
		return nil, workshop.Refuse(http.StatusForbidden, workshop.CodeBadCode, "wrong event code")
	}
	seat, err := s.cfg.Store.Join(r.Context(), req, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	st, err := s.state(seat.ID)
	if err != nil {
		return nil, err
	}
	s.knowSeat(seat.Token)
	s.Notify()
	if s.cfg.OnEvent != nil {
		s.cfg.OnEvent(seat.Name, nil)
	}
	return workshop.JoinResponse{V: workshop.Version, Token: seat.Token, Name: seat.Name, Event: st.Event, Seq: seat.Seq, State: st}, nil
}

func (s *Server) events(r *http.Request, body []byte) (any, error) {
	b, derr := workshop.DecodeBatch(body, s.cfg.Now())
	if derr != nil {
		return nil, derr
	}
	before, err := s.cfg.Store.seatByToken(s.cfg.Store.db, b.Token)
	if err != nil {
		return nil, err
	}
	ack, seat, err := s.cfg.Store.Ingest(r.Context(), b, s.cfg.Now())
	if err != nil {
		return nil, err
	}
	// A gap before the lowest new sequence number: events were lost on the way (a
	// deleted queue); the client re-joins with its whole document.
	if before != nil && len(b.Events) > 0 {
		lowest := b.Events[0].Seq
		for _, e := range b.Events {
			lowest = min(lowest, e.Seq)
		}
		ack.Resync = lowest > before.Seq+1 && ack.Applied > 0
	}
	if ack.State, err = s.state(seat.ID); err != nil {
		return nil, err
	}
	if ack.Applied > 0 {
		s.Notify()
		if s.cfg.OnEvent != nil {
			s.cfg.OnEvent(seat.Name, b.Events)
		}
	}
	return ack, nil
}

func (s *Server) leave(r *http.Request, body []byte) (any, error) {
	req, derr := workshop.DecodeLeave(body)
	if derr != nil {
		return nil, derr
	}
	seat, err := s.cfg.Store.seatByToken(s.cfg.Store.db, req.Token)
	if err != nil {
		return nil, err
	}
	if seat == nil || seat.Revoked {
		return nil, workshop.Refuse(http.StatusUnauthorized, workshop.CodeBadToken, "unknown token")
	}
	if err := s.cfg.Store.Revoke(seat.ID); err != nil {
		return nil, err
	}
	s.Notify()
	return struct {
		V int `json:"v"`
	}{workshop.Version}, nil
}

// state is the class state for one seat.
func (s *Server) state(seat int64) (workshop.State, error) {
	st, err := s.cfg.Store.State()
	if err != nil {
		return st, err
	}
	var acked int
	if err := s.cfg.Store.db.QueryRow(`SELECT hand_acked FROM seats WHERE id=?`, seat).Scan(&acked); err != nil {
		return st, err
	}
	st.HandAcked = acked != 0
	return st, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func writeRefusal(w http.ResponseWriter, e *workshop.Error) {
	writeJSON(w, e.Status, e.Refusal())
}

// ServeTLS serves on ln with TLS and cert (the self-signed class certificate).
func (s *Server) ServeTLS(ln net.Listener, cert tls.Certificate) error {
	s.http.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	return s.Serve(tls.NewListener(ln, s.http.TLSConfig))
}
