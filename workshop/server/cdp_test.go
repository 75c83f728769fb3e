package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
)

// cdp is a minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads NUL-terminated JSON commands on fd 3 and writes NUL-terminated
// responses and events on fd 4. No websocket, no library.
type cdp struct {
	t       *testing.T
	cmd     *exec.Cmd
	w       io.WriteCloser
	mu      sync.Mutex
	next    int
	waiting map[int]chan cdpReply
	done    chan struct{}
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

// startCDP starts headless Chromium with the debugging pipe.
func startCDP(t *testing.T, ctx context.Context, chromium string, args ...string) *cdp {
	t.Helper()
	cmdR, cmdW, err := os.Pipe() // our commands → Chromium's fd 3
	if err != nil {
		t.Fatal(err)
	}
	respR, respW, err := os.Pipe() // Chromium's fd 4 → us
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, chromium, append(args, "--remote-debugging-pipe", "about:blank")...)
	cmd.ExtraFiles = []*os.File{cmdR, respW}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	cmdR.Close()
	respW.Close()
	c := &cdp{t: t, cmd: cmd, w: cmdW, waiting: map[int]chan cdpReply{}, done: make(chan struct{})}
	go c.read(respR)
	t.Cleanup(func() {
		c.call("", "Browser.close", nil, nil)
		cmdW.Close()
		if err := cmd.Wait(); err != nil && ctx.Err() == nil {
			t.Logf("chromium: %v\n%s", err, stderr.String())
		}
	})
	return c
}

func (c *cdp) read(r io.Reader) {
	defer close(c.done)
	br := bufio.NewReader(r)
	for {
		msg, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m struct {
			ID int `json:"id"`
			cdpReply
		}
		if json.Unmarshal(msg[:len(msg)-1], &m) != nil || m.ID == 0 {
			continue // an event: this client only waits for replies
		}
		c.mu.Lock()
		ch := c.waiting[m.ID]
		delete(c.waiting, m.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- m.cdpReply
		}
	}
}

// call sends method to the browser (session "") or to an attached page, and decodes the
// result into out.
func (c *cdp) call(session, method string, params, out any) error {
	c.mu.Lock()
	c.next++
	id := c.next
	ch := make(chan cdpReply, 1)
	c.waiting[id] = ch
	c.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, _ := json.Marshal(msg)
	if _, err := c.w.Write(append(data, 0)); err != nil {
		return err
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		if out != nil {
			return json.Unmarshal(r.Result, out)
		}
		return nil
	case <-c.done:
		return fmt.Errorf("%s: chromium closed the pipe", method)
	}
}

// open opens url in a new page and returns the page's session.
func (c *cdp) open(url string) (string, error) {
	var target struct{ TargetID string }
	if err := c.call("", "Target.createTarget", map[string]any{"url": url}, &target); err != nil {
		return "", err
	}
	var att struct{ SessionID string }
	err := c.call("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att)
	return att.SessionID, err
}

// eval evaluates a JavaScript expression in the page and decodes its value into out.
func (c *cdp) eval(session, expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := c.call(session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true}, &res); err != nil {
		return err
	}
	if res.ExceptionDetails != nil {
		return fmt.Errorf("%s: %s", expr, res.ExceptionDetails.Text)
	}
	return json.Unmarshal(res.Result.Value, out)
}

// screenshot returns a PNG of the page.
func (c *cdp) screenshot(session string) ([]byte, error) {
	var shot struct {
		Data []byte `json:"data"` // base64 in JSON: decoded by encoding/json
	}
	err := c.call(session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot)
	return shot.Data, err
}
