// Package workshop is the class protocol of workshop mode: the versioned JSON messages a
// student's kubetutor exchanges with the instructor's class server, and their strict
// decoders. The server lives in workshop/server, the student's client (seat, on-disk
// queue, sender) in workshop/client.
//
// Transport: the client POSTs batches of events from its queue; every event has a
// client-made id and a per-student sequence number, and the server applies each id once.
// The response acknowledges ids and carries the class state back (banner, locks,
// countdown…), so no persistent connection is needed over a venue's Wi-Fi.
package workshop

import (
	"encoding/json"
	"time"

	"kubetutor/internal/progress"
)

// Version is the protocol version this build speaks. A server refuses another major.
const Version = 1

// Paths of the class server's HTTP API.
const (
	PathJoin   = "/v1/join"
	PathEvents = "/v1/events"
	PathLeave  = "/v1/leave"
)

// Limits that both sides enforce.
const (
	// MaxBodyBytes bounds any request body (a join carries the progress document).
	MaxBodyBytes = 1 << 20
	// MaxBatch is the largest number of events in one batch.
	MaxBatch = 200
	// MaxText bounds a free text field (reason, answer, name).
	MaxText = 500
	// MaxName bounds a display name, in runes.
	MaxName = 40
	// FutureSkew is how far ahead of the server's clock an event may be stamped.
	FutureSkew = 10 * time.Minute
	// MaxAge is how old an event may be (a laptop closed overnight still syncs).
	MaxAge = 72 * time.Hour
)

// Kind is what an event reports.
type Kind string

// The event kinds. Nothing else leaves the student's machine.
const (
	KindStep      Kind = "step"      // a step's status changed (with the localized reason)
	KindHint      Kind = "hint"      // a hint was revealed (Hints = hints shown so far)
	KindSolution  Kind = "solution"  // a step's solution was revealed
	KindAnswer    Kind = "answer"    // a quiz question was answered (Points, Correct)
	KindQuiz      Kind = "quiz"      // a quiz attempt finished (Score, Max)
	KindSection   Kind = "section"   // a course section was read
	KindPosition  Kind = "position"  // the current lab and step
	KindHand      Kind = "hand"      // the student raised (Raised) or lowered a hand
	KindLabReset  Kind = "lab-reset" // the student reset a lab
	KindHeartbeat Kind = "heartbeat" // still here (also implied by any batch)
)

// Kinds lists every known kind.
var Kinds = []Kind{KindStep, KindHint, KindSolution, KindAnswer, KindQuiz, KindSection, KindPosition, KindHand, KindLabReset, KindHeartbeat}

// Step statuses as the board shows them (the progress store's statuses).
const (
	StatusPending        = "pending"
	StatusFailed         = "failed"
	StatusError          = "error"
	StatusPassed         = "passed"
	StatusSolvedWithHelp = "solved-with-help"
)

// Event is one fact about a student's progress.
type Event struct {
	// ID is made by the client, unique per student (the server applies it once).
	ID string `json:"id"`
	// Seq is the student's sequence number, increasing across the client's processes.
	Seq  uint64    `json:"seq"`
	Kind Kind      `json:"kind"`
	At   time.Time `json:"at"`

	Lab     string  `json:"lab,omitempty"`
	Step    string  `json:"step,omitempty"`
	Status  string  `json:"status,omitempty"`
	Reason  string  `json:"reason,omitempty"`
	Hints   int     `json:"hints,omitempty"`
	Chapter string  `json:"chapter,omitempty"`
	Section string  `json:"section,omitempty"`
	Quiz    string  `json:"quiz,omitempty"` // a quiz question id, or an attempt id
	Points  float64 `json:"points,omitempty"`
	Correct bool    `json:"correct,omitempty"`
	Score   float64 `json:"score,omitempty"`
	Max     float64 `json:"max,omitempty"`
	Raised  bool    `json:"raised,omitempty"`
}

