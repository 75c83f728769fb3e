package workshop

import "time"

// Snapshot is the class board at one instant of the server's clock: what the board
// screen and the projector page draw.
type Snapshot struct {
	Event    string    `json:"event"`
	Now      time.Time `json:"now"`
	Columns  []Column  `json:"columns"`
	Students []Student `json:"students"`
}

// Column is one column of the board: a lab step or a chapter's quiz.
type Column struct {
	// ID is "lab/step" or "quiz:chapter".
	ID    string `json:"id"`
	Lab   string `json:"lab,omitempty"`
	Step  string `json:"step,omitempty"`
	Quiz  string `json:"quiz,omitempty"` // chapter id of a quiz column
	Label string `json:"label"`          // short header
}

// Student is one row of the board.
type Student struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Joined    time.Time `json:"joined"`
	LastSeen  time.Time `json:"last_seen"`
	Hand      bool      `json:"hand,omitempty"`
	HandAt    time.Time `json:"hand_at,omitzero"`
	HandAcked bool      `json:"hand_acked,omitempty"`
	Lab       string    `json:"lab,omitempty"`
	Step      string    `json:"step,omitempty"`
	// StuckSince is the server time of the last change while the current step is not
	// passed (zero when the student is not on an unpassed step).
	StuckSince   time.Time       `json:"stuck_since,omitzero"`
	SectionsRead int             `json:"sections_read"`
	Imported     bool            `json:"imported,omitempty"`
	Cells        map[string]Cell `json:"cells"`
}

// Cell is the state of one student in one column.
type Cell struct {
	Status   string    `json:"status"`
	Reason   string    `json:"reason,omitempty"`
	Hints    int       `json:"hints,omitempty"`
	Solution bool      `json:"solution,omitempty"`
	Score    float64   `json:"score,omitempty"`
	Max      float64   `json:"max,omitempty"`
	Changed  time.Time `json:"changed"`
}

// SilentAfter is how long without any request before a student shows as « silencieux »
// (three missed heartbeats).
const SilentAfter = 3 * HeartbeatEvery

// HeartbeatEvery is how often a running tutor sends a batch, even an empty one.
const HeartbeatEvery = 10 * time.Second

// Silent reports whether the student missed their heartbeats at now.
func (s *Student) Silent(now time.Time) bool { return now.Sub(s.LastSeen) > SilentAfter }

// Reason is how often a failure reason was seen in a column, in distinct students.
type Reason struct {
	Reason   string `json:"reason"`
	Students int    `json:"students"`
}

// TimelineEntry is one event of a student, stamped by the server.
type TimelineEntry struct {
	At     time.Time `json:"at"`
	Kind   Kind      `json:"kind"`
	Lab    string    `json:"lab,omitempty"`
	Step   string    `json:"step,omitempty"`
	Status string    `json:"status,omitempty"`
	Reason string    `json:"reason,omitempty"`
}
