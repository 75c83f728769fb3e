package proc

import (
	"errors"
	"slices"
	"testing"
)

// fakeTable is a process table given as pid → session id; pids in gone end between the
// listing and the lookup.
type fakeTable struct {
	sids    map[int]int
	gone    map[int]bool
	listErr error
}

func (f fakeTable) PIDs() ([]int, error) {
	if f.listErr != nil {
		return nil, f.listErr
	}
	var pids []int
	for pid := range f.sids {
		pids = append(pids, pid)
	}
	return pids, nil
}

func (f fakeTable) SID(pid int) (int, error) {
	if f.gone[pid] {
		return 0, errors.New("no such process")
	}
	return f.sids[pid], nil
}

func TestSessionMembers(t *testing.T) {
	table := fakeTable{
		sids: map[int]int{1: 1, 100: 100, 101: 100, 250: 100, 300: 300, 301: 300, 102: 100},
		gone: map[int]bool{102: true},
	}
	tests := []struct {
		name string
		t    Table
		sid  int
		want []int
	}{
		{"the leader and its jobs, sorted, without the one that ended", table, 100, []int{100, 101, 250}},
		{"another session", table, 300, []int{300, 301}},
		{"a session nobody is in", table, 42, nil},
		{"an unreadable table", fakeTable{listErr: ErrUnsupported}, 100, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SessionMembers(tt.t, tt.sid); !slices.Equal(got, tt.want) {
				t.Errorf("SessionMembers(%d) = %v, want %v", tt.sid, got, tt.want)
			}
		})
	}
}
