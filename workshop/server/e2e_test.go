package server_test

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
	"kubetutor/workshop/client"
	"kubetutor/workshop/server"
)

func TestProtocolEndToEnd(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Ada L.")
	ctx := context.Background()
	if err := cl.Enqueue(stepEvent("inspect", "nodes", "failed", "aucun nœud listé"),
		workshop.Event{Kind: workshop.KindHint, Lab: "inspect", Step: "nodes", Hints: 1, At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	res, err := cl.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 2 || res.Applied != 2 || res.State.Event != "Atelier K8s" {
		t.Fatalf("flush = %+v", res)
	}
	if n, _ := cl.Queue().Len(); n != 0 {
		t.Fatalf("%d events left after their ack", n)
	}
	st := c.student("Ada L.")
	cell := st.Cells["inspect/nodes"]
	if cell.Status != "failed" || cell.Reason != "aucun nœud listé" || cell.Hints != 1 {
		t.Fatalf("cell = %+v", cell)
	}
	if st.Lab != "inspect" || st.Step != "nodes" || st.StuckSince.IsZero() {
		t.Fatalf("position = %q %q stuck %v", st.Lab, st.Step, st.StuckSince)
	}
	// Passed is sticky and ends « stuck ».
	cl.Enqueue(stepEvent("inspect", "nodes", "passed", "3 nœuds"))
	if _, err := cl.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "plus rien"))
	cl.Flush(ctx)
	st = c.student("Ada L.")
	if got := st.Cells["inspect/nodes"].Status; got != "passed" {
		t.Fatalf("a passed step became %q", got)
	}
	if !st.StuckSince.IsZero() {
		t.Fatalf("stuck since %v on a passed step", st.StuckSince)
	}
}

func TestResentEventsAreAppliedOnce(t *testing.T) {
	c := newClass(t)
	cl, dir := newStudent(t, c, "Bob")
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "r1"))
	// Keep a copy of the queued file: the ack is lost, the client sends it again.
	qdir := filepath.Join(dir, "queue")
	saved := map[string][]byte{}
	entries, _ := os.ReadDir(qdir)
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".json" {
			saved[e.Name()], _ = os.ReadFile(filepath.Join(qdir, e.Name()))
		}
	}
	if len(saved) != 1 {
		t.Fatalf("queue files: %v", entries)
	}
	if res, err := cl.Flush(context.Background()); err != nil || res.Applied != 1 {
		t.Fatalf("first flush %+v %v", res, err)
	}
	for name, data := range saved {
		os.WriteFile(filepath.Join(qdir, name), data, 0o600)
	}
	res, err := cl.Flush(context.Background())
	if err != nil || res.Sent != 1 || res.Applied != 0 {
		t.Fatalf("resend: %+v %v (want acked again, applied 0)", res, err)
	}
	if _, events, _ := c.store.Stats(); events != 1 {
		t.Fatalf("%d events stored, want 1", events)
	}
}

func TestQueueSurvivesServerRestart(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Chloé")
	ctx := context.Background()
	c.stop()
	for i := range 5 {
		cl.Enqueue(stepEvent("inspect", "nodes", "failed", "tentative "+string(rune('a'+i))))
	}
	_, err := cl.Flush(ctx)
	if !errors.Is(err, client.ErrUnreachable) {
		t.Fatalf("flush while the server is down: %v", err)
	}
	if n, _ := cl.Queue().Len(); n != 5 {
		t.Fatalf("queue holds %d events after a failed send, want 5", n)
	}
	c.start() // same database, same address
	res, err := cl.Flush(ctx)
	if err != nil || res.Applied != 5 {
		t.Fatalf("after restart: %+v %v", res, err)
	}
	if got := c.student("Chloé").Cells["inspect/nodes"].Reason; got != "tentative e" {
		t.Fatalf("last reason %q", got)
	}
	c.stop()
	c.start()
	if st := c.student("Chloé"); st == nil || st.Cells["inspect/nodes"].Status != "failed" {
		t.Fatalf("the board did not come back after a restart: %+v", st)
	}
}

