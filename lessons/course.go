// Package lessons is kubetutor's course model: the manifest that lists the chapters in
// reading order, the chapters parsed from Markdown into sections with stable ids, and the
// lookups the reader and the command line use. It reads any fs.FS whose root holds
// course/: the embedded assets or an instructor's --course directory.
package lessons

import (
	"io/fs"
	"path"
	"strings"

	"kubetutor/i18n"
)

// CourseDir is the folder of the content root that holds the chapters and the manifest.
const CourseDir = "course"

// ManifestFile is the manifest's path under the content root.
const ManifestFile = CourseDir + "/manifest.yaml"

// Course is the validated course: its chapters in reading order.
type Course struct {
	Chapters []*Chapter
}

// Load reads the manifest and every chapter it lists from fsys and validates them. root
// is how errors name the content root (empty for the embedded content, the --course
// directory otherwise). Every error is an i18n usage error naming the file, and the line
// where there is one.
func Load(fsys fs.FS, root string) (*Course, error) {
	refs, err := readManifest(fsys, root)
	if err != nil {
		return nil, err
	}
	c := &Course{}
	var probs Problems // of every chapter, not only the first one with a problem
	for _, ref := range refs {
		name := path.Join(CourseDir, ref.File)
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			probs.add(i18n.UsageErr(err, "reader.course.nochapter",
				"File", display(root, ManifestFile), "Line", ref.Line, "Chapter", display(root, name)))
			continue
		}
		ch, err := Parse(display(root, name), data)
		if err != nil {
			probs.add(err)
			continue
		}
		ch.ID, ch.File, ch.Quiz = ref.ID, ref.File, ref.Quiz
		c.Chapters = append(c.Chapters, ch)
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return c, nil
}

// Chapter returns the chapter with this id, or a usage error listing the valid ids.
func (c *Course) Chapter(id string) (*Chapter, error) {
	for _, ch := range c.Chapters {
		if ch.ID == id {
			return ch, nil
		}
	}
	ids := make([]string, len(c.Chapters))
	for i, ch := range c.Chapters {
		ids[i] = ch.ID
	}
	return nil, i18n.UsageErr(nil, "reader.chapter.unknown", "ID", id, "Valid", strings.Join(ids, ", "))
}

// display names a file of the content root for the student.
func display(root, name string) string {
	if root == "" {
		return name
	}
	return strings.TrimSuffix(root, "/") + "/" + name
}
