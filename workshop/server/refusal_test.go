package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"kubetutor/workshop"
	"kubetutor/workshop/client"
	"kubetutor/workshop/server"
)

// post sends a raw body and returns the status and the refusal.
func post(t *testing.T, addr, path string, body []byte) (int, workshop.Refusal) {
	t.Helper()
	resp, err := http.Post("http://"+addr+path, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var r workshop.Refusal
	if resp.StatusCode != http.StatusOK {
		if err := json.Unmarshal(data, &r); err != nil || r.Reason == "" {
			t.Fatalf("HTTP %d without a reason: %q", resp.StatusCode, data)
		}
	}
	return resp.StatusCode, r
}

func mustJSON(v any) []byte {
	data, _ := json.Marshal(v)
	return data
}

func TestRefusals(t *testing.T) {
	c := newClass(t)
	_, dir := newStudent(t, c, "Ivy")
	seat, _ := client.LoadSeat(dir)
	revokedCl, revDir := newStudent(t, c, "Rex")
	revSeat, _ := client.LoadSeat(revDir)
	if err := c.store.Revoke(c.student("Rex").ID); err != nil {
		t.Fatal(err)
	}
	_ = revokedCl
	now := time.Now()
	ev := func(mod func(*workshop.Event)) []byte {
		e := workshop.Event{ID: "e1", Seq: 1, Kind: workshop.KindStep, Lab: "inspect", Step: "nodes", Status: "failed", At: now}
		mod(&e)
		return mustJSON(workshop.Batch{V: workshop.Version, Token: seat.Token, Events: []workshop.Event{e}})
	}
	for _, tc := range []struct {
		name   string
		path   string
		body   []byte
		status int
		code   string
	}{
		{"wrong code", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 1, Code: "AAAAAA", Name: "X"}), 403, workshop.CodeBadCode},
		{"malformed code", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 1, Code: "0O1I", Name: "X"}), 403, workshop.CodeBadCode},
		{"empty name", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 1, Code: testCode, Name: "  "}), 400, workshop.CodeBadName},
		{"overlong name", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 1, Code: testCode, Name: strings.Repeat("é", 41)}), 400, workshop.CodeBadName},
		{"other version", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 2, Code: testCode, Name: "X"}), 400, workshop.CodeBadVersion},
		{"revoked join", workshop.PathJoin, mustJSON(workshop.JoinRequest{V: 1, Code: testCode, Name: "Rex", Token: revSeat.Token}), 403, workshop.CodeRevoked},
		{"malformed JSON", workshop.PathEvents, []byte(`{"v":1,`), 400, workshop.CodeMalformed},
		{"trailing data", workshop.PathEvents, []byte(`{"v":1,"token":"x","events":[]} {}`), 400, workshop.CodeMalformed},
		{"unknown field", workshop.PathEvents, []byte(`{"v":1,"token":"x","events":[],"shell":"ls"}`), 400, workshop.CodeMalformed},
		{"oversized body", workshop.PathEvents, bytes.Repeat([]byte(" "), workshop.MaxBodyBytes+1), 413, workshop.CodeTooLarge},
		{"unknown token", workshop.PathEvents, mustJSON(workshop.Batch{V: 1, Token: "nope", Events: []workshop.Event{}}), 401, workshop.CodeBadToken},
		{"no token", workshop.PathEvents, mustJSON(workshop.Batch{V: 1}), 401, workshop.CodeBadToken},
		{"revoked token", workshop.PathEvents, mustJSON(workshop.Batch{V: 1, Token: revSeat.Token, Events: []workshop.Event{}}), 403, workshop.CodeRevoked},
		{"unknown kind", workshop.PathEvents, ev(func(e *workshop.Event) { e.Kind = "keylogger" }), 422, workshop.CodeUnknownKind},
		{"far future", workshop.PathEvents, ev(func(e *workshop.Event) { e.At = now.Add(time.Hour) }), 422, workshop.CodeBadTime},
		{"far past", workshop.PathEvents, ev(func(e *workshop.Event) { e.At = now.Add(-30 * 24 * time.Hour) }), 422, workshop.CodeBadTime},
		{"no id", workshop.PathEvents, ev(func(e *workshop.Event) { e.ID = "" }), 422, workshop.CodeBadEvent},
		{"bad status", workshop.PathEvents, ev(func(e *workshop.Event) { e.Status = "hacked" }), 422, workshop.CodeBadEvent},
		{"long reason", workshop.PathEvents, ev(func(e *workshop.Event) { e.Reason = strings.Repeat("x", workshop.MaxText+1) }), 422, workshop.CodeBadEvent},
		{"too many events", workshop.PathEvents, mustJSON(workshop.Batch{V: 1, Token: seat.Token, Events: make([]workshop.Event, workshop.MaxBatch+1)}), 413, workshop.CodeTooLarge},
		{"unknown path", "/v1/shell", []byte(`{}`), 404, "not-found"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, r := post(t, c.addr, tc.path, tc.body)
			if status != tc.status || r.Code != tc.code {
				t.Fatalf("HTTP %d %q (%s), want %d %q", status, r.Code, r.Reason, tc.status, tc.code)
			}
		})
	}
	t.Run("wrong method", func(t *testing.T) {
		resp, err := http.Get("http://" + c.addr + workshop.PathEvents)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("GET = %d", resp.StatusCode)
		}
	})
	// Nothing refused reached the board.
	if st := c.student("Ivy"); len(st.Cells) != 0 {
		t.Fatalf("refused events changed the board: %+v", st.Cells)
	}
	if _, events, _ := c.store.Stats(); events != 0 {
		t.Fatalf("%d refused events stored", events)
	}
}

