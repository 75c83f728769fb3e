package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"sync"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
)

// Client talks to the class server for one student's state dir.
type Client struct {
	tlsMu  sync.Mutex
	tlsFor string
	tlsCl  *http.Client

	dir   string
	queue *Queue
	http  *http.Client
	now   func() time.Time
	mu    sync.Mutex // serializes seat file updates within the process
}

// RequestTimeout bounds one request: the venue's Wi-Fi either answers fast or not at all.
const RequestTimeout = 5 * time.Second

// New returns a client keeping its seat and queue in dir (see Dir).
func New(dir string) (*Client, error) {
	q, err := OpenQueue(dir + "/queue")
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{
		DialContext:           (&net.Dialer{Timeout: 3 * time.Second}).DialContext,
		ResponseHeaderTimeout: RequestTimeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
	}
	return &Client{dir: dir, queue: q, http: &http.Client{Transport: tr, Timeout: RequestTimeout}, now: time.Now}, nil
}

// Queue is the client's on-disk queue.
func (c *Client) Queue() *Queue { return c.queue }

// Seat returns the stored seat, nil when none.
func (c *Client) Seat() (*Seat, error) { return LoadSeat(c.dir) }

// ErrUnreachable wraps a network failure (the server is away).
var ErrUnreachable = errors.New("class server unreachable")

// post sends v to path on addr and decodes the answer into out. A refusal comes back as a
// *workshop.Error; a network failure wraps ErrUnreachable.
func (c *Client) post(ctx context.Context, addr, fp, path, token string, v, out any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, RequestTimeout)
	defer cancel()
	scheme, hc := "http://", c.http
	if fp != "" {
		scheme, hc = "https://", c.pinned(fp)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, scheme+addr+path, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if errors.Is(err, workshop.ErrFingerprint) {
		return err
	}
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, workshop.MaxBodyBytes))
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreachable, err)
	}
	if resp.StatusCode != http.StatusOK {
		var r workshop.Refusal
		if json.Unmarshal(data, &r) != nil || r.Code == "" {
			return fmt.Errorf("%w: HTTP %d", ErrUnreachable, resp.StatusCode)
		}
		return &workshop.Error{Status: resp.StatusCode, Code: r.Code, Reason: r.Reason, Index: r.Index, Name: r.Name}
	}
	return json.Unmarshal(data, out)
}

// Join registers with the class at line under name, sending the whole progress document,
// and stores the seat. A re-join of the same class reuses the stored token.
func (c *Client) Join(ctx context.Context, line workshop.JoinLine, name, lang string, doc *progress.Document) (*Seat, error) {
	return c.JoinAs(ctx, line, name, lang, doc, false)
}

// JoinAs is Join; with exact, a name another seat holds is refused with
// workshop.CodeNameTaken and a free name offered (the refusal's Name) instead of given.
func (c *Client) JoinAs(ctx context.Context, line workshop.JoinLine, name, lang string, doc *progress.Document, exact bool) (*Seat, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, err := LoadSeat(c.dir)
	if err != nil {
		return nil, err
	}
	req := workshop.JoinRequest{V: workshop.Version, Code: line.Code, Name: name, Lang: lang, Progress: doc, Exact: exact}
	if old != nil && old.Addr == line.Addr && old.Code == line.Code && !old.Revoked {
		req.Token = old.Token
	}
	if req.Seq, err = c.queue.Seq(); err != nil {
		return nil, err
	}
	var resp workshop.JoinResponse
	// A re-join carries its token in the header too: it counts in its seat's rate bucket,
	// not in its address's (a room whose students all re-join after a server restart).
	if err := c.post(ctx, line.Addr, line.Fingerprint, workshop.PathJoin, req.Token, req, &resp); err != nil {
		return nil, err
	}
	seat := &Seat{Addr: line.Addr, Code: line.Code, Fingerprint: line.Fingerprint, Token: resp.Token,
		Name: resp.Name, Event: resp.Event, Joined: c.now(), LastAck: c.now(), State: resp.State}
	if old != nil && old.Token == resp.Token {
		seat.Joined = old.Joined
	}
	return seat, SaveSeat(c.dir, seat)
}

// Rejoin joins the stored seat again with the current progress document.
func (c *Client) Rejoin(ctx context.Context, lang string, doc *progress.Document) (*Seat, error) {
	seat, err := c.Seat()
	if err != nil || seat == nil {
		return nil, err
	}
	return c.Join(ctx, workshop.JoinLine{Code: seat.Code, Addr: seat.Addr, Fingerprint: seat.Fingerprint}, seat.Name, lang, doc)
}

