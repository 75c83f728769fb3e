package shell

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// The clock: a bash without EPOCHREALTIME (bash before 5.0, macOS's /bin/bash 3.2) cannot
// time a command, and macOS's date(1) has no sub-second format. The lab shell then sends
// its markers down a pipe instead (ClockFD, inherited from the tutor) and the tutor times
// them as they arrive:
//
//	H          the rc file ran (both kinds of bash send it, then a bash 5 closes the pipe)
//	S          a command line starts (bash's DEBUG trap, the first one after the prompt)
//	R {json}   it ended: the Record, whose time and duration the tutor fills in
//
// and appends the records to the history file itself. A refusal by a network policy
// (a timeout of a second or more) is then told from an immediate failure on every bash.

// ClockFD is the descriptor the lab shell inherits the clock's pipe on (ExtraFiles[0]).
const ClockFD = 3

// clockEnv tells the rc file the pipe is there.
const clockEnv = "KUBETUTOR_CLOCK_FD"

// clockHelloWait bounds how long the tutor keeps its copy of the pipe's write end when
// the shell never says hello (it failed to start): then the relay sees the end of the
// pipe and stops.
const clockHelloWait = time.Minute

// withClock gives cmd the clock's pipe and starts the relay that appends the shell's
// records to hist. The relay ends when every holder of the write end is gone (the shell
// and what it started); a bash 5 closes it at once.
func withClock(cmd *exec.Cmd, hist string) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	cmd.ExtraFiles = []*os.File{w}
	cmd.Env = append(cmd.Env, clockEnv+"=3")
	var once sync.Once
	closeW := func() { once.Do(func() { w.Close() }) }
	timer := time.AfterFunc(clockHelloWait, closeW)
	go func() {
		defer r.Close()
		relayClock(r, hist, time.Now, func() { timer.Stop(); closeW() })
		closeW()
	}()
	return nil
}

// relayClock reads the shell's markers from r until its end, timing them with now, and
// appends each record to hist. hello is called at the first H.
func relayClock(r io.Reader, hist string, now func() time.Time, hello func()) {
	br := bufio.NewReader(r)
	var started time.Time
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return // the end of the pipe; a line cut short is dropped
		}
		t := now()
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "H":
			hello()
		case line == "S":
			started = t
		case strings.HasPrefix(line, "R "):
			var rec Record
			if json.Unmarshal([]byte(line[2:]), &rec) != nil {
				continue
			}
			rec.Time, rec.Ms = t, 0
			if !started.IsZero() {
				rec.Ms = t.Sub(started).Milliseconds()
			}
			started = time.Time{}
			_ = Append(hist, rec) // as the snippet's own append, a failed write is lost
		}
	}
}
