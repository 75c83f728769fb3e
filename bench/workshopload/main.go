// Command workshopload is the load and fault test of workshop mode, on loopback only and
// bounded in count and time: simulated students send progress events through the real
// client code (on-disk queue, batches, backoff with jitter) to a real class server run
// from the kubetutor binary; the server is killed (SIGKILL) and restarted mid-run, and
// some clients lose the network for a while (a proxy that drops their connections). It
// reports events sent, applied, lost and applied twice, ingest latency, the board's
// refresh rate under load and the server's RSS.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"kubetutor/workshop"
	"kubetutor/workshop/client"
	"kubetutor/workshop/server"
)

type config struct {
	bin                 string
	students, rate      int
	duration, killAt    time.Duration
	dropAt              []time.Duration
	dropFor, flushEvery time.Duration
}

func main() {
	var c config
	var drops string
	flag.StringVar(&c.bin, "bin", "bin/kubetutor", "kubetutor binary")
	flag.IntVar(&c.students, "students", 60, "simulated students (at most 200)")
	flag.IntVar(&c.rate, "rate", 10, "events a second per student (at most 50)")
	flag.DurationVar(&c.duration, "duration", 60*time.Second, "sending time (at most 5m)")
	flag.DurationVar(&c.killAt, "kill-at", 20*time.Second, "when the server is killed and restarted (0: never)")
	flag.StringVar(&drops, "drop-at", "10s,35s", "when the proxied clients lose the network")
	flag.DurationVar(&c.dropFor, "drop-for", 20*time.Second, "how long each network loss lasts")
	flag.DurationVar(&c.flushEvery, "flush-every", 500*time.Millisecond, "how often a client sends its queue")
	flag.Parse()
	c.students, c.rate = min(c.students, 200), min(c.rate, 50)
	c.duration = min(c.duration, 5*time.Minute)
	for _, d := range strings.Split(drops, ",") {
		if v, err := time.ParseDuration(strings.TrimSpace(d)); err == nil {
			c.dropAt = append(c.dropAt, v)
		}
	}
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "workshopload:", err)
		os.Exit(1)
	}
}

// serverProc is the class server subprocess.
type serverProc struct {
	bin, home, addr string
	cmd             *exec.Cmd
	maxRSS          atomic.Int64
}

func (s *serverProc) start() error {
	s.cmd = exec.Command(s.bin, "workshop", "serve", "--headless", "--listen", s.addr, "--code", "K7MX4P", "--labs", "inspect")
	s.cmd.Env = append(os.Environ(), "KUBETUTOR_HOME="+s.home, "KUBETUTOR_LANG=en")
	s.cmd.Stdout, s.cmd.Stderr = io.Discard, os.Stderr
	if err := s.cmd.Start(); err != nil {
		return err
	}
	for range 200 {
		if c, err := net.Dial("tcp", s.addr); err == nil {
			c.Close()
			return nil
		}
		time.Sleep(25 * time.Millisecond)
	}
	return errors.New("server did not start")
}

func (s *serverProc) kill() {
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()
}

func (s *serverProc) sampleRSS() {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if kb*1024 > s.maxRSS.Load() {
				s.maxRSS.Store(kb * 1024)
			}
		}
	}
}

// proxy forwards to target and drops every connection while down.
type proxy struct {
	ln     net.Listener
	target string
	down   atomic.Bool
	mu     sync.Mutex
	conns  map[net.Conn]bool
}

func newProxy(target string) (*proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	go p.serve()
	return p, nil
}

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		if p.down.Load() {
			c.Close()
			continue
		}
		go func() {
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				return
			}
			p.track(c, up)
			go func() { io.Copy(up, c); up.Close() }()
			io.Copy(c, up)
			c.Close()
		}()
	}
}

func (p *proxy) track(cs ...net.Conn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range cs {
		p.conns[c] = true
	}
}

// setDown cuts the network: open connections are closed, new ones refused.
func (p *proxy) setDown(down bool) {
	p.down.Store(down)
	if down {
		p.mu.Lock()
		for c := range p.conns {
			c.Close()
		}
		p.conns = map[net.Conn]bool{}
		p.mu.Unlock()
	}
}

type stats struct {
	mu        sync.Mutex
	sent      int
	applied   int // as the acks say
	latencies []time.Duration
	refused   int
}

