package testenv

import (
	"crypto/tls"
	"crypto/x509"
	"os"
	"slices"
	"testing"
	"time"
)

func TestOptionsDefaults(t *testing.T) {
	tests := []struct {
		name    string
		opts    Options
		cp      string
		workers []string
	}{
		{"zero value", Options{}, "kubetutor-control-plane", []string{"kubetutor-worker", "kubetutor-worker2"}},
		{"three workers", Options{ClusterName: "lab", Workers: 3}, "lab-control-plane",
			[]string{"lab-worker", "lab-worker2", "lab-worker3"}},
		{"no worker", Options{Workers: -1}, "kubetutor-control-plane", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.opts.ControlPlaneNode(); got != tt.cp {
				t.Errorf("ControlPlaneNode() = %q, want %q", got, tt.cp)
			}
			if got := tt.opts.WorkerNodes(); !slices.Equal(got, tt.workers) {
				t.Errorf("WorkerNodes() = %q, want %q", got, tt.workers)
			}
		})
	}
	d := Options{}.withDefaults()
	if d.NodeMonitorGracePeriod != 8*time.Second || d.TolerationSeconds != 5 {
		t.Errorf("defaults = %+v", d)
	}
}

func TestMapArg(t *testing.T) {
	const root, etcd = "/t/nodes/cp", "127.0.0.1:40123"
	tests := []struct{ in, want string }{
		{"snapshot", "snapshot"},
		{"/var/lib/etcd/snap.db", "/t/nodes/cp/var/lib/etcd/snap.db"},
		{"--cacert=/etc/kubernetes/pki/etcd/ca.crt", "--cacert=/t/nodes/cp/etc/kubernetes/pki/etcd/ca.crt"},
		{"--endpoints=https://127.0.0.1:2379", "--endpoints=https://127.0.0.1:40123"},
		{"https://localhost:2379", "https://127.0.0.1:40123"},
		{"--write-out=json", "--write-out=json"},
		{"relative/path", "relative/path"},
	}
	for _, tt := range tests {
		if got := mapArg(root, tt.in, etcd); got != tt.want {
			t.Errorf("mapArg(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHasFlag(t *testing.T) {
	args := []string{"--cacert=/x", "--key", "/y", "snapshot", "save", "-w", "json"}
	for flag, want := range map[string]bool{"cacert": true, "key": true, "cert": false, "endpoints": false, "w": true} {
		if got := hasFlag(args, flag); got != want {
			t.Errorf("hasFlag(%q) = %v, want %v", flag, got, want)
		}
	}
}

func TestModuleVersion(t *testing.T) {
	gomod := []byte("module x\n\nrequire go.etcd.io/etcd/server/v3 v3.7.3\n\nrequire (\n\tk8s.io/kubernetes v1.37.2 // indirect\n)\n")
	if got := moduleVersion(gomod, "k8s.io/kubernetes"); got != "v1.37.2" {
		t.Errorf("kubernetes = %q", got)
	}
	if got := moduleVersion(gomod, "go.etcd.io/etcd/server/v3"); got != "v3.7.3" {
		t.Errorf("etcd = %q", got)
	}
}

func TestPKI(t *testing.T) {
	p := pki{dir: t.TempDir()}
	if err := p.generate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ca, cert, key string
		usage         x509.ExtKeyUsage
		host          string
	}{
		{caCert, apiserverCert, apiserverKey, x509.ExtKeyUsageServerAuth, "127.0.0.1"},
		{caCert, adminCert, adminKey, x509.ExtKeyUsageClientAuth, ""},
		{etcdCACert, etcdServerCert, etcdServerKey, x509.ExtKeyUsageServerAuth, "localhost"},
		{etcdCACert, apiserverEtcdCert, apiserverEtcdKey, x509.ExtKeyUsageClientAuth, ""},
	} {
		pair, err := tls.LoadX509KeyPair(p.path(c.cert), p.path(c.key))
		if err != nil {
			t.Fatalf("%s: %v", c.cert, err)
		}
		caPEM, err := os.ReadFile(p.path(c.ca))
		if err != nil {
			t.Fatal(err)
		}
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(caPEM)
		leaf, _ := x509.ParseCertificate(pair.Certificate[0])
		_, err = leaf.Verify(x509.VerifyOptions{Roots: roots, DNSName: c.host, KeyUsages: []x509.ExtKeyUsage{c.usage}})
		if err != nil {
			t.Errorf("%s does not verify against %s: %v", c.cert, c.ca, err)
		}
	}
}
