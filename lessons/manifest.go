package lessons

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"regexp"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
	"kubetutor/internal/validate"
)

// ChapterRef is one manifest entry: a chapter id, its Markdown file and its optional quiz
// file, both relative to course/.
type ChapterRef struct {
	ID   string
	File string
	Quiz string
	// Line is the entry's line in the manifest, for error messages.
	Line int
}

var chapterIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// readManifest reads and checks course/manifest.yaml.
func readManifest(fsys fs.FS, root string) ([]ChapterRef, error) {
	file := display(root, ManifestFile)
	data, err := fs.ReadFile(fsys, ManifestFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, i18n.UsageErr(err, "reader.course.nomanifest", "File", file)
		}
		return nil, i18n.UsageErr(err, "reader.course.unreadable", "File", file)
	}
	if line, ok := invalidUTF8Line(data); !ok {
		return nil, i18n.UsageErr(nil, "reader.course.notutf8", "File", file, "Line", line)
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if ps, ok := validate.YAMLProblems(file, err); ok && len(ps) > 0 { // at its line, localized
			return nil, i18n.UsageErr(err, "reader.course.badmanifest.at", "File", file, "Line", ps[0].Line, "Detail", ps[0].Msg)
		}
		return nil, i18n.UsageErr(err, "reader.course.badmanifest", "File", file, "Detail", err.Error())
	}
	bad := func(n *yaml.Node, id, value string) error {
		return i18n.UsageErr(nil, id, "File", file, "Line", n.Line, "Value", value)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, i18n.UsageErr(nil, "reader.course.nochapters", "File", file)
	}
	top := doc.Content[0]
	var list *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		k, v := top.Content[i], top.Content[i+1]
		if k.Value != "chapters" {
			return nil, bad(k, "reader.manifest.unknownkey", k.Value)
		}
		list = v
	}
	if list == nil || list.Kind != yaml.SequenceNode || len(list.Content) == 0 {
		return nil, i18n.UsageErr(nil, "reader.course.nochapters", "File", file)
	}
	var refs []ChapterRef
	seen := map[string]bool{}
	for _, e := range list.Content {
		if e.Kind != yaml.MappingNode {
			return nil, bad(e, "reader.manifest.notmapping", "")
		}
		ref := ChapterRef{Line: e.Line}
		for i := 0; i+1 < len(e.Content); i += 2 {
			k, v := e.Content[i], e.Content[i+1]
			if v.Kind != yaml.ScalarNode {
				return nil, bad(v, "reader.manifest.notstring", k.Value)
			}
			switch k.Value {
			case "id":
				ref.ID = v.Value
			case "file":
				ref.File = v.Value
			case "quiz":
				ref.Quiz = v.Value
			default:
				return nil, bad(k, "reader.manifest.unknownkey", k.Value)
			}
		}
		switch {
		case !chapterIDPattern.MatchString(ref.ID):
			return nil, bad(e, "reader.manifest.badid", ref.ID)
		case seen[ref.ID]:
			return nil, bad(e, "reader.manifest.dupid", ref.ID)
		case !validRelPath(ref.File):
			return nil, bad(e, "reader.manifest.badfile", ref.File)
		case ref.Quiz != "" && !validRelPath(ref.Quiz):
			return nil, bad(e, "reader.manifest.badfile", ref.Quiz)
		}
		seen[ref.ID] = true
		refs = append(refs, ref)
	}
	return refs, nil
}

// validRelPath reports whether p is a clean relative path inside course/.
func validRelPath(p string) bool {
	return p != "" && fs.ValidPath(p) && path.Clean(p) == p && p != "."
}
