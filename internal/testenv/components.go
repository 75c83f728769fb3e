package testenv

import (
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
)

// startEtcd starts etcd with its data in the control-plane node's /var/lib/etcd, serving
// clients over TLS with client certificates, as kubeadm sets it up.
func (e *Env) startEtcd(ctx context.Context) error {
	ports, err := freePorts(3)
	if err != nil {
		return err
	}
	client := fmt.Sprintf("https://127.0.0.1:%d", ports[0])
	e.etcdMetricsAddr = fmt.Sprintf("127.0.0.1:%d", ports[2])
	peer := fmt.Sprintf("http://127.0.0.1:%d", ports[1])
	cp := e.Options.ControlPlaneNode()
	e.EtcdEndpoint = client
	if err := e.run(compEtcd, []string{
		"--name=" + cp,
		"--data-dir=" + e.nodePath(cp, "/var/lib/etcd"),
		"--listen-client-urls=" + client, "--advertise-client-urls=" + client,
		"--listen-peer-urls=" + peer, "--initial-advertise-peer-urls=" + peer,
		"--initial-cluster=" + cp + "=" + peer,
		"--cert-file=" + e.pki.path(etcdServerCert), "--key-file=" + e.pki.path(etcdServerKey),
		"--trusted-ca-file=" + e.pki.path(etcdCACert), "--client-cert-auth=true",
		"--listen-metrics-urls=http://" + e.etcdMetricsAddr,
		"--unsafe-no-fsync=true", "--snapshot-count=10000", "--log-level=warn",
	}); err != nil {
		return err
	}
	addr := strings.TrimPrefix(client, "https://")
	return e.wait(ctx, "etcd to listen on "+addr, func(ctx context.Context) (bool, error) {
		c, err := (&net.Dialer{Timeout: time.Second}).DialContext(ctx, "tcp", addr)
		if err != nil {
			return false, nil
		}
		_ = c.Close()
		return true, nil
	})
}

// startAPIServer starts kube-apiserver on a free loopback port, writes the kubeconfigs and
// waits for /readyz.
func (e *Env) startAPIServer(ctx context.Context) error {
	ports, err := freePorts(1)
	if err != nil {
		return err
	}
	server := fmt.Sprintf("https://127.0.0.1:%d", ports[0])
	tol := fmt.Sprint(max(e.Options.TolerationSeconds, 0))
	args := []string{
		"--bind-address=127.0.0.1", "--advertise-address=127.0.0.1",
		// 1.37 refuses a loopback address in the kubernetes Service endpoints.
		"--endpoint-reconciler-type=none",
		fmt.Sprintf("--secure-port=%d", ports[0]),
		"--cert-dir=" + filepath.Join(e.Dir, "apiserver"),
		"--tls-cert-file=" + e.pki.path(apiserverCert), "--tls-private-key-file=" + e.pki.path(apiserverKey),
		"--client-ca-file=" + e.pki.path(caCert),
		"--etcd-servers=" + e.EtcdEndpoint, "--etcd-cafile=" + e.pki.path(etcdCACert),
		"--etcd-certfile=" + e.pki.path(apiserverEtcdCert), "--etcd-keyfile=" + e.pki.path(apiserverEtcdKey),
		"--authorization-mode=Node,RBAC",
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file=" + e.pki.path(saPub),
		"--service-account-signing-key-file=" + e.pki.path(saKey),
		"--service-cluster-ip-range=10.96.0.0/16",
		"--allow-privileged=true",
		"--default-not-ready-toleration-seconds=" + tol,
		"--default-unreachable-toleration-seconds=" + tol,
	}
	if err := e.run(compAPIServer, append(args, e.Options.ExtraAPIServerArgs...)); err != nil {
		return err
	}
	if err := e.writeKubeconfigs(server); err != nil {
		return err
	}
	cfg := &rest.Config{
		Host: server,
		TLSClientConfig: rest.TLSClientConfig{
			CAFile: e.pki.path(caCert), CertFile: e.pki.path(adminCert), KeyFile: e.pki.path(adminKey),
		},
		QPS: 100, Burst: 200,
	}
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		return err
	}
	e.Config, e.Client = cfg, client
	return e.wait(ctx, "kube-apiserver /readyz", func(ctx context.Context) (bool, error) {
		rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		_, err := client.Discovery().RESTClient().Get().AbsPath("/readyz").DoRaw(rctx)
		return err == nil, nil
	})
}

