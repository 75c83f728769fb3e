package catalog

import (
	"errors"
	"testing"
	"testing/fstest"
)

// TestLoadRefusesWhatItCannotList: a lab.yaml that is not well formed enough is an
// ErrUnreadable, for the caller to hand over to the full loader's report.
func TestLoadRefusesWhatItCannotList(t *testing.T) {
	for name, yaml := range map[string]string{
		"syntax":    "id: x\ntitle: [\n",
		"no title":  "id: x\nneeds: any-cluster\nsteps:\n  - id: a\n",
		"wrong id":  "id: y\ntitle:\n  fr: T\nneeds: any-cluster\nsteps:\n  - id: a\n",
		"no steps":  "id: x\ntitle:\n  fr: T\nneeds: any-cluster\n",
		"bad needs": "id: x\ntitle:\n  fr: T\nneeds: cloud\nsteps:\n  - id: a\n",
		"step id":   "id: x\ntitle:\n  fr: T\nneeds: any-cluster\nsteps:\n  - check: {id: c}\n",
	} {
		fsys := fstest.MapFS{"labs/x/lab.yaml": {Data: []byte(yaml)}}
		if _, err := LoadAll(fsys); !errors.Is(err, ErrUnreadable) {
			t.Errorf("%s: err %v, want ErrUnreadable", name, err)
		}
	}
	fsys := fstest.MapFS{"labs/x/lab.yaml": {Data: []byte("id: x\ntitle:\n  fr: T\n  en: E\nneeds: any-cluster\nsteps:\n  - id: a\n  - id: b\n")}}
	all, err := LoadAll(fsys)
	if err != nil || len(all) != 1 || all[0].Title.In("en") != "E" || len(all[0].Steps) != 2 {
		t.Fatalf("LoadAll = %+v, %v", all, err)
	}
}
