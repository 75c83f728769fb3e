package checks

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/i18n"
)

// EtcdDefragParams says where etcd serves its metrics, seen from a node (kubeadm's etcd
// listens on http://127.0.0.1:2381 on the control-plane node). The check passes once
// etcd has run a defragmentation since it started. For an https URL, CACert, Cert and Key
// are paths on the node of the client certificate curl presents.
type EtcdDefragParams struct {
	Node       string `json:"node,omitempty"`
	MetricsURL string `json:"metricsURL,omitempty"`
	CACert     string `json:"caCert,omitempty"`
	Cert       string `json:"cert,omitempty"`
	Key        string `json:"key,omitempty"`
}

// Validate fills the default URL.
func (p *EtcdDefragParams) Validate() error {
	if p.MetricsURL == "" {
		p.MetricsURL = "http://127.0.0.1:2381/metrics"
	}
	if !strings.HasPrefix(p.MetricsURL, "http://") && !strings.HasPrefix(p.MetricsURL, "https://") {
		return fmt.Errorf("metricsURL must be an http(s) URL")
	}
	return nil
}

func etcdDefragDeps(*EtcdDefragParams) []Dependency { return []Dependency{{ShellHistory: true}} }

// The etcd metrics the check reads.
const (
	metricDefragCount = "etcd_disk_backend_defrag_duration_seconds_count"
	metricDBSize      = "etcd_mvcc_db_total_size_in_bytes"
	metricDBInUse     = "etcd_mvcc_db_total_size_in_use_in_bytes"
)

func runEtcdDefrag(ctx context.Context, env *Env, p *EtcdDefragParams) (Result, error) {
	if env.Nodes == nil {
		return Result{}, errNoNodeAccess
	}
	node, err := controlPlaneNode(ctx, env, p.Node)
	if err != nil {
		return Result{}, err
	}
	argv := []string{"curl", "-fsS", "--max-time", "5"}
	for _, f := range [][2]string{{"--cacert", p.CACert}, {"--cert", p.Cert}, {"--key", p.Key}} {
		if f[1] != "" {
			argv = append(argv, f[0], f[1])
		}
	}
	out, err := env.Nodes.Exec(ctx, node, append(argv, p.MetricsURL)...)
	if err != nil {
		return Result{}, fmt.Errorf("etcd metrics on %s: %w", node, err)
	}
	m := parseMetrics(out)
	defrags, ok := m[metricDefragCount]
	if !ok {
		return Result{}, fmt.Errorf("etcd metrics on %s lack %s", node, metricDefragCount)
	}
	evidence := i18n.M("checks.etcd.defrag.size", "Size", i18n.Bytes(int64(m[metricDBSize])), "InUse", i18n.Bytes(int64(m[metricDBInUse])))
	if defrags >= 1 {
		return Pass(i18n.M("checks.etcd.defrag.done", "Count", int(defrags)), evidence), nil
	}
	return Wait(i18n.M("checks.etcd.defrag.none"), evidence), nil
}

// parseMetrics reads Prometheus text metrics without labels (or sums those with labels).
func parseMetrics(text []byte) map[string]float64 {
	m := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest := line, ""
		if i := strings.IndexAny(line, "{ "); i > 0 {
			name, rest = line[:i], line[i:]
		}
		if strings.HasPrefix(rest, "{") {
			if j := strings.LastIndexByte(rest, '}'); j >= 0 {
				rest = rest[j+1:]
			}
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			continue
		}
		if v, err := strconv.ParseFloat(fields[0], 64); err == nil {
			m[name] += v
		}
	}
	return m
}

// controlPlaneNode returns explicit, or the first node with the control-plane role.
func controlPlaneNode(ctx context.Context, env *Env, explicit string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	nodes, err := env.Kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{LabelSelector: roleLabelPrefix + RoleControlPlane})
	if err != nil {
		return "", fmt.Errorf("list control-plane nodes: %w", err)
	}
	for _, n := range nodes.Items {
		if _, ok := n.Labels[roleLabelPrefix+RoleControlPlane]; ok {
			return n.Name, nil
		}
	}
	return "", fmt.Errorf("no control-plane node found")
}