// Leave gives the seat up: the server is told when it answers, the seat and queue are
// forgotten either way.
func (c *Client) Leave(ctx context.Context) (told bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	seat, err := LoadSeat(c.dir)
	if err != nil || seat == nil {
		return false, err
	}
	var out struct{}
	perr := c.post(ctx, seat.Addr, seat.Fingerprint, workshop.PathLeave, seat.Token, workshop.LeaveRequest{V: workshop.Version, Token: seat.Token}, &out)
	if err := c.queue.Clear(); err != nil {
		return false, err
	}
	return perr == nil, RemoveSeat(c.dir)
}

// Enqueue stores events for sending (when a seat exists; otherwise nothing is kept).
func (c *Client) Enqueue(events ...workshop.Event) error {
	seat, err := c.Seat()
	if err != nil || seat == nil || seat.Revoked || len(events) == 0 {
		return err
	}
	return c.queue.Add(events...)
}

// FlushResult is what one Flush did.
type FlushResult struct {
	Sent, Applied int
	Remaining     int
	Resync        bool
	State         workshop.State
}

// Flush sends the queue in batches until it is empty or a request fails. With an empty
// queue it sends one empty batch: the heartbeat, which also brings the class state back.
func (c *Client) Flush(ctx context.Context) (FlushResult, error) {
	var res FlushResult
	seat, err := c.Seat()
	if err != nil || seat == nil {
		return res, err
	}
	if seat.Revoked {
		return res, &workshop.Error{Status: http.StatusForbidden, Code: workshop.CodeRevoked, Index: -1}
	}
	for first := true; ; first = false {
		events, err := c.queue.Peek(workshop.MaxBatch)
		if err != nil {
			return res, err
		}
		if len(events) == 0 && !first {
			return res, nil
		}
		var ack workshop.Ack
		err = c.post(ctx, seat.Addr, seat.Fingerprint, workshop.PathEvents, seat.Token, workshop.Batch{V: workshop.Version, Token: seat.Token, Events: events}, &ack)
		if e, ok := workshop.AsError(err); ok && e.Index >= 0 && e.Index < len(events) {
			// One event is refused for good (a skewed clock…): set it aside, send the rest.
			if err := c.queue.Refuse(events[e.Index]); err != nil {
				return res, err
			}
			continue
		}
		if e, ok := workshop.AsError(err); ok && e.Code == workshop.CodeRevoked {
			c.update(func(s *Seat) { s.Revoked = true })
		}
		if err != nil {
			res.Remaining = len(events)
			return res, err
		}
		if err := c.queue.Remove(events, ack.Acked); err != nil {
			return res, err
		}
		res.Sent += len(ack.Acked)
		res.Applied += ack.Applied
		res.Resync = res.Resync || ack.Resync
		res.State = ack.State
		c.noteAck(ack.State)
		if len(events) < workshop.MaxBatch {
			return res, nil
		}
	}
}

// update changes the stored seat, if it is still there.
func (c *Client) update(fn func(*Seat)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, err := LoadSeat(c.dir)
	if err != nil || s == nil {
		return
	}
	fn(s)
	SaveSeat(c.dir, s)
}

// noteAck records an acknowledgement in the seat file when the class state changed or the
// last record is a few seconds old (the seat file is synced to disk: not at every batch).
func (c *Client) noteAck(st workshop.State) {
	c.mu.Lock()
	s, err := LoadSeat(c.dir)
	c.mu.Unlock()
	if err != nil || s == nil {
		return
	}
	if reflect.DeepEqual(s.State, st) && c.now().Sub(s.LastAck) < 5*time.Second {
		return
	}
	c.update(func(s *Seat) { s.LastAck, s.State = c.now(), st })
}

// pinned returns an HTTPS client that accepts only the certificate with fingerprint fp.
func (c *Client) pinned(fp string) *http.Client {
	c.tlsMu.Lock()
	defer c.tlsMu.Unlock()
	if c.tlsCl == nil || c.tlsFor != fp {
		tr := &http.Transport{
			DialContext:           (&net.Dialer{Timeout: 3 * time.Second}).DialContext,
			TLSClientConfig:       workshop.PinnedTLS(fp),
			TLSHandshakeTimeout:   3 * time.Second,
			ResponseHeaderTimeout: RequestTimeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       30 * time.Second,
		}
		c.tlsCl, c.tlsFor = &http.Client{Transport: tr, Timeout: RequestTimeout}, fp
	}
	return c.tlsCl
}
