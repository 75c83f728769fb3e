package app

import "sync"

// classLink is the full-screen tutor's link to the student's class: the seat the process
// started with, or the one a join from the home screen made. The lab screen reads the
// locks through it, the class view its state; both from any goroutine.
type classLink struct {
	mu   sync.Mutex
	link *seatLink
	// late is set when the TUI made the link: it stops it when the TUI ends (the
	// process's own link is stopped by Run).
	late bool
}

// get returns the current link, nil when the student is in no class.
func (c *classLink) get() *seatLink {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.link
}

// joined replaces the link by one the TUI made, and stops the one it replaces when the
// TUI made it too.
func (c *classLink) joined(l *seatLink) {
	c.mu.Lock()
	old, wasLate := c.link, c.late
	c.link, c.late = l, true
	c.mu.Unlock()
	if wasLate && old != nil && old != l {
		old.stop()
	}
}

// left forgets the link (the student left the class from the TUI), stopping it.
func (c *classLink) left() {
	c.mu.Lock()
	old := c.link
	c.link, c.late = nil, true
	c.mu.Unlock()
	if old != nil {
		old.stop()
	}
}

// solutionLocked reports whether the instructor locked lab's solutions.
func (c *classLink) solutionLocked(lab string) bool { return c.get().SolutionLocked(lab) }

// stopLate stops a link the TUI made (when the TUI ends).
func (c *classLink) stopLate() {
	c.mu.Lock()
	l, late := c.link, c.late
	c.mu.Unlock()
	if late && l != nil {
		l.stop()
	}
}
