package server

import (
	"encoding/json"
	"time"

	"kubetutor/workshop"
)

// MetaColumns holds the board's columns as JSON, set when the server starts.
const MetaColumns = "columns"

// SetColumns stores the board's columns.
func (s *Store) SetColumns(cols []workshop.Column) error {
	data, err := json.Marshal(cols)
	if err != nil {
		return err
	}
	return s.SetMeta(MetaColumns, string(data))
}

// Columns returns the board's columns.
func (s *Store) Columns() ([]workshop.Column, error) {
	v, err := s.Meta(MetaColumns)
	if err != nil || v == "" {
		return nil, err
	}
	var cols []workshop.Column
	return cols, json.Unmarshal([]byte(v), &cols)
}

// Snapshot reads the whole board at now (the server's clock).
func (s *Store) Snapshot(now time.Time) (*workshop.Snapshot, error) {
	snap := &workshop.Snapshot{Now: now, Students: []workshop.Student{}}
	var err error
	if snap.Event, err = s.Meta(MetaName); err != nil {
		return nil, err
	}
	if snap.Columns, err = s.Columns(); err != nil {
		return nil, err
	}
	rows, err := s.db.Query(`SELECT s.id, s.name, s.joined, s.last_seen, s.hand, s.hand_at, s.hand_acked, s.lab, s.step,
		s.position_at, s.imported, (SELECT count(*) FROM reads r WHERE r.seat=s.id)
		FROM seats s WHERE s.revoked=0 ORDER BY s.id`)
	if err != nil {
		return nil, err
	}
	byID := map[int64]int{}
	posAt := map[int64]int64{}
	for rows.Next() {
		var st workshop.Student
		var joined, seen, handAt, pos int64
		var hand, acked, imported int
		if err := rows.Scan(&st.ID, &st.Name, &joined, &seen, &hand, &handAt, &acked, &st.Lab, &st.Step, &pos, &imported, &st.SectionsRead); err != nil {
			rows.Close()
			return nil, err
		}
		st.Joined, st.LastSeen, st.HandAt = fromMS(joined), fromMS(seen), fromMS(handAt)
		st.Hand, st.HandAcked, st.Imported = hand != 0, acked != 0, imported != 0
		st.Cells = map[string]workshop.Cell{}
		byID[st.ID] = len(snap.Students)
		posAt[st.ID] = pos
		snap.Students = append(snap.Students, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.Query(`SELECT seat, col, status, reason, hints, solution, score, max, changed FROM cells`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var seat, changed int64
		var col string
		var c workshop.Cell
		var sol int
		if err := rows.Scan(&seat, &col, &c.Status, &c.Reason, &c.Hints, &sol, &c.Score, &c.Max, &changed); err != nil {
			return nil, err
		}
		i, ok := byID[seat]
		if !ok {
			continue
		}
		c.Solution, c.Changed = sol != 0, fromMS(changed)
		snap.Students[i].Cells[col] = c
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range snap.Students {
		st := &snap.Students[i]
		if st.Lab == "" || st.Step == "" {
			continue
		}
		since := fromMS(posAt[st.ID])
		if c, ok := st.Cells[stepCol(st.Lab, st.Step)]; ok {
			if solved(c.Status) {
				continue
			}
			if c.Changed.After(since) {
				since = c.Changed
			}
		}
		st.StuckSince = since
	}
	return snap, nil
}

// FailureReasons returns the most frequent failure reasons of a step across the class,
// counted in distinct students.
func (s *Store) FailureReasons(lab, step string, limit int) ([]workshop.Reason, error) {
	rows, err := s.db.Query(`SELECT e.reason, count(DISTINCT e.seat) n FROM events e JOIN seats s ON s.id=e.seat
		WHERE s.revoked=0 AND e.kind='step' AND e.status IN ('failed','error') AND e.lab=? AND e.step=? AND e.reason<>''
		GROUP BY e.reason ORDER BY n DESC, e.reason LIMIT ?`, lab, step, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []workshop.Reason
	for rows.Next() {
		var r workshop.Reason
		if err := rows.Scan(&r.Reason, &r.Students); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Timeline returns a student's latest events, newest first.
func (s *Store) Timeline(seat int64, limit int) ([]workshop.TimelineEntry, error) {
	rows, err := s.db.Query(`SELECT at_server, kind, lab, step, status, reason FROM events
		WHERE seat=? AND kind<>'heartbeat' ORDER BY at_server DESC, seq DESC LIMIT ?`, seat, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []workshop.TimelineEntry
	for rows.Next() {
		var e workshop.TimelineEntry
		var at int64
		var kind string
		if err := rows.Scan(&at, &kind, &e.Lab, &e.Step, &e.Status, &e.Reason); err != nil {
			return nil, err
		}
		e.At, e.Kind = fromMS(at), workshop.Kind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

// Stats counts what the store holds: seats and applied events (for the bench and tests).
func (s *Store) Stats() (seats, events int, err error) {
	err = s.db.QueryRow(`SELECT (SELECT count(*) FROM seats), (SELECT count(*) FROM events)`).Scan(&seats, &events)
	return seats, events, err
}
