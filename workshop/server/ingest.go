package server

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"sort"
	"time"

	"kubetutor/internal/progress"
	"kubetutor/workshop"
)

// Join gives a seat to a student. With the token of an existing seat it is that seat
// again (the name it had); otherwise a new seat, under name or a suffixed name when another
// seat holds it. doc, when given, is merged into the board.
func (s *Store) Join(ctx context.Context, req *workshop.JoinRequest, now time.Time) (*Seat, error) {
	var seat *Seat
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if req.Token != "" {
			st, err := s.seatByToken(tx, req.Token)
			if err != nil {
				return err
			}
			if st != nil && st.Revoked {
				return workshop.Refuse(http.StatusForbidden, workshop.CodeRevoked, "this seat was removed by the instructor")
			}
			if st != nil {
				seat = st
				if _, err := tx.Exec(`UPDATE seats SET last_seen=? WHERE id=?`, ms(now), st.ID); err != nil {
					return err
				}
			}
		}
		if seat == nil {
			name, err := freeName(tx, req.Name)
			if err != nil {
				return err
			}
			if req.Exact && name != req.Name {
				return &workshop.Error{Status: http.StatusConflict, Code: workshop.CodeNameTaken, Index: -1, Name: name,
					Reason: "another seat holds this name"}
			}
			token := NewToken()
			res, err := tx.Exec(`INSERT INTO seats(token,name,lang,joined,last_seen) VALUES(?,?,?,?,?)`, token, name, req.Lang, ms(now), ms(now))
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			seat = &Seat{ID: id, Token: token, Name: name}
		}
		if req.Progress != nil {
			return applyDocument(tx, seat.ID, req.Progress, req.Seq, now)
		}
		return nil
	})
	return seat, err
}

