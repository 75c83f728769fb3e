package reader

// CurrentSection returns the id of the section at the reading position ("" above the
// first one), and whether plain keys are the reader's own (no search, go-to or table of
// contents open): the root opens the map with m from sections 2 to 4.
func (m Model) CurrentSection() (id string, reading bool) {
	reading = m.mode == modeRead
	if m.doc == nil || m.cur < 0 || m.cur >= len(m.doc.Anchors) {
		return "", reading
	}
	return m.doc.Anchors[m.cur].ID, reading
}
