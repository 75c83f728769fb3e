package labs

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"kubetutor/assets"
	"kubetutor/i18n"
)

func TestValidatorOnEmbeddedContent(t *testing.T) {
	ps, err := Validator().Validate(assets.FS, "")
	if err != nil || len(ps) > 0 {
		t.Fatalf("problems %v, err %v", ps, err)
	}
}

func TestValidatorNamesUnknownSections(t *testing.T) {
	fsys := mapFS(map[string]string{"lab.yaml": strings.Replace(goodLab, "00-03-noeuds", "00-99-nulle-part", 1), "ns.yaml": goodNS})
	err := fs.WalkDir(assets.FS, "course", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(assets.FS, p)
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ps, err := Validator().Validate(fsys, "cours")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].Where() != "cours/labs/demo/lab.yaml:3" ||
		!strings.Contains(i18n.New(i18n.EN).Msg(ps[0].Msg), "00-99-nulle-part") {
		t.Errorf("problems %v", ps)
	}
}