func run(c config) error {
	root, err := os.MkdirTemp("", "workshopload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(root)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	addr := ln.Addr().String()
	ln.Close()
	srv := &serverProc{bin: c.bin, home: filepath.Join(root, "teacher"), addr: addr}
	if err := srv.start(); err != nil {
		return err
	}
	defer func() { srv.kill() }()
	px, err := newProxy(addr)
	if err != nil {
		return err
	}
	ctx := context.Background()
	st := &stats{}
	clients := make([]*client.Client, c.students)
	for i := range clients {
		target := addr
		if i < 2 { // two students behind the proxy that loses the network
			target = px.ln.Addr().String()
		}
		cl, err := client.New(client.Dir(filepath.Join(root, fmt.Sprintf("s%d", i))))
		if err != nil {
			return err
		}
		// Every simulated student joins from 127.0.0.1: the per-address limit of joins
		// (a room gives each laptop its own address) is waited out.
		for {
			_, err := cl.Join(ctx, workshop.JoinLine{Code: "K7MX4P", Addr: target}, fmt.Sprintf("Student %d", i), "en", nil)
			if e, ok := workshop.AsError(err); ok && e.Code == workshop.CodeRateLimited {
				time.Sleep(100 * time.Millisecond)
				continue
			}
			if err != nil {
				return fmt.Errorf("join %d: %w", i, err)
			}
			break
		}
		clients[i] = cl
	}
	start := time.Now()
	stopSend := make(chan struct{})
	var wg sync.WaitGroup
	for i, cl := range clients {
		wg.Add(2)
		go func() { defer wg.Done(); produce(cl, i, c, stopSend, st) }()
		go func() { defer wg.Done(); consume(cl, c, stopSend, st) }()
	}
	// Faults, the RSS sampler and the board refresh measure.
	var refreshes atomic.Int64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		killed := c.killAt == 0
		dropped := make([]bool, len(c.dropAt))
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			el := time.Since(start)
			srv.sampleRSS()
			if !killed && el >= c.killAt {
				killed = true
				srv.kill()
				fmt.Printf("t=%s server killed (SIGKILL), restarting\n", el.Round(time.Millisecond))
				if err := srv.start(); err != nil {
					fmt.Fprintln(os.Stderr, "restart:", err)
				}
			}
			for j, at := range c.dropAt {
				if !dropped[j] && el >= at {
					dropped[j] = true
					px.setDown(true)
					fmt.Printf("t=%s network lost for 2 clients for %s\n", el.Round(time.Millisecond), c.dropFor)
					time.AfterFunc(c.dropFor, func() { px.setDown(false) })
				}
			}
		}
	}()
	go func() {
		db, err := server.Open(filepath.Join(srv.home, "state", "workshop", "class.db"))
		if err != nil {
			return
		}
		defer db.Close()
		for {
			select {
			case <-done:
				return
			default:
			}
			if _, err := db.Snapshot(time.Now()); err == nil {
				refreshes.Add(1)
			}
		}
	}()
	time.Sleep(c.duration)
	close(stopSend)
	wg.Wait()
	sendTime := time.Since(start)
	close(done)
	srv.kill()

	db, err := server.Open(filepath.Join(srv.home, "state", "workshop", "class.db"))
	if err != nil {
		return err
	}
	defer db.Close()
	_, stored, err := db.Stats()
	if err != nil {
		return err
	}
	remaining := 0
	for _, cl := range clients {
		n, _ := cl.Queue().Len()
		remaining += n
	}
	sort.Slice(st.latencies, func(i, j int) bool { return st.latencies[i] < st.latencies[j] })
	q := func(p float64) time.Duration {
		if len(st.latencies) == 0 {
			return 0
		}
		return st.latencies[min(len(st.latencies)-1, int(p*float64(len(st.latencies))))]
	}
	fmt.Printf("students %d, %d events/s each, sending %s (total %s with the drain)\n", c.students, c.rate, c.duration, sendTime.Round(time.Millisecond))
	fmt.Printf("events sent %d, applied %d (stored), lost %d, applied twice %d, refused %d, still queued %d\n",
		st.sent, stored, st.sent-stored-st.refused-remaining, max(0, st.applied-stored), st.refused, remaining)
	fmt.Printf("ingest latency (queued → acknowledged) p50 %s p99 %s max %s\n", q(0.50).Round(time.Millisecond), q(0.99).Round(time.Millisecond), q(1).Round(time.Millisecond))
	fmt.Printf("board refreshes while loaded: %.1f/s (full snapshot read from the class database)\n", float64(refreshes.Load())/sendTime.Seconds())
	fmt.Printf("server max RSS %.1f MiB\n", float64(srv.maxRSS.Load())/(1<<20))
	return nil
}

// produce queues rate events a second until stop.
func produce(cl *client.Client, i int, c config, stop <-chan struct{}, st *stats) {
	t := time.NewTicker(time.Second / time.Duration(c.rate))
	defer t.Stop()
	n := 0
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		n++
		e := workshop.Event{Kind: workshop.KindStep, Lab: "inspect", Step: fmt.Sprintf("s%d", n%8), Status: workshop.StatusFailed,
			Reason: fmt.Sprintf("attempt %d", n), At: time.Now()}
		if err := cl.Enqueue(e); err == nil {
			st.mu.Lock()
			st.sent++
			st.mu.Unlock()
		}
	}
}

// consume sends the queue every flushEvery with the client's backoff and jitter, and
// drains it after stop (60 s at most).
func consume(cl *client.Client, c config, stop <-chan struct{}, st *stats) {
	var backoff time.Duration
	deadline := time.Time{}
	for {
		wait := c.flushEvery
		events, _ := cl.Queue().Peek(workshop.MaxBatch)
		ctx, cancel := context.WithTimeout(context.Background(), client.RequestTimeout)
		res, err := cl.Flush(ctx)
		cancel()
		now := time.Now()
		if err == nil {
			backoff = 0
			st.mu.Lock()
			st.applied += res.Applied
			for _, e := range events[:min(len(events), res.Sent)] {
				st.latencies = append(st.latencies, now.Sub(e.At))
			}
			st.mu.Unlock()
		} else {
			backoff = client.NextBackoff(backoff)
			wait = client.Jitter(backoff)
		}
		select {
		case <-stop:
			if deadline.IsZero() {
				deadline = now.Add(60 * time.Second)
			}
			if n, _ := cl.Queue().Len(); n == 0 || now.After(deadline) {
				refused, _ := cl.Queue().Refused()
				st.mu.Lock()
				st.refused += refused
				st.mu.Unlock()
				return
			}
		default:
		}
		time.Sleep(wait)
	}
}
