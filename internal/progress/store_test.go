package progress

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestOpenMissingFileIsEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "progress.json")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if doc.Schema != Schema || len(doc.Chapters) != 0 {
		t.Errorf("empty store: got %+v", doc)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Open created the file: %v", err)
	}
}

func TestUpdateRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	err = s.Update(func(d *Document) error {
		c := d.Chapter("00")
		c.Position = &Position{Section: "00-02-plan-controle", Offset: 12, At: at}
		c.MarkRead("00-01-concepts", at)
		c.MarkRead("00-01-concepts", at.Add(time.Hour)) // the first read is kept
		d.Lab("etcd").Step("snapshot").Status = "passed"
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	reopened, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := reopened.Load()
	if err != nil {
		t.Fatal(err)
	}
	c := doc.Chapters["00"]
	if c == nil || c.Position == nil || c.Position.Section != "00-02-plan-controle" || c.Position.Offset != 12 {
		t.Fatalf("position not kept: %+v", c)
	}
	if !c.SectionsRead["00-01-concepts"].Equal(at) {
		t.Errorf("first read time not kept: %v", c.SectionsRead)
	}
	if doc.Labs["etcd"].Steps["snapshot"].Status != "passed" {
		t.Errorf("lab step not kept: %+v", doc.Labs)
	}
}

func TestUpdateErrorWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	s, _ := Open(path)
	want := errors.New("stop")
	if err := s.Update(func(d *Document) error { d.Chapter("00"); return want }); !errors.Is(err, want) {
		t.Fatalf("Update error = %v, want %v", err, want)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed update wrote the file")
	}
}

func TestCorruptFileIsMovedAside(t *testing.T) {
	tests := []struct {
		name  string
		setup func(path string) error
	}{
		{"truncated JSON", func(p string) error { return os.WriteFile(p, []byte(`{"schema":1,"chapters":{"00":`), 0o644) }},
		{"not an object", func(p string) error { return os.WriteFile(p, []byte(`[1,2,3]`), 0o644) }},
		{"binary garbage", func(p string) error { return os.WriteFile(p, []byte{0xff, 0x00, 0x13, 0x37}, 0o644) }},
		{"wrong field type", func(p string) error { return os.WriteFile(p, []byte(`{"schema":1,"chapters":7}`), 0o644) }},
		{"unreadable (a directory)", func(p string) error { return os.Mkdir(p, 0o755) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "progress.json")
			if err := tt.setup(path); err != nil {
				t.Fatal(err)
			}
			before := snapshotBytes(path)
			s, err := Open(path)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			aside := s.Recovered()
			if !strings.HasPrefix(filepath.Base(aside), "progress.json.corrupt-") {
				t.Fatalf("Recovered() = %q", aside)
			}
			if got := snapshotBytes(aside); got != before {
				t.Errorf("the corrupt content was not kept aside intact")
			}
			if err := s.Update(func(d *Document) error { d.Chapter("00").MarkRead("x", time.Now()); return nil }); err != nil {
				t.Fatalf("a fresh store could not be written: %v", err)
			}
		})
	}
}

func TestNewerSchemaIsLeftUntouched(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	content := []byte(`{"schema": 99, "future": true}`)
	os.WriteFile(path, content, 0o644)
	_, err := Open(path)
	var newer *ErrNewerSchema
	if !errors.As(err, &newer) || newer.Found != 99 {
		t.Fatalf("Open error = %v, want ErrNewerSchema{99}", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != string(content) {
		t.Errorf("a newer file was modified")
	}
}

func TestMigrationFromSchema0(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	old := `{"positions": {"00": {"section": "00-04-reseau", "offset": 3, "at": "2026-01-02T03:04:05Z"}},
	         "chapters": {"01": {"sections_read": {"01-00": "2026-01-01T00:00:00Z"}}}}`
	os.WriteFile(path, []byte(old), 0o644)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := s.Load()
	if p := doc.Chapters["00"].Position; p == nil || p.Section != "00-04-reseau" || p.Offset != 3 {
		t.Errorf("schema 0 position not migrated: %+v", doc.Chapters["00"])
	}
	if len(doc.Chapters["01"].SectionsRead) != 1 {
		t.Errorf("existing chapters lost in migration: %+v", doc.Chapters["01"])
	}
	s.Update(func(*Document) error { return nil })
	var raw map[string]any
	b, _ := os.ReadFile(path)
	json.Unmarshal(b, &raw)
	if raw["schema"] != float64(Schema) || raw["positions"] != nil {
		t.Errorf("rewritten file is not schema %d: %s", Schema, b)
	}
}

func TestConcurrentUpdatesInOneProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	s, _ := Open(path)
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 25; j++ {
				if err := s.Update(incrementCounter("shared")); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if got := counter(t, path, "shared"); got != 200 {
		t.Errorf("counter = %d, want 200: updates were lost", got)
	}
}

// incrementCounter counts in a lab step's HintsShown, a field the tests own.
func incrementCounter(lab string) func(*Document) error {
	return func(d *Document) error {
		d.Lab(lab).Step("n").HintsShown++
		return nil
	}
}

func counter(t *testing.T, path, lab string) int {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Recovered() != "" {
		t.Fatalf("the store was corrupt and moved to %s", s.Recovered())
	}
	doc, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if l := doc.Labs[lab]; l != nil && l.Steps["n"] != nil {
		return l.Steps["n"].HintsShown
	}
	return 0
}

func snapshotBytes(path string) string {
	st, err := os.Stat(path)
	if err != nil {
		return "missing"
	}
	if st.IsDir() {
		return "dir"
	}
	b, _ := os.ReadFile(path)
	return string(b)
}
