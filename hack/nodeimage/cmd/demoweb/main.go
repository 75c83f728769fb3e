// Command demoweb is the labs' demo web application: it answers every request
// with the pod's name and a message, reports health on /healthz and readiness on
// /readyz, and burns CPU on /work?ms=N so autoscaling labs have load to measure.
// It runs FROM scratch in the node image and needs no configuration.
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"time"
)

func main() {
	addr := flag.String("listen", ":8080", "address to listen on")
	flag.Parse()
	host, _ := os.Hostname()
	msg := os.Getenv("MESSAGE")
	if msg == "" {
		msg = "hello from kubetutor"
	}
	var ready atomic.Bool
	ready.Store(true)
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "%s (pod %s)\n", msg, host)
	})
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		if !ready.Load() {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	mux.HandleFunc("/ready/off", func(w http.ResponseWriter, r *http.Request) {
		ready.Store(false)
		fmt.Fprintln(w, "readiness off")
	})
	mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
		if err != nil || ms <= 0 || ms > 10000 {
			ms = 50
		}
		n := burn(time.Duration(ms) * time.Millisecond)
		fmt.Fprintf(w, "worked %d ms (%d rounds) on %s\n", ms, n, host)
	})
	log.Printf("demoweb listening on %s", *addr)
	log.Fatal(http.ListenAndServe(*addr, mux))
}

// burn keeps one CPU busy for d and returns how many rounds it ran.
func burn(d time.Duration) int {
	end := time.Now().Add(d)
	n, x := 0, uint64(1)
	for time.Now().Before(end) {
		for i := 0; i < 10000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		n++
	}
	if x == 0 {
		n++
	}
	return n
}
