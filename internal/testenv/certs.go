package testenv

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"time"
)

// pki lays out certificates as kubeadm does under /etc/kubernetes/pki, so lab commands
// written for a kind node find them at the same relative paths.
type pki struct{ dir string }

// Paths of the files pki writes, relative to its dir.
const (
	caCert            = "ca.crt"
	apiserverCert     = "apiserver.crt"
	apiserverKey      = "apiserver.key"
	saPub             = "sa.pub"
	saKey             = "sa.key"
	adminCert         = "admin.crt"
	adminKey          = "admin.key"
	kcmCert           = "controller-manager.crt"
	kcmKey            = "controller-manager.key"
	schedCert         = "scheduler.crt"
	schedKey          = "scheduler.key"
	etcdCACert        = "etcd/ca.crt"
	etcdServerCert    = "etcd/server.crt"
	etcdServerKey     = "etcd/server.key"
	etcdHealthCert    = "etcd/healthcheck-client.crt"
	etcdHealthKey     = "etcd/healthcheck-client.key"
	apiserverEtcdCert = "apiserver-etcd-client.crt"
	apiserverEtcdKey  = "apiserver-etcd-client.key"
)

// path returns the absolute path of one of pki's files.
func (p pki) path(name string) string { return filepath.Join(p.dir, name) }

// authority is a CA able to sign leaf certificates.
type authority struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

// generate writes every key and certificate the control plane needs. Keys are ECDSA P-256,
// fast to make; certificates last a day.
func (p pki) generate() error {
	if err := os.MkdirAll(p.path("etcd"), 0o700); err != nil {
		return err
	}
	ca, err := p.newCA("kubernetes", caCert)
	if err != nil {
		return err
	}
	etcdCA, err := p.newCA("etcd-ca", etcdCACert)
	if err != nil {
		return err
	}
	loopback := []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback}
	leaves := []struct {
		ca        authority
		cn        string
		orgs      []string
		server    bool
		dns       []string
		ips       []net.IP
		cert, key string
	}{
		{ca, "kube-apiserver", nil, true, []string{"localhost", "kubernetes", "kubernetes.default",
			"kubernetes.default.svc", "kubernetes.default.svc.cluster.local"},
			append(loopback, net.IPv4(10, 96, 0, 1)), apiserverCert, apiserverKey},
		{ca, "kubernetes-admin", []string{"system:masters"}, false, nil, nil, adminCert, adminKey},
		{ca, "system:kube-controller-manager", nil, false, nil, nil, kcmCert, kcmKey},
		{ca, "system:kube-scheduler", nil, false, nil, nil, schedCert, schedKey},
		{etcdCA, "etcd-server", nil, true, []string{"localhost"}, loopback, etcdServerCert, etcdServerKey},
		{etcdCA, "kube-etcd-healthcheck-client", nil, false, nil, nil, etcdHealthCert, etcdHealthKey},
		{etcdCA, "kube-apiserver-etcd-client", nil, false, nil, nil, apiserverEtcdCert, apiserverEtcdKey},
	}
	for _, l := range leaves {
		tmpl := certTemplate(l.cn, l.orgs)
		tmpl.KeyUsage = x509.KeyUsageDigitalSignature
		tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		if l.server {
			tmpl.ExtKeyUsage = append(tmpl.ExtKeyUsage, x509.ExtKeyUsageServerAuth)
			tmpl.DNSNames, tmpl.IPAddresses = l.dns, l.ips
		}
		if err := p.sign(l.ca, tmpl, l.cert, l.key); err != nil {
			return err
		}
	}
	return p.serviceAccountKeys()
}

// newCA makes a self-signed CA and writes its certificate (its key stays in memory).
func (p pki) newCA(cn, certFile string) (authority, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return authority{}, err
	}
	tmpl := certTemplate(cn, nil)
	tmpl.IsCA, tmpl.BasicConstraintsValid = true, true
	tmpl.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return authority{}, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return authority{}, err
	}
	return authority{cert, key}, writePEM(p.path(certFile), "CERTIFICATE", der)
}

// sign makes a key, signs tmpl with ca and writes both.
func (p pki) sign(ca authority, tmpl *x509.Certificate, certFile, keyFile string) error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, &key.PublicKey, ca.key)
	if err != nil {
		return fmt.Errorf("sign %s: %w", certFile, err)
	}
	if err := writePEM(p.path(certFile), "CERTIFICATE", der); err != nil {
		return err
	}
	return writeKey(p.path(keyFile), key)
}

// serviceAccountKeys writes the key pair that signs service account tokens.
func (p pki) serviceAccountKeys() error {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		return err
	}
	if err := writePEM(p.path(saPub), "PUBLIC KEY", pub); err != nil {
		return err
	}
	return writeKey(p.path(saKey), key)
}

// certTemplate is a certificate valid from a minute ago for a day.
func certTemplate(cn string, orgs []string) *x509.Certificate {
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	now := time.Now()
	return &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: cn, Organization: orgs},
		NotBefore:    now.Add(-time.Minute),
		NotAfter:     now.Add(24 * time.Hour),
	}
}

// writeKey writes key as a PKCS#8 PEM file readable by its owner only.
func writeKey(path string, key *ecdsa.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	return writePEM(path, "PRIVATE KEY", der)
}

// writePEM writes one PEM block.
func writePEM(path, kind string, der []byte) error {
	return os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600)
}
