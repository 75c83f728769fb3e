package progress

import (
	"path/filepath"
	"testing"
	"time"
)

func TestObserverSeesEachWrittenChange(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "progress.json"))
	if err != nil {
		t.Fatal(err)
	}
	type change struct{ before, after int }
	var seen []change
	remove := Observe(func(path string, before, after *Document) {
		seen = append(seen, change{len(before.Chapter("00").SectionsRead), len(after.Chapter("00").SectionsRead)})
	})
	s.Update(func(d *Document) error { d.Chapter("00").MarkRead("intro", time.Now()); return nil })
	s.Update(func(d *Document) error { d.Chapter("00").MarkRead("etcd", time.Now()); return nil })
	s.Update(func(d *Document) error { return errTest }) // nothing written, nothing seen
	remove()
	s.Update(func(d *Document) error { d.Chapter("00").MarkRead("api", time.Now()); return nil })
	if len(seen) != 2 || seen[0] != (change{0, 1}) || seen[1] != (change{1, 2}) {
		t.Fatalf("observed %+v", seen)
	}
}

var errTest = errorString("refused")

type errorString string

func (e errorString) Error() string { return string(e) }