// JoinRequest registers a seat, or re-joins one when Token is the seat's token. It carries
// the student's whole progress document so the board converges even if events were lost.
type JoinRequest struct {
	V     int    `json:"v"`
	Code  string `json:"code"`
	Name  string `json:"name"`
	Token string `json:"token,omitempty"`
	Lang  string `json:"lang,omitempty"`
	// Exact asks for Name or a refusal (CodeNameTaken, with a free name offered) when
	// another seat holds it, instead of a suffixed name: the TUI's join form offers the
	// suffixed name to the student before taking it.
	Exact bool `json:"exact,omitempty"`
	// Seq is the highest sequence number the client has made: Progress includes every
	// event up to it, so the server ignores older events that arrive later.
	Seq      uint64             `json:"seq,omitempty"`
	Progress *progress.Document `json:"progress,omitempty"`
}

// JoinResponse is the seat the server gave.
type JoinResponse struct {
	V     int    `json:"v"`
	Token string `json:"token"`
	// Name is the display name given: the asked one, or a suffixed one when another seat
	// holds it.
	Name  string `json:"name"`
	Event string `json:"event"`
	// Seq is the highest sequence number the server has applied for this seat.
	Seq   uint64 `json:"seq"`
	State State  `json:"state"`
}

// Batch is a group of events from one seat. An empty batch is a heartbeat.
type Batch struct {
	V      int     `json:"v"`
	Token  string  `json:"token"`
	Events []Event `json:"events"`
}

// Ack answers a batch: the ids now applied (new ones and ones applied before), and the
// class state.
type Ack struct {
	V int `json:"v"`
	// Acked lists every id of the batch the server holds; the client deletes them.
	Acked []string `json:"acked"`
	// Applied counts the ids applied by this request; the others were duplicates.
	Applied int    `json:"applied"`
	Seq     uint64 `json:"seq"`
	// Resync asks the client to re-join with its progress document.
	Resync bool  `json:"resync,omitempty"`
	State  State `json:"state"`
}

// LeaveRequest gives a seat up.
type LeaveRequest struct {
	V     int    `json:"v"`
	Token string `json:"token"`
}

// State is what the instructor sends to every student: shown, never enforced.
type State struct {
	Event  string `json:"event"`
	Banner string `json:"banner,omitempty"`
	// LockedSolutions lists the labs whose solutions the instructor asks to keep hidden.
	LockedSolutions []string `json:"locked_solutions,omitempty"`
	// Countdown is when the current lab's countdown ends (zero: none).
	Countdown time.Time `json:"countdown,omitzero"`
	// LookUp, until this time, asks the students to look at the screen.
	LookUp time.Time `json:"look_up,omitzero"`
	// HandAcked is true when the instructor acknowledged this student's raised hand.
	HandAcked bool `json:"hand_acked,omitempty"`
}

// Refusal is the body of every 4xx and 5xx answer: a stable code and a reason in English
// (the client shows a localized message chosen by Code).
type Refusal struct {
	V      int    `json:"v"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
	// Index is the position of the offending event in a batch, -1 when none.
	Index int `json:"index"`
	// Name is the free display name offered with CodeNameTaken.
	Name string `json:"name,omitempty"`
}

// Refusal codes.
const (
	CodeBadCode     = "bad-code"
	CodeBadToken    = "bad-token"
	CodeRevoked     = "revoked"
	CodeMalformed   = "malformed"
	CodeTooLarge    = "too-large"
	CodeBadVersion  = "bad-version"
	CodeUnknownKind = "unknown-kind"
	CodeBadEvent    = "bad-event"
	CodeBadTime     = "bad-time"
	CodeRateLimited = "rate-limited"
	CodeBadName     = "bad-name"
	CodeNameTaken   = "name-taken"
	CodeInternal    = "internal"
)

// Marshal encodes v as JSON (the protocol's only encoding).
func Marshal(v any) ([]byte, error) { return json.Marshal(v) }
