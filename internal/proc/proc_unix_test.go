//go:build linux || darwin

package proc

import (
	"os"
	"os/exec"
	"slices"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestSystemTableSeesThisProcess reads the real table (/proc on Linux, sysctl on macOS).
func TestSystemTableSeesThisProcess(t *testing.T) {
	pids, err := System().PIDs()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(pids, os.Getpid()) {
		t.Fatalf("PIDs lacks this process %d (%d pids)", os.Getpid(), len(pids))
	}
	want, err := unix.Getsid(0)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := System().SID(os.Getpid()); err != nil || got != want {
		t.Errorf("SID(self) = %d, %v; getsid says %d", got, err, want)
	}
}

// jobEnv makes the test binary act as a job that moves to its own process group, as an
// interactive shell's jobs do.
const jobEnv = "KUBETUTOR_PROC_TEST_JOB"

func TestMain(m *testing.M) {
	if os.Getenv(jobEnv) != "" {
		_ = syscall.Setpgid(0, 0)
		time.Sleep(30 * time.Second)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestSessionMembersFindsJobsInOtherGroups starts a shell as a session leader with a job in
// its own process group, as the lab shell's jobs are: both must be members.
func TestSessionMembersFindsJobsInOtherGroups(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	sh := exec.Command("sh", "-c", `"$0" & echo $!; wait`, self)
	sh.Env = append(os.Environ(), jobEnv+"=1")
	sh.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	out, err := sh.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sh.Start(); err != nil {
		t.Fatal(err)
	}
	var job int
	buf := make([]byte, 32)
	n, _ := out.Read(buf)
	for _, c := range buf[:n] {
		if c >= '0' && c <= '9' {
			job = job*10 + int(c-'0')
		}
	}
	t.Cleanup(func() {
		_ = syscall.Kill(job, syscall.SIGKILL)
		_ = sh.Process.Kill()
		_ = sh.Wait()
	})
	deadline := time.Now().Add(5 * time.Second)
	for {
		got := SessionMembers(System(), sh.Process.Pid)
		pgid, _ := syscall.Getpgid(job)
		if pgid == job && slices.Contains(got, sh.Process.Pid) && slices.Contains(got, job) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("members of session %d = %v, want the shell and its job %d (in its own group: %v)",
				sh.Process.Pid, got, job, pgid == job)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
