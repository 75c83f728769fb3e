package progress

import (
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The tests below re-run this test binary as a writer process: the helper test loops on
// Update until it is killed or has done its count.
const (
	envPath  = "KUBETUTOR_PROGRESS_HELPER_PATH"
	envLab   = "KUBETUTOR_PROGRESS_HELPER_LAB"
	envCount = "KUBETUTOR_PROGRESS_HELPER_COUNT"
)

func TestHelperWriterProcess(t *testing.T) {
	path := os.Getenv(envPath)
	if path == "" {
		t.Skip("helper process for the multi-process tests")
	}
	n, _ := strconv.Atoi(os.Getenv(envCount))
	s, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	// A large payload makes each write long enough to be interrupted.
	payload := strings.Repeat("x", 64<<10)
	for i := 0; n == 0 || i < n; i++ {
		err := s.Update(func(d *Document) error {
			d.Lab(os.Getenv(envLab)).Step("n").HintsShown++
			d.Lab("payload").Step("p").Reason = payload
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
	}
	os.Exit(0)
}

func writer(t *testing.T, path, lab string, count int) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriterProcess$")
	cmd.Env = append(os.Environ(), envPath+"="+path, envLab+"="+lab, envCount+"="+strconv.Itoa(count))
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

func TestTwoProcessesLoseNoUpdate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	const n = 60
	a := writer(t, path, "a", n)
	b := writer(t, path, "b", n)
	c := writer(t, path, "a", n)
	for _, cmd := range []*exec.Cmd{a, b, c} {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("writer failed: %v", err)
		}
	}
	if got := counter(t, path, "a"); got != 2*n {
		t.Errorf("lab a counter = %d, want %d", got, 2*n)
	}
	if got := counter(t, path, "b"); got != n {
		t.Errorf("lab b counter = %d, want %d", got, n)
	}
}

// TestSIGKILLMidSaveKeepsAValidFile kills a writer at random moments, many times: the file
// must always parse, and hold the state before or after a write, never less.
func TestSIGKILLMidSaveKeepsAValidFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	last := 0
	rounds := 30
	if testing.Short() {
		rounds = 8
	}
	for round := 0; round < rounds; round++ {
		cmd := writer(t, path, "k", 0)
		time.Sleep(time.Duration(20+rand.IntN(60)) * time.Millisecond)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		cmd.Wait()
		got := counter(t, path, "k") // fails the test if the file does not parse
		if got < last {
			t.Fatalf("round %d: counter went back from %d to %d", round, last, got)
		}
		last = got
	}
	if last == 0 {
		t.Fatal("no write ever completed: the test proves nothing")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(path), tempPattern))
	if len(leftovers) > 1 {
		t.Errorf("temp files pile up: %v", leftovers)
	}
}