// Ingest applies a batch from the seat holding token. Each event id is applied once: a
// resent event is acknowledged again and changes nothing.
func (s *Store) Ingest(ctx context.Context, b *workshop.Batch, now time.Time) (*workshop.Ack, *Seat, error) {
	ack := &workshop.Ack{V: workshop.Version, Acked: []string{}}
	var seat *Seat
	err := s.tx(ctx, func(tx *sql.Tx) error {
		st, err := s.seatByToken(tx, b.Token)
		if err != nil {
			return err
		}
		if st == nil {
			return workshop.Refuse(http.StatusUnauthorized, workshop.CodeBadToken, "unknown token: join again")
		}
		if st.Revoked {
			return workshop.Refuse(http.StatusForbidden, workshop.CodeRevoked, "this seat was removed by the instructor")
		}
		seat = st
		events := append([]workshop.Event(nil), b.Events...)
		sort.SliceStable(events, func(i, j int) bool { return events[i].Seq < events[j].Seq })
		for i := range events {
			e := &events[i]
			body, _ := json.Marshal(e)
			res, err := tx.Exec(`INSERT OR IGNORE INTO events(seat,id,seq,kind,at_client,at_server,lab,step,status,reason,body)
				VALUES(?,?,?,?,?,?,?,?,?,?,?)`, st.ID, e.ID, e.Seq, string(e.Kind), ms(e.At), ms(now), e.Lab, e.Step, e.Status, e.Reason, string(body))
			if err != nil {
				return err
			}
			ack.Acked = append(ack.Acked, e.ID)
			if n, _ := res.RowsAffected(); n == 0 {
				continue // applied before
			}
			ack.Applied++
			if err := applyEvent(tx, st.ID, e, now); err != nil {
				return err
			}
			st.Seq = max(st.Seq, e.Seq)
		}
		_, err = tx.Exec(`UPDATE seats SET last_seen=?, seq=? WHERE id=?`, ms(now), st.Seq, st.ID)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	ack.Seq = seat.Seq
	return ack, seat, nil
}

// applyEvent changes the board for one new event. Out-of-order events never undo newer
// ones: a cell keeps the sequence number of the event that last set it.
func applyEvent(tx *sql.Tx, seat int64, e *workshop.Event, now time.Time) error {
	switch e.Kind {
	case workshop.KindStep:
		if err := setPosition(tx, seat, e.Lab, e.Step, e.Seq, now); err != nil {
			return err
		}
		return setStep(tx, seat, stepCol(e.Lab, e.Step), e.Status, e.Reason, e.Seq, now)
	case workshop.KindHint:
		return upsertCell(tx, seat, stepCol(e.Lab, e.Step), now,
			`hints=max(hints, ?)`, e.Hints)
	case workshop.KindSolution:
		return upsertCell(tx, seat, stepCol(e.Lab, e.Step), now, `solution=1`)
	case workshop.KindQuiz:
		return setQuiz(tx, seat, e.Chapter, e.Score, e.Max, e.Seq, now)
	case workshop.KindSection:
		if e.Section == "" {
			return nil
		}
		_, err := tx.Exec(`INSERT OR IGNORE INTO reads(seat,chapter,section) VALUES(?,?,?)`, seat, e.Chapter, e.Section)
		return err
	case workshop.KindPosition:
		return setPosition(tx, seat, e.Lab, e.Step, e.Seq, now)
	case workshop.KindHand:
		raised := 0
		if e.Raised {
			raised = 1
		}
		_, err := tx.Exec(`UPDATE seats SET hand=?, hand_at=?, hand_acked=0 WHERE id=?`, raised, ms(now), seat)
		return err
	case workshop.KindLabReset:
		_, err := tx.Exec(`DELETE FROM cells WHERE seat=? AND col LIKE ? ESCAPE '\'`, seat, likePrefix(e.Lab+"/"))
		return err
	}
	return nil // answers and heartbeats: kept in events, nothing to redraw
}

func likePrefix(p string) string {
	out := make([]rune, 0, len(p)+1)
	for _, r := range p {
		if r == '%' || r == '_' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(append(out, '%'))
}

func setPosition(tx *sql.Tx, seat int64, lab, step string, seq uint64, now time.Time) error {
	_, err := tx.Exec(`UPDATE seats SET lab=?, step=?, position_at=? WHERE id=? AND (lab<>? OR step<>?)`, lab, step, ms(now), seat, lab, step)
	return err
}

// setStep sets a step cell's status. A passed step stays passed; the change time moves only
// when the status changes (it is what « bloqué depuis » counts from).
func setStep(tx *sql.Tx, seat int64, col, status, reason string, seq uint64, now time.Time) error {
	var cur string
	var curSeq uint64
	err := tx.QueryRow(`SELECT status, seq FROM cells WHERE seat=? AND col=?`, seat, col).Scan(&cur, &curSeq)
	switch {
	case err == sql.ErrNoRows:
		_, err = tx.Exec(`INSERT INTO cells(seat,col,status,reason,seq,changed) VALUES(?,?,?,?,?,?)`, seat, col, status, reason, seq, ms(now))
		return err
	case err != nil:
		return err
	}
	if solved(cur) && !solved(status) || seq < curSeq {
		return nil
	}
	if cur == status {
		_, err = tx.Exec(`UPDATE cells SET reason=?, seq=? WHERE seat=? AND col=?`, reason, seq, seat, col)
		return err
	}
	_, err = tx.Exec(`UPDATE cells SET status=?, reason=?, seq=?, changed=? WHERE seat=? AND col=?`, status, reason, seq, ms(now), seat, col)
	return err
}

func solved(status string) bool {
	return status == workshop.StatusPassed || status == workshop.StatusSolvedWithHelp
}

func setQuiz(tx *sql.Tx, seat int64, chapter string, score, maxScore float64, seq uint64, now time.Time) error {
	_, err := tx.Exec(`INSERT INTO cells(seat,col,status,score,max,seq,changed) VALUES(?,?,'quiz',?,?,?,?)
		ON CONFLICT(seat,col) DO UPDATE SET score=excluded.score, max=excluded.max, seq=excluded.seq, changed=excluded.changed
		WHERE excluded.seq >= cells.seq`, seat, quizCol(chapter), score, maxScore, seq, ms(now))
	return err
}

// upsertCell applies set (an UPDATE's SET clause) to a cell, creating it not started.
func upsertCell(tx *sql.Tx, seat int64, col string, now time.Time, set string, args ...any) error {
	if _, err := tx.Exec(`INSERT OR IGNORE INTO cells(seat,col,status,changed) VALUES(?,?,'',?)`, seat, col, ms(now)); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE cells SET `+set+` WHERE seat=? AND col=?`, append(args, seat, col)...)
	return err
}

// applyDocument merges a student's whole progress document: the board converges even
// when events were lost. It never un-passes a step.
func applyDocument(tx *sql.Tx, seat int64, doc *progress.Document, seq uint64, now time.Time) error {
	for labID, lab := range doc.Labs {
		for stepID, st := range lab.Steps {
			col := stepCol(labID, stepID)
			if st.Status != "" {
				if err := setStep(tx, seat, col, st.Status, st.Reason, seq, now); err != nil {
					return err
				}
			}
			if err := upsertCell(tx, seat, col, now, `hints=max(hints, ?), solution=max(solution, ?)`, st.HintsShown, boolInt(st.SolutionShown)); err != nil {
				return err
			}
		}
	}
	for chID, ch := range doc.Chapters {
		for sec := range ch.SectionsRead {
			if _, err := tx.Exec(`INSERT OR IGNORE INTO reads(seat,chapter,section) VALUES(?,?,?)`, seat, chID, sec); err != nil {
				return err
			}
		}
		var last *progress.QuizAttempt
		for i := range ch.Quizzes {
			a := &ch.Quizzes[i]
			if !a.Finished.IsZero() && (last == nil || a.Finished.After(last.Finished)) {
				last = a
			}
		}
		if last != nil {
			if err := setQuiz(tx, seat, chID, last.Score, last.Max, seq, now); err != nil {
				return err
			}
		}
	}
	return nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Import merges a progress document brought on a USB key into the seat called name,
// creating it (marked imported) when no seat has that name.
func (s *Store) Import(ctx context.Context, name string, doc *progress.Document, now time.Time) (created bool, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRow(`SELECT id FROM seats WHERE name=? AND revoked=0`, name).Scan(&id)
		if err == sql.ErrNoRows {
			res, err := tx.Exec(`INSERT INTO seats(token,name,joined,last_seen,imported) VALUES(?,?,?,0,1)`, NewToken(), name, ms(now))
			if err != nil {
				return err
			}
			id, _ = res.LastInsertId()
			created = true
		} else if err != nil {
			return err
		}
		var seq uint64
		if err := tx.QueryRow(`SELECT seq FROM seats WHERE id=?`, id).Scan(&seq); err != nil {
			return err
		}
		return applyDocument(tx, id, doc, seq, now)
	})
	return created, err
}
