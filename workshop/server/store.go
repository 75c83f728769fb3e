// Package server is the instructor's class server of workshop mode: an HTTP API that
// students' clients join and send event batches to, backed by a SQLite database in the
// state dir so a restart or a crash loses nothing.
package server

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // pure Go SQLite: builds stay CGO_ENABLED=0

	"kubetutor/workshop"
)

// Store is the class database. SQLite in WAL mode with synchronous=FULL: every
// acknowledged batch is on disk before its Ack leaves, and readers (the board, an export
// run from another process) never block the writer.
type Store struct {
	db   *sql.DB
	path string
	mu   sync.Mutex // serializes write transactions within the process
}

const schema = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seats(
  id INTEGER PRIMARY KEY,
  token TEXT UNIQUE NOT NULL,
  name TEXT UNIQUE NOT NULL,
  lang TEXT NOT NULL DEFAULT '',
  joined INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0,
  seq INTEGER NOT NULL DEFAULT 0,
  hand INTEGER NOT NULL DEFAULT 0,
  hand_at INTEGER NOT NULL DEFAULT 0,
  hand_acked INTEGER NOT NULL DEFAULT 0,
  lab TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL DEFAULT '',
  position_at INTEGER NOT NULL DEFAULT 0,
  imported INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS events(
  seat INTEGER NOT NULL,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,
  at_client INTEGER NOT NULL,
  at_server INTEGER NOT NULL,
  lab TEXT NOT NULL DEFAULT '',
  step TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  PRIMARY KEY(seat, id));
CREATE INDEX IF NOT EXISTS events_fail ON events(kind, status, lab, step);
CREATE TABLE IF NOT EXISTS cells(
  seat INTEGER NOT NULL,
  col TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  hints INTEGER NOT NULL DEFAULT 0,
  solution INTEGER NOT NULL DEFAULT 0,
  score REAL NOT NULL DEFAULT 0,
  max REAL NOT NULL DEFAULT 0,
  seq INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL,
  PRIMARY KEY(seat, col));
CREATE TABLE IF NOT EXISTS reads(
  seat INTEGER NOT NULL, chapter TEXT NOT NULL, section TEXT NOT NULL,
  PRIMARY KEY(seat, chapter, section));
`

// Open opens (creating) the class database at path.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(5000)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection: SQLite has one writer anyway
	if _, err := db.Exec(schema); err != nil {
		db.Close()
		return nil, fmt.Errorf("class database %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Meta returns a class setting ("" when unset).
func (s *Store) Meta(key string) (string, error) {
	var v string
	err := s.db.QueryRow(`SELECT value FROM meta WHERE key=?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetMeta stores a class setting.
func (s *Store) SetMeta(key, value string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, err := s.db.Exec(`INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value`, key, value)
	return err
}

// MetaOrInit returns a setting, storing def first when it is unset, so a restarted server
// keeps its event code and board key.
func (s *Store) MetaOrInit(key, def string) (string, error) {
	v, err := s.Meta(key)
	if err != nil || v != "" {
		return v, err
	}
	return def, s.SetMeta(key, def)
}

// Meta keys.
const (
	MetaCode      = "code"
	MetaBoardKey  = "board_key"
	MetaName      = "name"
	MetaLabs      = "labs"
	MetaBanner    = "banner"
	MetaLocks     = "locks"
	MetaCountdown = "countdown"
	MetaLookUp    = "look_up"
)

func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// NewToken returns a random seat token.
func NewToken() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// tx runs fn in one write transaction.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// freeName returns name, or name (2), (3)… when another seat holds it.
func freeName(tx *sql.Tx, name string) (string, error) {
	cand := name
	for i := 2; ; i++ {
		var n int
		if err := tx.QueryRow(`SELECT count(*) FROM seats WHERE name=?`, cand).Scan(&n); err != nil {
			return "", err
		}
		if n == 0 {
			return cand, nil
		}
		cand = fmt.Sprintf("%s (%d)", name, i)
	}
}

func stepCol(lab, step string) string { return lab + "/" + step }

func quizCol(chapter string) string { return "quiz:" + chapter }

// Seat is one student's seat as the store keeps it.
type Seat struct {
	ID      int64
	Token   string
	Name    string
	Seq     uint64
	Revoked bool
}

func (s *Store) seatByToken(q interface {
	QueryRow(string, ...any) *sql.Row
}, token string) (*Seat, error) {
	var st Seat
	var rev int
	err := q.QueryRow(`SELECT id, token, name, seq, revoked FROM seats WHERE token=?`, token).Scan(&st.ID, &st.Token, &st.Name, &st.Seq, &rev)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	st.Revoked = rev != 0
	return &st, err
}

// Revoke removes a student from the class: their token is refused from now on.
func (s *Store) Revoke(seatID int64) error {
	return s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE seats SET revoked=1, name=name||' ['||id||']' WHERE id=? AND revoked=0`, seatID)
		return err
	})
}

// AckHand marks a student's raised hand as seen by the instructor.
func (s *Store) AckHand(seatID int64) error {
	return s.tx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE seats SET hand_acked=1 WHERE id=? AND hand=1`, seatID)
		return err
	})
}

// Labs returns the workshop's lab ids.
func (s *Store) Labs() ([]string, error) {
	v, err := s.Meta(MetaLabs)
	if err != nil || v == "" {
		return nil, err
	}
	return strings.Split(v, ","), nil
}

// Locks returns the labs whose solutions are locked.
func (s *Store) Locks() ([]string, error) {
	v, err := s.Meta(MetaLocks)
	if err != nil || v == "" {
		return nil, err
	}
	var out []string
	return out, json.Unmarshal([]byte(v), &out)
}

// State returns the class state sent to students (without the per-seat fields).
func (s *Store) State() (workshop.State, error) {
	var st workshop.State
	var err error
	if st.Event, err = s.Meta(MetaName); err != nil {
		return st, err
	}
	if st.Banner, err = s.Meta(MetaBanner); err != nil {
		return st, err
	}
	if st.LockedSolutions, err = s.Locks(); err != nil {
		return st, err
	}
	for key, dst := range map[string]*time.Time{MetaCountdown: &st.Countdown, MetaLookUp: &st.LookUp} {
		v, err := s.Meta(key)
		if err != nil {
			return st, err
		}
		if v != "" {
			*dst, _ = time.Parse(time.RFC3339Nano, v)
		}
	}
	return st, nil
}

// SetBanner sets (or, empty, clears) the banner students see.
func (s *Store) SetBanner(text string) error { return s.SetMeta(MetaBanner, text) }

// ToggleLock locks a lab's solutions when unlocked, unlocks them when locked, and reports
// whether they are now locked.
func (s *Store) ToggleLock(lab string) (bool, error) {
	locks, err := s.Locks()
	if err != nil {
		return false, err
	}
	out, locked := []string{}, true
	for _, l := range locks {
		if l == lab {
			locked = false
			continue
		}
		out = append(out, l)
	}
	if locked {
		out = append(out, lab)
	}
	data, _ := json.Marshal(out)
	return locked, s.SetMeta(MetaLocks, string(data))
}

// SetCountdown sets when the current lab's countdown ends (zero clears it).
func (s *Store) SetCountdown(end time.Time) error { return s.setTime(MetaCountdown, end) }

// LookUp asks the students to look at the screen until the given time.
func (s *Store) LookUp(until time.Time) error { return s.setTime(MetaLookUp, until) }

func (s *Store) setTime(key string, t time.Time) error {
	if t.IsZero() {
		return s.SetMeta(key, "")
	}
	return s.SetMeta(key, t.UTC().Format(time.RFC3339Nano))
}
