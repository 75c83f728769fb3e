package lessons

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"kubetutor/i18n"
)

var (
	headingLine   = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	headingWithID = regexp.MustCompile(`^(.*?)[ \t]*\{#([^{}]*)\}$`)
	sectionID     = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	numbered      = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.?[ \t]+(.+)$`)
)

// heading is a parsed heading line.
type heading struct {
	level       int
	text, id    string
	line        int
	hasIDMarker bool
}

// Parse parses a chapter's Markdown. file names it in errors. Headings of levels 1 to 3
// must end with a stable id, {#id} (lowercase letters, digits and dashes); the first
// heading is the level 1 title; the level 2 headings are the sections.
func Parse(file string, data []byte) (*Chapter, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if line, ok := invalidUTF8Line(data); !ok {
		return nil, i18n.UsageErr(nil, "reader.course.notutf8", "File", file, "Line", line)
	}
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	lines := strings.Split(text, "\n")

	ch := &Chapter{}
	var (
		fence   string // the opening fence of the code block we are in, if any
		current = &strings.Builder{}
		sec     *Section
		top     *Section
		seen    = map[string]int{}
		titled  bool
		probs   Problems // every problem of the file, not only the first
	)
	flush := func() {
		if sec == nil {
			ch.Intro = current.String()
		} else {
			sec.Markdown = current.String()
		}
		current = &strings.Builder{}
	}
	for i, l := range lines {
		n := i + 1
		if fence != "" {
			if isFenceClose(l, fence) {
				fence = ""
			}
			current.WriteString(l + "\n")
			continue
		}
		if f := fenceOpen(l); f != "" {
			fence = f
			current.WriteString(l + "\n")
			continue
		}
		h, ok, err := parseHeading(file, n, l)
		if err != nil {
			probs.add(err)
			current.WriteString(l + "\n")
			continue
		}
		if !ok {
			current.WriteString(l + "\n")
			continue
		}
		if h.level > 3 {
			// A deeper heading is content; its id, if any, is dropped.
			current.WriteString(strings.Repeat("#", h.level) + " " + h.text + "\n")
			continue
		}
		if !h.hasIDMarker {
			probs.add(i18n.UsageErr(nil, "reader.course.noid", "File", file, "Line", n))
			current.WriteString(l + "\n")
			continue
		}
		if prev, dup := seen[h.id]; dup {
			probs.add(i18n.UsageErr(nil, "reader.course.dupid", "File", file, "Line", n, "ID", h.id, "Prev", prev))
			current.WriteString(l + "\n")
			continue
		}
		seen[h.id] = n
		switch {
		case h.level == 1:
			if titled || sec != nil {
				probs.add(i18n.UsageErr(nil, "reader.course.twotitles", "File", file, "Line", n))
				continue
			}
			titled = true
			ch.HeadingID = h.id
			ch.Number, ch.Title = splitNumber(h.text)
			current.WriteString("# " + h.text + "\n")
			continue
		case h.level == 3 && top == nil:
			probs.add(i18n.UsageErr(nil, "reader.course.orphan", "File", file, "Line", n))
			continue
		}
		flush()
		s := &Section{ID: h.id, Level: h.level, Line: n}
		s.Number, s.Title = splitNumber(h.text)
		if h.level == 2 {
			top = s
			ch.Sections = append(ch.Sections, s)
		} else {
			s.Parent = top
			top.Subsections = append(top.Subsections, s)
		}
		sec = s
		current.WriteString(strings.Repeat("#", h.level) + " " + h.text + "\n")
	}
	flush()
	if !titled {
		probs.add(i18n.UsageErr(nil, "reader.course.notitle", "File", file))
	}
	if len(ch.Sections) == 0 {
		probs.add(i18n.UsageErr(nil, "reader.course.nosections", "File", file))
	}
	if len(probs) > 0 {
		return nil, probs
	}
	return ch, nil
}

// parseHeading recognizes an ATX heading and its {#id}. A {# that does not form a valid
// id is an error.
func parseHeading(file string, n int, l string) (heading, bool, error) {
	if !strings.HasPrefix(strings.TrimLeft(l, " "), "#") {
		return heading{}, false, nil // not a heading, found without the pattern (most lines)
	}
	m := headingLine.FindStringSubmatch(l)
	if m == nil {
		return heading{}, false, nil
	}
	h := heading{level: len(m[1]), text: m[2], line: n}
	if !strings.Contains(h.text, "{#") {
		return h, true, nil
	}
	idm := headingWithID.FindStringSubmatch(h.text)
	if idm == nil || !sectionID.MatchString(idm[2]) {
		return h, true, i18n.UsageErr(nil, "reader.course.badid", "File", file, "Line", n, "Text", strings.TrimSpace(l))
	}
	h.text, h.id, h.hasIDMarker = idm[1], idm[2], true
	return h, true, nil
}

// splitNumber splits "2.2 etcd" into "2.2" and "etcd", "2. Plan" into "2" and "Plan".
func splitNumber(text string) (string, string) {
	if m := numbered.FindStringSubmatch(text); m != nil {
		return m[1], strings.TrimSpace(m[2])
	}
	return "", strings.TrimSpace(text)
}

// fenceOpen returns the fence (``` or ~~~, possibly longer) that l opens, or "".
func fenceOpen(l string) string {
	t := strings.TrimLeft(l, " \t")
	for _, c := range []string{"`", "~"} {
		if strings.HasPrefix(t, c+c+c) {
			n := len(t) - len(strings.TrimLeft(t, c))
			return strings.Repeat(c, n)
		}
	}
	return ""
}

// isFenceClose reports whether l closes a code block opened by fence.
func isFenceClose(l, fence string) bool {
	t := strings.TrimSpace(l)
	return strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == ""
}

// invalidUTF8Line returns the first line holding invalid UTF-8, and ok when there is none.
func invalidUTF8Line(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, true
	}
	for i, l := range bytes.Split(data, []byte("\n")) {
		if !utf8.Valid(l) {
			return i + 1, false
		}
	}
	return 0, false
}
