package cluster

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestTeeFeedsEveryConsumerAndReportsAFailure(t *testing.T) {
	src := bytes.Repeat([]byte("x"), 1<<20)
	var a, b []byte
	err := tee(bytes.NewReader(src), []func(io.Reader) error{
		func(r io.Reader) (err error) { a, err = io.ReadAll(r); return err },
		func(r io.Reader) (err error) { b, err = io.ReadAll(r); return err },
	})
	if err != nil || !bytes.Equal(a, src) || !bytes.Equal(b, src) {
		t.Fatalf("tee = %v; got %d and %d bytes of %d", err, len(a), len(b), len(src))
	}
	boom := errors.New("node gone")
	err = tee(bytes.NewReader(src), []func(io.Reader) error{
		func(r io.Reader) error { _, err := io.ReadAll(r); return err },
		func(r io.Reader) error { io.CopyN(io.Discard, r, 10); return boom },
	})
	if err == nil {
		t.Fatal("a failing consumer went unreported")
	}
}
