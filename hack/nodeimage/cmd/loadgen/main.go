// Command loadgen is the labs' load generator: it sends HTTP GET requests to a
// URL from a number of workers, at an optional total rate, and prints a line of
// counts every interval until it is stopped or its duration ends.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	url := flag.String("url", "http://demoweb/work?ms=50", "URL to request")
	workers := flag.Int("c", 4, "concurrent workers")
	qps := flag.Float64("qps", 0, "total requests per second (0: as fast as possible)")
	dur := flag.Duration("d", 0, "how long to run (0: until stopped)")
	every := flag.Duration("report", 5*time.Second, "report interval")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *dur > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, *dur)
		defer cancel()
	}

	var ok, failed atomic.Int64
	var tick <-chan time.Time
	if *qps > 0 {
		t := time.NewTicker(time.Duration(float64(time.Second) / *qps))
		defer t.Stop()
		tick = t.C
	}
	client := &http.Client{Timeout: 10 * time.Second}
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if tick != nil {
					select {
					case <-ctx.Done():
						return
					case <-tick:
					}
				} else if ctx.Err() != nil {
					return
				}
				if get(ctx, client, *url) {
					ok.Add(1)
				} else if ctx.Err() == nil {
					failed.Add(1)
				}
			}
		}()
	}
	report := time.NewTicker(*every)
	defer report.Stop()
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			fmt.Printf("done: ok=%d failed=%d\n", ok.Load(), failed.Load())
			return
		case <-report.C:
			fmt.Printf("ok=%d failed=%d\n", ok.Load(), failed.Load())
		}
	}
}

// get requests url once and reports whether it answered with a 2xx status.
func get(ctx context.Context, c *http.Client, url string) bool {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return false
	}
	resp, err := c.Do(req)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode >= 200 && resp.StatusCode < 300
}
