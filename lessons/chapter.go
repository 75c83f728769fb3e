package lessons

import (
	"strings"

	"kubetutor/i18n"
)

// Chapter is one parsed chapter. Its title is the level 1 heading; its sections are the
// level 2 headings, each with its level 3 subsections.
type Chapter struct {
	// ID is the manifest's chapter id ("00"); File and Quiz are the manifest's paths
	// under course/ (Quiz may be empty).
	ID, File, Quiz string
	// HeadingID is the id of the level 1 heading ("00-architecture").
	HeadingID string
	// Number and Title come from the level 1 heading ("00", "Architecture de …").
	Number, Title string
	// Intro is the Markdown before the first section, title heading included, with the
	// heading's {#id} removed.
	Intro string
	// Sections are the level 2 sections in document order.
	Sections []*Section
}

// Section is a level 2 or 3 heading and the Markdown under it up to the next heading of
// level 3 or less. Subsections are jump targets too.
type Section struct {
	// ID is the stable id written after the heading: {#00-02-plan-controle}.
	ID string
	// Number is the heading's leading number ("2", "2.2"), empty when it has none.
	Number string
	// Title is the heading text without the number and the id.
	Title string
	// Level is the heading level: 2 for a section, 3 for a subsection.
	Level int
	// Line is the heading's line in the chapter file (1-based).
	Line int
	// Markdown is the heading (without its id) and the text under it, up to the next
	// heading of level 3 or less: subsections are not included.
	Markdown string
	// Subsections are the level 3 headings of a level 2 section.
	Subsections []*Section
	// Parent is the level 2 section of a subsection, nil for a section.
	Parent *Section
}

// Label is the heading as the table of contents shows it: "2.2 etcd".
func (s *Section) Label() string {
	if s.Number == "" {
		return s.Title
	}
	return s.Number + " " + s.Title
}

// Top returns the level 2 section s belongs to (s itself for a section).
func (s *Section) Top() *Section {
	if s.Parent != nil {
		return s.Parent
	}
	return s
}

// All returns every section and subsection in document order.
func (c *Chapter) All() []*Section {
	var all []*Section
	for _, s := range c.Sections {
		all = append(all, s)
		all = append(all, s.Subsections...)
	}
	return all
}

// CountRead counts the chapter's sections and subsections (All) that isRead reports
// read, and returns that count with their total. It is the one definition of « sections
// read » that every screen and export uses: ids that are no longer in the chapter do not
// count.
func (c *Chapter) CountRead(isRead func(id string) bool) (read, total int) {
	for _, s := range c.All() {
		if isRead(s.ID) {
			read++
		}
		total++
	}
	return read, total
}

// Markdown returns the chapter's whole Markdown, ids removed, ready to render.
func (c *Chapter) Markdown() string {
	var b strings.Builder
	b.WriteString(c.Intro)
	for _, s := range c.All() {
		b.WriteString(s.Markdown)
	}
	return b.String()
}

// SectionMarkdown returns a section's Markdown with its subsections'.
func SectionMarkdown(s *Section) string {
	var b strings.Builder
	b.WriteString(s.Markdown)
	for _, sub := range s.Subsections {
		b.WriteString(sub.Markdown)
	}
	return b.String()
}

// Find returns the section or subsection named by ref: its id ("00-02-02-etcd") or its
// number ("2.2"). An unknown ref is a usage error listing the valid ids.
func (c *Chapter) Find(ref string) (*Section, error) {
	ref = strings.TrimSpace(ref)
	all := c.All()
	for _, s := range all {
		if s.ID == ref {
			return s, nil
		}
	}
	num := strings.TrimSuffix(ref, ".")
	for _, s := range all {
		if s.Number != "" && s.Number == num {
			return s, nil
		}
	}
	valid := make([]string, 0, len(all))
	for _, s := range all {
		valid = append(valid, s.ID)
	}
	return nil, i18n.UsageErr(nil, "reader.section.unknown",
		"ID", ref, "Chapter", c.ID, "Valid", strings.Join(valid, ", "))
}

// Index returns the position of s in All(), or -1.
func (c *Chapter) Index(id string) int {
	for i, s := range c.All() {
		if s.ID == id {
			return i
		}
	}
	return -1
}
