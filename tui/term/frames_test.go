package term

import (
	"bytes"
	"testing"
	"time"
)

// TestNoFrameWhileIdle: the pane asks for no frame while nothing changes (its listen
// command waits on the session, it does not poll), and asks for one once output comes.
func TestNoFrameWhileIdle(t *testing.T) {
	s := newSession(40, 5)
	defer s.close()
	s.output([]byte("prompt $ "))
	<-s.dirty // the first output's frame, taken
	got := make(chan any, 1)
	go func() { got <- listen(s, time.Now(), s.outBytes.Load())() }()
	select {
	case msg := <-got:
		t.Fatalf("a frame was asked for with nothing new: %#v", msg)
	case <-time.After(300 * time.Millisecond):
	}
	s.output([]byte("x"))
	select {
	case msg := <-got:
		if f, ok := msg.(frameMsg); !ok || f.fed != s.outBytes.Load() {
			t.Fatalf("after output: %#v, want a frame of all of it", msg)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("no frame after output")
	}
}

// TestLastFrameShowsTheEndOfAStream: while output streams faster than frames, the frames
// the pane asks for (as Update re-arms them) end with one that has all of it: no state
// is left undrawn when the stream stops.
func TestLastFrameShowsTheEndOfAStream(t *testing.T) {
	s := newSession(80, 24)
	defer s.close()
	chunk := bytes.Repeat([]byte("0123456789abcdef\r\n"), 1<<10) // 18 KB
	const chunks = 40
	go func() {
		for range chunks {
			s.output(chunk)
		}
	}()
	want := int64(chunks * len(chunk))
	last, fed, frames := time.Time{}, int64(0), 0
	deadline := time.Now().Add(30 * time.Second)
	for fed < want {
		if time.Now().After(deadline) {
			t.Fatalf("after %d frames the last one has %d of %d bytes", frames, fed, want)
		}
		f, ok := run(listen(s, last, fed)).(frameMsg) // nil after 20 s: a frame never asked for
		if !ok {
			t.Fatalf("no frame after %d bytes of %d", fed, want)
		}
		last, fed, frames = time.Now(), f.fed, frames+1
	}
	if fed != want {
		t.Fatalf("the last frame has %d bytes, want %d", fed, want)
	}
}