// startControllers starts kube-controller-manager, kube-scheduler and kwok.
func (e *Env) startControllers(context.Context) error {
	grace := e.Options.NodeMonitorGracePeriod
	period := max(grace/8, 500*time.Millisecond)
	kcm := []string{
		"--kubeconfig=" + e.kubeconfigPath("controller-manager"),
		"--secure-port=0", "--leader-elect=false",
		"--cluster-name=" + e.Options.ClusterName,
		"--use-service-account-credentials=true",
		"--service-account-private-key-file=" + e.pki.path(saKey),
		"--root-ca-file=" + e.pki.path(caCert),
		"--node-monitor-grace-period=" + grace.String(),
		"--node-monitor-period=" + period.String(),
	}
	if err := e.run(compKCM, append(kcm, e.Options.ExtraControllerManagerArgs...)); err != nil {
		return err
	}
	sched := []string{
		"--kubeconfig=" + e.kubeconfigPath("scheduler"),
		"--secure-port=0", "--leader-elect=false",
	}
	if err := e.run(compScheduler, append(sched, e.Options.ExtraSchedulerArgs...)); err != nil {
		return err
	}
	configs := make([]string, len(kwokStages))
	for i, s := range kwokStages {
		configs[i] = "--config=" + filepath.Join(e.BinDir, "stages", s)
	}
	lease := max(int(grace/time.Second), 1)
	return e.run(compKwok, append(configs,
		"--kubeconfig="+e.Kubeconfig,
		"--manage-all-nodes=false",
		"--manage-nodes-with-label-selector="+kubeletLabel+"="+kubeletRunning,
		fmt.Sprintf("--node-lease-duration-seconds=%d", lease),
		"--cidr=10.244.0.0/16",
		"--v=WARN", // INFO logs every lease renewal
	))
}

// kubeconfigPath is where the kubeconfig of a client (admin, controller-manager, scheduler)
// lives: /etc/kubernetes/NAME.conf on the control-plane node, as kubeadm puts them.
func (e *Env) kubeconfigPath(name string) string {
	return e.nodePath(e.Options.ControlPlaneNode(), "/etc/kubernetes/"+name+".conf")
}

// writeKubeconfigs writes the admin, controller-manager and scheduler kubeconfigs.
func (e *Env) writeKubeconfigs(server string) error {
	for _, k := range []struct{ name, cert, key string }{
		{"admin", adminCert, adminKey},
		{"controller-manager", kcmCert, kcmKey},
		{"scheduler", schedCert, schedKey},
	} {
		data := fmt.Sprintf(kubeconfigFormat, e.pki.path(caCert), server, e.Options.ClusterName,
			e.pki.path(k.cert), e.pki.path(k.key))
		if err := os.WriteFile(e.kubeconfigPath(k.name), []byte(data), 0o600); err != nil {
			return err
		}
	}
	e.Kubeconfig = e.kubeconfigPath("admin")
	return nil
}

// kubeconfigFormat takes the CA file, the server URL, the cluster name, the client
// certificate and key files.
const kubeconfigFormat = `apiVersion: v1
kind: Config
clusters:
- name: testenv
  cluster:
    certificate-authority: %s
    server: %s
contexts:
- name: kind-%s
  context: {cluster: testenv, user: testenv}
current-context: kind-%[3]s
users:
- name: testenv
  user:
    client-certificate: %s
    client-key: %s
`

// wait is WaitFor that also fails fast when a component has exited, and says what it
// waited for when time runs out.
func (e *Env) wait(ctx context.Context, what string, cond func(context.Context) (bool, error)) error {
	err := WaitFor(ctx, func(ctx context.Context) (bool, error) {
		if err := e.checkAlive(); err != nil {
			return false, err
		}
		return cond(ctx)
	})
	if err != nil && ctx.Err() != nil {
		return fmt.Errorf("waiting for %s: %w (%v)", what, errNotReady, err)
	}
	return err
}

// freePorts returns n distinct free TCP ports on loopback. Another process could take one
// before the component binds it; the component would then exit and Start report it.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// EtcdTLS names the files a client of the test etcd needs (EtcdEndpoint requires a client
// certificate). They live in the control-plane node's /etc/kubernetes/pki/etcd.
type EtcdTLS struct {
	CAFile, CertFile, KeyFile string
}

// EtcdClientTLS returns the CA and a client certificate of the test etcd (kubeadm's
// healthcheck-client pair).
func (e *Env) EtcdClientTLS() EtcdTLS {
	return EtcdTLS{
		CAFile:   e.pki.path(etcdCACert),
		CertFile: e.pki.path(etcdHealthCert),
		KeyFile:  e.pki.path(etcdHealthKey),
	}
}
