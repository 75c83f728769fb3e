package render

import "kubetutor/lessons"

// ChapterNotes renders a whole chapter like Chapter, with a line in italics under the
// heading of each section named in notes (section id → text): the map's « m : voir cette
// architecture sur la carte » under sections 2 to 4.
func ChapterNotes(ch *lessons.Chapter, style Style, width int, notes map[string]string) (*Doc, error) {
	if len(notes) == 0 {
		return Chapter(ch, style, width)
	}
	return renderParts(chapterParts(ch, notes), style, width, withPlain)
}
