package client

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"kubetutor/workshop"
)

// Seat is what the student's machine keeps of a join: where the class is, the token that
// proves the seat, and the names. It is all « workshop status » shows, with the queue.
type Seat struct {
	Addr        string    `json:"addr"`
	Code        string    `json:"code"`
	Fingerprint string    `json:"fingerprint,omitempty"`
	Token       string    `json:"token"`
	Name        string    `json:"name"`
	Event       string    `json:"event"`
	Joined      time.Time `json:"joined"`
	// Revoked is set when the server said the instructor removed this seat.
	Revoked bool `json:"revoked,omitempty"`
	// LastAck is when the server last acknowledged a batch.
	LastAck time.Time `json:"last_ack,omitzero"`
	// State is the latest class state received.
	State workshop.State `json:"state"`
}

// Dir is the workshop folder of a state dir.
func Dir(stateDir string) string { return filepath.Join(stateDir, "workshop") }

func seatPath(dir string) string { return filepath.Join(dir, "seat.json") }

// LoadSeat reads the seat in dir; nil when the student has not joined.
func LoadSeat(dir string) (*Seat, error) {
	data, err := os.ReadFile(seatPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s Seat
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// SaveSeat writes the seat atomically.
func SaveSeat(dir string, s *Seat) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	data, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return writeFile(dir, "seat.json", data)
}

// RemoveSeat forgets the seat.
func RemoveSeat(dir string) error {
	err := os.Remove(seatPath(dir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}
