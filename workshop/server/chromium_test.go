package server_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kubetutor/workshop"
)

// TestProjectorInChromium loads the projector page in headless Chromium after a student
// passed a step, and checks that the page's DOM, drawn by its script, shows the passed
// cell. A screenshot is
// saved as a test artifact ($WORKSHOP_ARTIFACTS, else the test's temp dir).
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
	url := "http://" + c.addr + "/board?key=k3y"
	dir := os.Getenv("WORKSHOP_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	}
	profile := t.TempDir()
	browse := func(ctx context.Context, extra ...string) (string, error) {
		args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile,
			"--window-size=1000,400", "--timeout=6000"}, extra...)
		out, err := exec.CommandContext(ctx, chromium, append(args, url)...).Output()
		return string(out), err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// Chromium dumps the DOM once the page has loaded, without waiting for the stream:
	// the event goes first, and the page's script must draw it from the board the page
	// carries (TestProjectorStream proves the stream's deltas).
	cl.Enqueue(stepEvent("inspect", "nodes", "passed", "3 nœuds"))
	if _, err := cl.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	dom, err := browse(ctx, "--dump-dom")
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	if !strings.Contains(dom, "Uma") || !strings.Contains(dom, `class="passed"`) {
		t.Fatalf("the page did not show the passed cell:\n%s", dom)
	}
	shot := filepath.Join(dir, "projector.png")
	if _, err := browse(ctx, "--screenshot="+shot); err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if st, err := os.Stat(shot); err != nil || st.Size() == 0 {
		t.Fatalf("no screenshot: %v", err)
	}
	t.Logf("screenshot: %s", shot)
}
