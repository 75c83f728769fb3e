package server_test

import (
	"context"
	"net"
	"path/filepath"
	"testing"
	"time"

	"kubetutor/workshop"
	"kubetutor/workshop/client"
	"kubetutor/workshop/server"
)

const testCode = "K7MX4P"

// class is a real class server on loopback, restartable on the same address.
type class struct {
	t     *testing.T
	db    string
	addr  string
	store *server.Store
	srv   *server.Server
	done  chan error
	now   func() time.Time
	cfg   func(*server.Config)
}

func newClass(t *testing.T) *class {
	c := &class{t: t, db: filepath.Join(t.TempDir(), "class.db"), addr: "127.0.0.1:0", now: time.Now}
	c.start()
	t.Cleanup(c.stop)
	return c
}

func (c *class) start() {
	c.t.Helper()
	st, err := server.Open(c.db)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := st.SetMeta(server.MetaName, "Atelier K8s"); err != nil {
		c.t.Fatal(err)
	}
	var ln net.Listener
	for range 50 { // the port of a stopped server may take a moment to be free
		ln, err = net.Listen("tcp", c.addr)
		if err == nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err != nil {
		c.t.Fatal(err)
	}
	c.addr = ln.Addr().String()
	cfg := server.Config{Store: st, Code: testCode, Now: func() time.Time { return c.now() }}
	if c.cfg != nil {
		c.cfg(&cfg)
	}
	c.store, c.srv, c.done = st, server.New(cfg), make(chan error, 1)
	go func() { c.done <- c.srv.Serve(ln) }()
}

func (c *class) stop() {
	if c.srv == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c.srv.Shutdown(ctx)
	<-c.done
	c.store.Close()
	c.srv = nil
}

func (c *class) line() workshop.JoinLine { return workshop.JoinLine{Code: testCode, Addr: c.addr} }

func (c *class) snapshot() *workshop.Snapshot {
	c.t.Helper()
	snap, err := c.store.Snapshot(c.now())
	if err != nil {
		c.t.Fatal(err)
	}
	return snap
}

func (c *class) student(name string) *workshop.Student {
	for _, s := range c.snapshot().Students {
		if s.Name == name {
			return &s
		}
	}
	return nil
}

// newStudent is a student's client with its own state dir, joined to c.
func newStudent(t *testing.T, c *class, name string) (*client.Client, string) {
	t.Helper()
	dir := client.Dir(t.TempDir())
	cl, err := client.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Join(context.Background(), c.line(), name, "fr", nil); err != nil {
		t.Fatal(err)
	}
	return cl, dir
}

func stepEvent(lab, step, status, reason string) workshop.Event {
	return workshop.Event{Kind: workshop.KindStep, Lab: lab, Step: step, Status: status, Reason: reason, At: time.Now()}
}
