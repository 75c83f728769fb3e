package server_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kubetutor/workshop"
	"kubetutor/workshop/server"
)

// BenchmarkIngest measures one batch of 10 events from a real client's queue to the
// acknowledgement of the real server on loopback (queue write with fsync, HTTP, SQLite
// transaction with synchronous=FULL, queue delete).
func BenchmarkIngest(b *testing.B) {
	c := &class{t: &testing.T{}, now: time.Now}
	c.db, c.addr = b.TempDir()+"/class.db", "127.0.0.1:0"
	c.cfg = func(cfg *server.Config) { cfg.Rate, cfg.Burst = 1e6, 1e6 }
	c.start()
	defer c.stop()
	cl, _ := newStudent(&testing.T{}, c, "Bench")
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var batch []workshop.Event
		for j := range 10 {
			batch = append(batch, stepEvent("inspect", fmt.Sprintf("s%d", j), "failed", "raison"))
		}
		if err := cl.Enqueue(batch...); err != nil {
			b.Fatal(err)
		}
		if res, err := cl.Flush(ctx); err != nil || res.Applied != 10 {
			b.Fatalf("%+v %v", res, err)
		}
	}
	b.ReportMetric(float64(b.N*10)/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkSnapshot measures one board refresh of a class of 60 students with 40 cells
// each.
func BenchmarkSnapshot(b *testing.B) {
	st, err := server.Open(b.TempDir() + "/class.db")
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	ctx, now := context.Background(), time.Now()
	for i := range 60 {
		seat, err := st.Join(ctx, &workshop.JoinRequest{V: 1, Name: fmt.Sprintf("Étudiant %d", i)}, now)
		if err != nil {
			b.Fatal(err)
		}
		var events []workshop.Event
		for j := range 40 {
			e := stepEvent("lab", fmt.Sprintf("s%d", j), "failed", "raison")
			e.ID, e.Seq = fmt.Sprintf("e%d", j), uint64(j+1)
			events = append(events, e)
		}
		if _, _, err := st.Ingest(ctx, &workshop.Batch{V: 1, Token: seat.Token, Events: events}, now); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		snap, err := st.Snapshot(now)
		if err != nil || len(snap.Students) != 60 {
			b.Fatal(err)
		}
	}
}