func TestQueueSurvivesClientRestart(t *testing.T) {
	c := newClass(t)
	cl, dir := newStudent(t, c, "Dan")
	c.stop()
	cl.Enqueue(stepEvent("inspect", "nodes", "pending", ""), stepEvent("inspect", "pods", "failed", "aucun pod"))
	// A writer that died mid-write leaves a temp file; a torn event file is set aside.
	qdir := filepath.Join(dir, "queue")
	os.WriteFile(filepath.Join(qdir, ".tmp-123"), []byte("{"), 0o600)
	os.WriteFile(filepath.Join(qdir, "00000000000000000099-torn.json"), []byte(`{"id":`), 0o600)
	cl = nil

	c.start()
	cl2, err := client.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl2.Flush(context.Background())
	if err != nil || res.Applied != 2 {
		t.Fatalf("new process: %+v %v", res, err)
	}
	if refused, _ := cl2.Queue().Refused(); refused != 1 {
		t.Fatalf("torn file not set aside: %d refused", refused)
	}
	if _, err := os.Stat(filepath.Join(qdir, ".tmp-123")); err == nil {
		t.Fatal("stale temp file kept")
	}
	// The sequence continues across processes.
	cl2.Enqueue(stepEvent("inspect", "pods", "passed", ""))
	if seq, _ := cl2.Queue().Seq(); seq != 3 {
		t.Fatalf("seq = %d, want 3", seq)
	}
}

func TestRejoinSendsTheWholeDocument(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Eve")
	now := time.Now()
	doc := &progress.Document{Schema: progress.Schema,
		Labs: map[string]*progress.Lab{"inspect": {Steps: map[string]*progress.StepResult{
			"nodes": {Status: "passed", At: now, HintsShown: 2},
			"pods":  {Status: "failed", Reason: "aucun pod", At: now, SolutionShown: true},
		}}},
		Chapters: map[string]*progress.Chapter{"00": {
			SectionsRead: map[string]time.Time{"intro": now, "etcd": now},
			Quizzes:      []progress.QuizAttempt{{ID: "a1", Finished: now, Score: 7, Max: 10}},
		}},
	}
	seat, err := cl.Rejoin(context.Background(), "fr", doc)
	if err != nil || seat.Name != "Eve" {
		t.Fatalf("rejoin %+v %v", seat, err)
	}
	st := c.student("Eve")
	if st.Cells["inspect/nodes"].Status != "passed" || st.Cells["inspect/nodes"].Hints != 2 ||
		!st.Cells["inspect/pods"].Solution || st.Cells["quiz:00"].Score != 7 || st.SectionsRead != 2 {
		t.Fatalf("board after the document: %+v", st)
	}
	if n := len(c.snapshot().Students); n != 1 {
		t.Fatalf("a rejoin made a new seat: %d students", n)
	}
}

func TestGapInSequenceAsksForResync(t *testing.T) {
	c := newClass(t)
	cl, dir := newStudent(t, c, "Fay")
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "x"))
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "y"))
	// The first event is lost (its file deleted): the server sees seq 2 after 0.
	entries, _ := os.ReadDir(filepath.Join(dir, "queue"))
	for _, e := range entries {
		if filepath.Ext(e.Name()) == ".json" {
			os.Remove(filepath.Join(dir, "queue", e.Name()))
			break
		}
	}
	res, err := cl.Flush(context.Background())
	if err != nil || !res.Resync {
		t.Fatalf("flush %+v %v: want a resync", res, err)
	}
}

func TestSenderRetriesUntilTheServerIsBack(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Gus")
	c.stop()
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "r"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	states := make(chan workshop.State, 10)
	s := &client.Sender{Client: cl, Heartbeat: 100 * time.Millisecond, OnState: func(st workshop.State) {
		select {
		case states <- st:
		default:
		}
	}}
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	time.Sleep(300 * time.Millisecond) // a few failed attempts
	c.start()
	deadline := time.After(20 * time.Second)
	for {
		if st := c.student("Gus"); st != nil && st.Cells["inspect/nodes"].Status == "failed" {
			break
		}
		select {
		case <-deadline:
			t.Fatal("the queued event never reached the restarted server")
		case <-time.After(50 * time.Millisecond):
		}
	}
	if (<-states).Event != "Atelier K8s" {
		t.Fatal("no class state came back")
	}
	cancel()
	<-done
}

