package checks

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
	corev1 "k8s.io/api/core/v1"
)

// realEtcd is an embedded etcd for the test, with its metrics served over HTTP.
type realEtcd struct {
	cli        *clientv3.Client
	dataDir    string
	metricsURL string
}

func freeURL(t *testing.T) url.URL {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return url.URL{Scheme: "http", Host: l.Addr().String()}
}

func startEtcd(t *testing.T) *realEtcd {
	t.Helper()
	cfg := embed.NewConfig()
	cfg.Dir = filepath.Join(t.TempDir(), "etcd")
	client, peer, metrics := freeURL(t), freeURL(t), freeURL(t)
	cfg.ListenClientUrls, cfg.AdvertiseClientUrls = []url.URL{client}, []url.URL{client}
	cfg.ListenPeerUrls, cfg.AdvertisePeerUrls = []url.URL{peer}, []url.URL{peer}
	cfg.ListenMetricsUrls = []url.URL{metrics}
	cfg.InitialCluster = cfg.Name + "=" + peer.String()
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(zap.NewNop())
	cfg.LogLevel = "error"
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.Close)
	select {
	case <-e.Server.ReadyNotify():
	case <-time.After(30 * time.Second):
		t.Fatal("etcd did not start")
	}
	cli, err := clientv3.New(clientv3.Config{Endpoints: []string{client.String()}, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return &realEtcd{cli: cli, dataDir: cfg.Dir, metricsURL: metrics.String() + "/metrics"}
}

// fill writes n keys under /registry/, deletes a few and one key elsewhere; it returns the
// number of live keys under /registry/.
func (e *realEtcd) fill(t *testing.T, n int) int {
	ctx := context.Background()
	for i := 0; i < n; i++ {
		if _, err := e.cli.Put(ctx, fmt.Sprintf("/registry/configmaps/default/cm-%03d", i), string(make([]byte, 2048))); err != nil {
			t.Fatal(err)
		}
	}
	for i := 0; i < 5; i++ {
		if _, err := e.cli.Delete(ctx, fmt.Sprintf("/registry/configmaps/default/cm-%03d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.cli.Put(ctx, "/other/key", "x"); err != nil {
		t.Fatal(err)
	}
	return n - 5
}

func (e *realEtcd) snapshot(t *testing.T) []byte {
	rc, err := e.cli.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func (e *realEtcd) revision(t *testing.T) int64 {
	resp, err := e.cli.Get(context.Background(), "/none")
	if err != nil {
		t.Fatal(err)
	}
	return resp.Header.Revision
}

const cpNode = "kubetutor-control-plane"

func etcdEnv(nodes *fakeNodes) *Env {
	env := fakeEnv(node(cpNode, corev1.ConditionTrue), node("kubetutor-worker", corev1.ConditionTrue))
	env.Nodes = nodes
	return env
}

func TestEtcdSnapshot(t *testing.T) {
	etcd := startEtcd(t)
	startRev := etcd.revision(t)
	live := etcd.fill(t, 60)
	snap := etcd.snapshot(t)
	rev := etcd.revision(t)

	info, err := InspectSnapshot(snap, "/registry/")
	if err != nil {
		t.Fatalf("a real snapshot is invalid: %v", err)
	}
	if info.Keys != live || info.Revision != rev {
		t.Errorf("InspectSnapshot = %+v, want %d keys at revision %d", info, live, rev)
	}

	corrupted := append([]byte{}, snap...)
	corrupted[len(corrupted)/2] ^= 0xff
	dbFile, err := os.ReadFile(filepath.Join(etcd.dataDir, "member", "snap", "db"))
	if err != nil {
		t.Fatal(err)
	}
	const path = "/var/lib/etcd/snapshot.db"
	params := `{"path": "` + path + `", "minKeys": 10}`
	tests := []struct {
		name   string
		file   []byte
		start  int64
		status Status
		text   []string
	}{
		{"valid", snap, startRev, Passed, []string{fmt.Sprintf("%d clés sous /registry/", live), "révision " + strconv.FormatInt(rev, 10)}},
		{"missing", nil, startRev, Pending, []string{"pas encore de fichier"}},
		{"truncated", snap[:len(snap)-100], startRev, Failed, []string{"size % 512"}},
		{"corrupted", corrupted, startRev, Failed, []string{"sha256"}},
		{"a copy of the data file is not a snapshot", dbFile, startRev, Failed, []string{"n’est pas un snapshot"}},
		{"taken before the lab", snap, rev + 1, Failed, []string{"avant le début du TP"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			nodes := &fakeNodes{files: map[string][]byte{}}
			if tt.file != nil {
				nodes.files[cpNode+":"+path] = tt.file
			}
			env := etcdEnv(nodes)
			env.StartRevision = tt.start
			expect(t, run(t, env, "etcd-snapshot", params), tt.status, tt.text...)
		})
	}
	t.Run("too few keys", func(t *testing.T) {
		env := etcdEnv(&fakeNodes{files: map[string][]byte{cpNode + ":" + path: snap}})
		expect(t, run(t, env, "etcd-snapshot", `{"path": "`+path+`", "minKeys": 1000}`), Failed, "il en faut 1000")
	})
	t.Run("file time when the revision is unknown", func(t *testing.T) {
		mtime := testNow.Add(-time.Minute)
		nodes := &fakeNodes{files: map[string][]byte{cpNode + ":" + path: snap}, exec: func(node string, argv []string) ([]byte, error) {
			return []byte(strconv.FormatInt(mtime.Unix(), 10) + "\n"), nil
		}}
		env := etcdEnv(nodes)
		env.LabStarted = testNow.Add(-10 * time.Minute)
		expect(t, run(t, env, "etcd-snapshot", `{"path": "`+path+`"}`), Passed)
		env.LabStarted = testNow
		expect(t, run(t, env, "etcd-snapshot", `{"path": "`+path+`"}`), Failed)
	})
	t.Run("no node access is an error", func(t *testing.T) {
		p, _ := Decode("etcd-snapshot", []byte(params))
		c, _ := Lookup("etcd-snapshot")
		if _, err := c.Run(context.Background(), fakeEnv(), p); err == nil {
			t.Error("no error without node access")
		}
	})
}

func TestEtcdDefrag(t *testing.T) {
	etcd := startEtcd(t)
	etcd.fill(t, 200)
	ctx := context.Background()
	if _, err := etcd.cli.Delete(ctx, "/registry/", clientv3.WithPrefix()); err != nil {
		t.Fatal(err)
	}
	if _, err := etcd.cli.Compact(ctx, etcd.revision(t), clientv3.WithCompactPhysical()); err != nil {
		t.Fatal(err)
	}
	var asked []string
	nodes := &fakeNodes{exec: func(node string, argv []string) ([]byte, error) {
		asked = argv
		if node != cpNode || argv[0] != "curl" {
			return nil, fmt.Errorf("unexpected %s %v", node, argv)
		}
		resp, err := http.Get(argv[len(argv)-1])
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		return io.ReadAll(resp.Body)
	}}
	env := etcdEnv(nodes)
	params := `{"metricsURL": "` + etcd.metricsURL + `"}`
	expect(t, run(t, env, "etcd-defrag", params), Pending, "pas encore été défragmenté", "Kio") // evidence holds sizes (French units)
	if asked[len(asked)-1] != etcd.metricsURL {
		t.Errorf("curl asked %v", asked)
	}
	before, _ := etcd.cli.Status(ctx, etcd.cli.Endpoints()[0])
	if _, err := etcd.cli.Defragment(ctx, etcd.cli.Endpoints()[0]); err != nil {
		t.Fatal(err)
	}
	after, _ := etcd.cli.Status(ctx, etcd.cli.Endpoints()[0])
	t.Logf("db size %d → %d bytes", before.DbSize, after.DbSize)
	expect(t, run(t, env, "etcd-defrag", params), Passed, "1 fois")
}
