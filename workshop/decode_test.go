package workshop

import (
	"encoding/json"
	"testing"
	"time"
)

var fuzzNow = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// FuzzDecodeBatch feeds arbitrary bodies to the batch decoder: it never panics, and what
// it accepts is valid and survives a round trip.
func FuzzDecodeBatch(f *testing.F) {
	good, _ := json.Marshal(Batch{V: Version, Token: "t0k", Events: []Event{
		{ID: "a1", Seq: 1, Kind: KindStep, At: fuzzNow, Lab: "inspect", Step: "nodes", Status: StatusFailed, Reason: "aucun nœud"},
		{ID: "a2", Seq: 2, Kind: KindQuiz, At: fuzzNow, Chapter: "00", Score: 3, Max: 4},
	}})
	for _, seed := range []string{string(good), `{}`, `{"v":1,"token":"x","events":[{"kind":"x"}]}`, `[`, `{"v":1,"token":"x","events":null}`} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBatch(data, fuzzNow)
		if err != nil {
			if b != nil || err.Status < 400 || err.Status > 499 || err.Code == "" || err.Reason == "" {
				t.Fatalf("refusal %+v with batch %v", err, b)
			}
			return
		}
		for i := range b.Events {
			if verr := ValidateEvent(&b.Events[i], fuzzNow); verr != nil {
				t.Fatalf("accepted an invalid event: %v", verr)
			}
		}
		again, _ := json.Marshal(b)
		if _, err := DecodeBatch(again, fuzzNow); err != nil {
			t.Fatalf("re-encoding of an accepted batch refused: %v", err)
		}
	})
}

func TestJoinLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		want JoinLine
	}{
		{"k7mx4p@192.168.1.10:7070", true, JoinLine{Code: "K7MX4P", Addr: "192.168.1.10:7070"}},
		{"K7MX4P@127.0.0.1:7070#ab12", true, JoinLine{Code: "K7MX4P", Addr: "127.0.0.1:7070", Fingerprint: "ab12"}},
		{"K7MX4P", false, JoinLine{}},
		{"K0MX4P@127.0.0.1:7070", false, JoinLine{}}, // 0 is ambiguous, never in a code
		{"K7MX4P@127.0.0.1", false, JoinLine{}},
	} {
		got, err := ParseJoinLine(tc.in)
		if (err == nil) != tc.ok || tc.ok && got != tc.want {
			t.Errorf("ParseJoinLine(%q) = %+v, %v", tc.in, got, err)
		}
	}
	for range 100 {
		c := NewCode()
		if n, ok := NormalizeCode(c); !ok || n != c {
			t.Fatalf("generated code %q does not parse", c)
		}
	}
}