func TestDuplicateNames(t *testing.T) {
	c := newClass(t)
	cl, dir := newStudent(t, c, "Jo")
	first, _ := client.LoadSeat(dir)
	// Another machine asking for the same name gets a suffixed one.
	_, dir2 := newStudent(t, c, "Jo")
	second, _ := client.LoadSeat(dir2)
	if second.Name != "Jo (2)" || second.Token == first.Token {
		t.Fatalf("second Jo = %+v", second)
	}
	// The seat's own token gets the seat back, under its name.
	again, err := cl.Rejoin(context.Background(), "fr", nil)
	if err != nil || again.Name != "Jo" || again.Token != first.Token {
		t.Fatalf("rejoin = %+v %v", again, err)
	}
	if n := len(c.snapshot().Students); n != 2 {
		t.Fatalf("%d seats, want 2", n)
	}
}

func TestRateLimit(t *testing.T) {
	c := &class{t: t, now: time.Now}
	c.db, c.addr = t.TempDir()+"/class.db", "127.0.0.1:0"
	c.cfg = func(cfg *server.Config) { cfg.Rate, cfg.Burst = 1, 3 }
	c.start()
	t.Cleanup(c.stop)
	cl, _ := newStudent(t, c, "Kim")
	var limited bool
	for range 10 {
		_, err := cl.Flush(context.Background())
		if e, ok := workshop.AsError(err); ok && e.Code == workshop.CodeRateLimited && e.Status == 429 {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("10 requests at once were never limited at 1/s burst 3")
	}
}

func TestClientSetsARefusedEventAside(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Lou")
	skewed := stepEvent("inspect", "nodes", "failed", "horloge")
	skewed.At = time.Now().Add(2 * time.Hour) // a student's clock two hours ahead
	cl.Enqueue(stepEvent("inspect", "pods", "failed", "ok"), skewed, stepEvent("inspect", "svc", "passed", "ok"))
	res, err := cl.Flush(context.Background())
	if err != nil || res.Applied != 2 {
		t.Fatalf("flush %+v %v", res, err)
	}
	if n, _ := cl.Queue().Refused(); n != 1 {
		t.Fatalf("%d refused, want 1", n)
	}
	if n, _ := cl.Queue().Len(); n != 0 {
		t.Fatalf("%d left in the queue", n)
	}
}

// TestRateLimitKeyedByClient: random tokens share their address's bucket (they are
// limited, not each given a fresh one), join attempts too, and a known seat keeps its
// own bucket while its address floods.
func TestRateLimitKeyedByClient(t *testing.T) {
	c := &class{t: t, now: time.Now}
	c.db, c.addr = t.TempDir()+"/class.db", "127.0.0.1:0"
	c.cfg = func(cfg *server.Config) { cfg.Rate, cfg.Burst = 0.01, 4 }
	c.start()
	t.Cleanup(c.stop)
	cl, _ := newStudent(t, c, "Kim") // one join: one request of the address's bucket

	statuses := map[int]int{}
	for i := range 10 {
		token := server.NewToken()
		req, _ := http.NewRequest(http.MethodPost, "http://"+c.addr+workshop.PathEvents,
			bytes.NewReader(mustJSON(workshop.Batch{V: workshop.Version, Token: token, Events: []workshop.Event{}})))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		statuses[resp.StatusCode]++
		if i >= 3 && resp.StatusCode != http.StatusTooManyRequests {
			t.Fatalf("random token %d: HTTP %d, want 429 (the address's bucket is spent)", i, resp.StatusCode)
		}
	}
	if statuses[http.StatusUnauthorized] != 3 || statuses[http.StatusTooManyRequests] != 7 {
		t.Fatalf("random tokens: %v, want 3×401 then 7×429", statuses)
	}
	// A join attempt from the same address is limited too.
	if st, r := post(t, c.addr, workshop.PathJoin, mustJSON(workshop.JoinRequest{V: workshop.Version, Code: testCode, Name: "Flood"})); st != http.StatusTooManyRequests || r.Code != workshop.CodeRateLimited {
		t.Fatalf("join from a flooding address: %d %+v", st, r)
	}
	// The seat's requests have their own bucket: the flood did not spend it.
	for i := range 3 {
		if _, err := cl.Flush(context.Background()); err != nil {
			t.Fatalf("seat's flush %d while its address floods: %v", i, err)
		}
	}
}

// TestExactJoinOffersAFreeName: a join that asks for its exact name (the TUI's form) is
// refused with a free name offered when another seat holds it, and takes no seat; the
// offered name then joins.
func TestExactJoinOffersAFreeName(t *testing.T) {
	c := newClass(t)
	newStudent(t, c, "Mia")
	cl, err := client.New(client.Dir(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.JoinAs(context.Background(), c.line(), "Mia", "fr", nil, true)
	e, ok := workshop.AsError(err)
	if !ok || e.Code != workshop.CodeNameTaken || e.Status != http.StatusConflict || e.Name != "Mia (2)" {
		t.Fatalf("exact join of a held name: %v (%+v)", err, e)
	}
	if seat, _ := cl.Seat(); seat != nil || len(c.snapshot().Students) != 1 {
		t.Fatalf("a refused join took a seat: %+v, %d students", seat, len(c.snapshot().Students))
	}
	seat, err := cl.JoinAs(context.Background(), c.line(), e.Name, "fr", nil, true)
	if err != nil || seat.Name != "Mia (2)" {
		t.Fatalf("join under the offered name: %+v %v", seat, err)
	}
}

// TestRejoinsCountInTheirSeatsBucket: a room re-joining at once (after a server restart)
// from one address is not limited by that address: each re-join carries its seat's token.
func TestRejoinsCountInTheirSeatsBucket(t *testing.T) {
	c := &class{t: t, now: time.Now}
	c.db, c.addr = t.TempDir()+"/class.db", "127.0.0.1:0"
	c.cfg = func(cfg *server.Config) { cfg.Rate, cfg.Burst = 0.01, 6 }
	c.start()
	t.Cleanup(c.stop)
	var room []*client.Client
	for _, name := range []string{"A", "B", "C", "D", "E"} {
		cl, _ := newStudent(t, c, name) // five joins: five of the address's six
		room = append(room, cl)
	}
	for round := range 2 {
		for i, cl := range room {
			if _, err := cl.Rejoin(context.Background(), "fr", nil); err != nil {
				t.Fatalf("round %d: re-join of student %d: %v", round, i, err)
			}
		}
	}
}