func TestLeaveForgetsTheSeat(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Hal")
	cl.Enqueue(stepEvent("inspect", "nodes", "failed", "r"))
	told, err := cl.Leave(context.Background())
	if err != nil || !told {
		t.Fatalf("leave: %v %v", told, err)
	}
	if seat, _ := cl.Seat(); seat != nil {
		t.Fatal("seat kept after leave")
	}
	if n, _ := cl.Queue().Len(); n != 0 {
		t.Fatal("queue kept after leave")
	}
	if c.student("Hal") != nil {
		t.Fatal("the board still shows a student who left")
	}
	if err := cl.Enqueue(stepEvent("inspect", "nodes", "failed", "r")); err != nil {
		t.Fatal(err)
	}
	if n, _ := cl.Queue().Len(); n != 0 {
		t.Fatal("events queued without a seat")
	}
}

func TestStateRidesBackOnAcks(t *testing.T) {
	c := newClass(t)
	cl, _ := newStudent(t, c, "Noé")
	ctx := context.Background()
	if err := c.store.SetBanner("Pause à 10 h 30"); err != nil {
		t.Fatal(err)
	}
	if locked, err := c.store.ToggleLock("etcd"); err != nil || !locked {
		t.Fatal(locked, err)
	}
	end := time.Now().Add(15 * time.Minute).Truncate(time.Millisecond)
	c.store.SetCountdown(end)
	cl.Enqueue(workshop.Event{Kind: workshop.KindHand, Raised: true, At: time.Now()})
	res, err := cl.Flush(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := res.State
	if st.Banner != "Pause à 10 h 30" || len(st.LockedSolutions) != 1 || st.LockedSolutions[0] != "etcd" || !st.Countdown.Equal(end) || st.HandAcked {
		t.Fatalf("state %+v", st)
	}
	stu := c.student("Noé")
	if !stu.Hand || stu.HandAcked {
		t.Fatalf("hand %+v", stu)
	}
	c.store.AckHand(stu.ID)
	res, _ = cl.Flush(ctx) // the heartbeat brings the acknowledgement back
	if !res.State.HandAcked {
		t.Fatal("the instructor's acknowledgement did not reach the student")
	}
	if seat, _ := cl.Seat(); seat.State.Banner != "Pause à 10 h 30" {
		t.Fatalf("seat file keeps %+v", seat.State)
	}
	if locked, _ := c.store.ToggleLock("etcd"); locked {
		t.Fatal("a second toggle did not unlock")
	}
}

func TestTLSWithPinnedFingerprint(t *testing.T) {
	dir := t.TempDir()
	cert, fp, err := workshop.LoadOrCreateCert(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, again, _ := workshop.LoadOrCreateCert(dir); again != fp {
		t.Fatal("a restarted server got a new fingerprint")
	}
	st, err := server.Open(filepath.Join(dir, "class.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv := server.New(server.Config{Store: st, Code: testCode})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.ServeTLS(ln, cert)
	defer srv.Shutdown(context.Background())
	line := workshop.JoinLine{Code: testCode, Addr: ln.Addr().String(), Fingerprint: fp}

	parsed, err := workshop.ParseJoinLine(line.String())
	if err != nil || parsed != line {
		t.Fatalf("join line %q parses as %+v %v", line.String(), parsed, err)
	}
	cl, _ := client.New(client.Dir(t.TempDir()))
	if _, err := cl.Join(context.Background(), line, "Tls", "fr", nil); err != nil {
		t.Fatalf("join over TLS: %v", err)
	}
	cl.Enqueue(stepEvent("inspect", "nodes", "passed", ""))
	if res, err := cl.Flush(context.Background()); err != nil || res.Applied != 1 {
		t.Fatalf("flush over TLS: %+v %v", res, err)
	}
	// Another certificate (a machine impersonating the class server) is refused.
	bad := line
	bad.Fingerprint = strings.Repeat("0", 64)
	cl2, _ := client.New(client.Dir(t.TempDir()))
	if _, err := cl2.Join(context.Background(), bad, "Tls", "fr", nil); !errors.Is(err, workshop.ErrFingerprint) {
		t.Fatalf("join with a wrong fingerprint: %v", err)
	}
	// Plain HTTP to a TLS server is not silently accepted either.
	plain := line
	plain.Fingerprint = ""
	if _, err := cl2.Join(context.Background(), plain, "Tls", "fr", nil); err == nil {
		t.Fatal("plain HTTP join to a TLS server succeeded")
	}
}
