package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"kubetutor/workshop"
)

// pageState is what the projector page shows of one cell, read from its DOM.
type pageState struct {
	Status string `json:"status"` // the stream's status line
	Cell   string `json:"cell"`   // the class of Uma's inspect/nodes cell
	Name   string `json:"name"`   // the row's name
	Blur   string `json:"blur"`   // the name's CSS filter (blurred until hovered)
	Marker int    `json:"marker"` // set by the test after load: survives unless the page reloads
}

const readPage = `({
  status: document.getElementById("status").textContent,
  cell: (document.querySelector('td[data-cell="inspect/nodes"]') || {className: "none"}).className,
  name: (document.querySelector("td.name span") || {}).textContent || "",
  blur: (document.querySelector("td.name span") ? getComputedStyle(document.querySelector("td.name span")).filter : ""),
  marker: window.kubetutorMarker || 0,
})`

// TestProjectorInChromium loads the projector page in headless Chromium, driven through
// the DevTools protocol on a pipe; once the page is live (its event stream connected), a
// student passes a step, and the test sees the cell change in the page's DOM without a
// reload: the change came through the server-sent events. A screenshot of the page after
// the change is saved ($WORKSHOP_ARTIFACTS, else the test's temp dir).
func TestProjectorInChromium(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed (Debian's chromium package; make test-projector installs it)")
	}
	c := newClass(t)
	c.srv.Handle("/board", c.srv.BoardPage("k3y"))
	c.srv.Handle("/board/events", c.srv.BoardEvents("k3y"))
	if err := c.store.SetColumns([]workshop.Column{{ID: "inspect/nodes", Lab: "inspect", Step: "nodes", Label: "in1"}}); err != nil {
		t.Fatal(err)
	}
	cl, _ := newStudent(t, c, "Uma")
	dir := os.Getenv("WORKSHOP_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	browser := startCDP(t, ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--window-size=1000,400")
	page, err := browser.open("http://" + c.addr + "/board?key=k3y&lang=fr")
	if err != nil {
		t.Fatal(err)
	}
	wait := func(what string, ok func(pageState) bool) pageState {
		t.Helper()
		var st pageState
		for ctx.Err() == nil {
			if err := browser.eval(page, readPage, &st); err == nil && ok(st) {
				return st
			}
			time.Sleep(100 * time.Millisecond)
		}
		t.Fatalf("the page never showed %s; last seen %+v", what, st)
		return st
	}
	st := wait("the live board", func(st pageState) bool { return st.Status == "en direct" && st.Name == "Uma" })
	if st.Cell != "" {
		t.Fatalf("Uma's cell before the event: class %q, want not started", st.Cell)
	}
	if st.Blur == "" || st.Blur == "none" {
		t.Errorf("the projected name is not blurred: filter %q", st.Blur)
	}
	var marked int
	if err := browser.eval(page, "window.kubetutorMarker = 42", &marked); err != nil || marked != 42 {
		t.Fatalf("marker: %v", err)
	}

	cl.Enqueue(stepEvent("inspect", "nodes", "passed", "3 nœuds"))
	if _, err := cl.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	st = wait("the passed cell", func(st pageState) bool { return st.Cell == "passed" })
	if st.Marker != 42 {
		t.Fatalf("the page reloaded (marker %d): the cell did not change live", st.Marker)
	}
	png, err := browser.screenshot(page)
	if err != nil || len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Fatalf("screenshot: %v (%d bytes)", err, len(png))
	}
	shot := filepath.Join(dir, "projector.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot after the live change: %s", shot)
}
