package checks

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
	"go.etcd.io/etcd/api/v3/mvccpb"
	"google.golang.org/protobuf/proto"

	"kubetutor/i18n"
	"kubetutor/labs/shell"
)

// EtcdSnapshotParams locates an etcd snapshot file on a node and says what it must hold.
type EtcdSnapshotParams struct {
	// Node holding the file; default: the first control-plane node.
	Node string `json:"node,omitempty"`
	// Path of the file; DatePlaceholder in it stands for today's date as « date +%F »
	// writes it (etcd-{date}.db is etcd-2026-11-27.db), in UTC as on a kind node or in
	// local time.
	Path string `json:"path"`
	// Prefix and MinKeys: the snapshot must hold at least MinKeys live keys under Prefix
	// (default /registry/ and 1).
	Prefix  string `json:"prefix,omitempty"`
	MinKeys int    `json:"minKeys,omitempty"`
	// AnyTime accepts a snapshot taken before the lab started.
	AnyTime bool `json:"anyTime,omitempty"`
}

// Validate checks the path and fills defaults.
func (p *EtcdSnapshotParams) Validate() error {
	if !strings.HasPrefix(p.Path, "/") {
		return fmt.Errorf("path must be absolute")
	}
	if p.Prefix == "" {
		p.Prefix = "/registry/"
	}
	if p.MinKeys == 0 {
		p.MinKeys = 1
	}
	return nil
}

// The snapshot file is not watchable; a command in the lab shell triggers a re-check.
func etcdSnapshotDeps(*EtcdSnapshotParams) []Dependency { return []Dependency{{ShellHistory: true}} }

// DatePlaceholder in a snapshot path stands for today's date (YYYY-MM-DD).
const DatePlaceholder = "{date}"

// paths returns the file names p.Path stands for at now.
func (p *EtcdSnapshotParams) paths(now time.Time) []string {
	if !strings.Contains(p.Path, DatePlaceholder) {
		return []string{p.Path}
	}
	utc := strings.ReplaceAll(p.Path, DatePlaceholder, now.UTC().Format(time.DateOnly))
	local := strings.ReplaceAll(p.Path, DatePlaceholder, now.Local().Format(time.DateOnly))
	if local == utc {
		return []string{utc}
	}
	return []string{utc, local}
}

// SnapshotInfo is what Inspect learns from a snapshot file.
type SnapshotInfo struct {
	Size     int64
	Revision int64
	Keys     int // live keys under the prefix
}

// errSnapshotShape and errSnapshotHash mark files that are not valid snapshots.
var (
	errSnapshotShape = errors.New("no sha256 trailer (size % 512 != 32)")
	errSnapshotHash  = errors.New("sha256 trailer does not match the content")
)

func runEtcdSnapshot(ctx context.Context, env *Env, p *EtcdSnapshotParams) (Result, error) {
	if env.Nodes == nil {
		return Result{}, errNoNodeAccess
	}
	node, err := controlPlaneNode(ctx, env, p.Node)
	if err != nil {
		return Result{}, err
	}
	var data []byte
	candidates := p.paths(env.now())
	path := candidates[0]
	for _, c := range candidates {
		data, err = env.Nodes.ReadFile(ctx, node, c)
		if !isNotExist(err) {
			path = c
			break
		}
	}
	if isNotExist(err) {
		if line := etcdctlWithoutCACert(env); line != "" {
			return Fail(i18n.M("checks.etcd.snapshot.nocacert", "Line", shownLine(line))), nil
		}
		return Wait(i18n.M("checks.etcd.snapshot.missing", "Path", path, "Node", node)), nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("read %s on %s: %w", path, node, err)
	}
	info, err := InspectSnapshot(data, p.Prefix)
	if err != nil {
		return Fail(i18n.M("checks.etcd.snapshot.invalid", "Path", path),
			i18n.M("checks.evidence.raw", "Text", err.Error())), nil
	}
	evidence := i18n.M("checks.etcd.snapshot.info", "Revision", info.Revision, "Keys", info.Keys, "Prefix", p.Prefix, "Size", i18n.Bytes(info.Size))
	if info.Keys < p.MinKeys {
		return Fail(i18n.M("checks.etcd.snapshot.fewkeys", "Keys", info.Keys, "Want", p.MinKeys), evidence), nil
	}
	if !p.AnyTime {
		old, err := takenBeforeLab(ctx, env, node, path, info)
		if err != nil {
			return Result{}, err
		}
		if old {
			return Fail(i18n.M("checks.etcd.snapshot.old"), evidence), nil
		}
	}
	return Pass(i18n.M("checks.etcd.snapshot.ok", "Path", path), evidence), nil
}

