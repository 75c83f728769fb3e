package resident

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestLimitFor(t *testing.T) {
	for _, c := range []struct {
		name        string
		live, floor uint64
		want        int64
	}{
		{"a small heap gets the floor", 8 << 20, Floor, Floor},
		{"the lab screen's heap is under the floor", 13 << 20, Floor, Floor},
		{"a heap over the floor", 20 << 20, Floor, 30<<20 + 4<<20},
		{"a big heap keeps half of itself again", 200 << 20, Floor, 300<<20 + 4<<20},
		{"no overflow", math.MaxUint64 / 2, 0, math.MaxInt64},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := limitFor(c.live, c.floor); got != c.want {
				t.Errorf("limitFor(%d, %d) = %d, want %d", c.live, c.floor, got, c.want)
			}
		})
	}
}

// currentLimit reads the soft memory limit without changing it.
func currentLimit() int64 { return debug.SetMemoryLimit(-1) }

// waitLimit collects until the limit satisfies ok (the update runs on the cleanup
// goroutine after a cycle), or fails after a few seconds.
func waitLimit(t *testing.T, what string, ok func(int64) bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		if ok(currentLimit()) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("the limit %d never %s", currentLimit(), what)
}

var keep []byte

func TestLimitHeapFollowsTheLiveHeap(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	before := currentLimit()
	stop := LimitHeap(Floor)
	waitLimit(t, "came down to the floor", func(l int64) bool { return l < 64<<20 })

	keep = make([]byte, 96<<20) // live: the limit must make room for it, not squeeze it
	for i := range keep {
		keep[i] = byte(i)
	}
	waitLimit(t, "grew with a 96 MiB live heap", func(l int64) bool { return l >= 144<<20 })

	keep = nil
	waitLimit(t, "came back down once the heap was freed", func(l int64) bool { return l < 64<<20 })

	stop()
	if got := currentLimit(); got != before {
		t.Errorf("after stop the limit is %d, want the one before, %d", got, before)
	}
	// Stopped: a collection no longer changes it.
	runtime.GC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := currentLimit(); got != before {
		t.Errorf("a collection after stop set the limit to %d", got)
	}
}

func TestLimitHeapLeavesTheEnvironmentsChoice(t *testing.T) {
	for _, env := range []string{"GOGC", "GOMEMLIMIT"} {
		t.Run(env, func(t *testing.T) {
			t.Setenv("GOGC", "")
			t.Setenv("GOMEMLIMIT", "")
			t.Setenv(env, "off")
			before := currentLimit()
			stop := LimitHeap(Floor)
			defer stop()
			runtime.GC()
			runtime.GC()
			time.Sleep(50 * time.Millisecond)
			if got := currentLimit(); got != before {
				t.Errorf("with %s set the limit became %d, want %d", env, got, before)
			}
		})
	}
}