// takenBeforeLab compares the snapshot's revision with the cluster's when the lab
// started, or, when that is unknown, the file's time with the lab's start.
func takenBeforeLab(ctx context.Context, env *Env, node, path string, info *SnapshotInfo) (bool, error) {
	if env.StartRevision > 0 {
		return info.Revision < env.StartRevision, nil
	}
	if env.LabStarted.IsZero() {
		return false, nil
	}
	out, err := env.Nodes.Exec(ctx, node, "stat", "-c", "%Y", path)
	if err != nil {
		return false, fmt.Errorf("stat %s on %s: %w", path, node, err)
	}
	secs, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
	if err != nil {
		return false, fmt.Errorf("stat %s: %q", path, out)
	}
	return time.Unix(secs, 0).Before(env.LabStarted.Truncate(time.Second)), nil
}

// InspectSnapshot verifies a snapshot file made by « etcdctl snapshot save » (its sha256
// trailer, then the bbolt database read-only) and counts the live keys under prefix.
func InspectSnapshot(data []byte, prefix string) (*SnapshotInfo, error) {
	n := len(data)
	if n < sha256.Size || n%512 != sha256.Size {
		return nil, errSnapshotShape
	}
	sum := sha256.Sum256(data[:n-sha256.Size])
	if !bytes.Equal(sum[:], data[n-sha256.Size:]) {
		return nil, errSnapshotHash
	}
	f, err := os.CreateTemp("", "kubetutor-snapshot-*.db")
	if err != nil {
		return nil, err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data[:n-sha256.Size]); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	db, err := bolt.Open(f.Name(), 0o400, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return nil, fmt.Errorf("bbolt: %w", err)
	}
	defer db.Close()
	info := &SnapshotInfo{Size: int64(n)}
	err = db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("key"))
		if b == nil {
			return errors.New("no key bucket: not an etcd database")
		}
		live := map[string]bool{}
		err := b.ForEach(func(k, v []byte) error {
			if len(k) < 17 {
				return fmt.Errorf("bad revision key %x", k)
			}
			info.Revision = max(info.Revision, int64(binary.BigEndian.Uint64(k[:8])))
			var kv mvccpb.KeyValue
			if err := proto.Unmarshal(v, &kv); err != nil {
				return fmt.Errorf("key at revision %d: %w", binary.BigEndian.Uint64(k[:8]), err)
			}
			tombstone := len(k) == 18 && k[17] == 't'
			live[string(kv.Key)] = !tombstone
			return nil
		})
		if err != nil {
			return err
		}
		for k, alive := range live {
			if alive && strings.HasPrefix(k, prefix) {
				info.Keys++
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return info, nil
}

func isNotExist(err error) bool {
	return err != nil && (errors.Is(err, fs.ErrNotExist) || strings.Contains(err.Error(), "No such file"))
}

// etcdctlWithoutCACert returns the line of the last etcdctl command of the lab shell that
// failed without --cacert (etcd then refuses the TLS handshake: « certificate signed by
// unknown authority »), or "" when there is none or no history.
func etcdctlWithoutCACert(env *Env) string {
	if env.ShellHistory == "" {
		return ""
	}
	recs, err := shell.Read(env.ShellHistory, env.LabStarted)
	if err != nil {
		return ""
	}
	for i := len(recs) - 1; i >= 0; i-- {
		r := recs[i]
		for _, argv := range r.Commands() {
			if !slices.Contains(argv, "etcdctl") {
				continue
			}
			if r.Exit == 0 {
				return ""
			}
			if !hasCACert(argv) && !strings.Contains(r.Line, "ETCDCTL_CACERT") {
				return r.Line
			}
		}
	}
	return ""
}

func hasCACert(argv []string) bool {
	for _, a := range argv {
		if a == "--cacert" || strings.HasPrefix(a, "--cacert=") {
			return true
		}
	}
	return false
}
