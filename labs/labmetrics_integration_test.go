package labs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kubetutor/assets"
)

// TestIntegrationLabMetrics runs the metrics lab's install step with the shipped manifest
// and the apiservice step while the APIService is not Available: kwok runs the
// metrics-server pod but nothing listens at its IP, so the aggregator reports why
// (FailedDiscoveryCheck, MissingEndpoints…) and the check shows that reason. Available,
// node metrics and « kubectl top » need metrics-server scraping real kubelets: kind
// end-to-end only. « kubetutor lab file metrics metrics-server.yaml | » becomes
// « cat FILE | » with the same bytes (TestLabFile proves the command prints them).
func TestIntegrationLabMetrics(t *testing.T) {
	r := startLab(t, "metrics")
	manifest, err := assets.FS.ReadFile("labs/metrics/metrics-server.yaml")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "metrics-server.yaml")
	if err := os.WriteFile(file, manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = r.env.Kubectl(r.ctx, "delete", "-f", file, "--ignore-not-found", "--wait=false") })
	const labFile = "kubetutor lab file metrics metrics-server.yaml |"

	r.notPassed("install", pending)
	r.notPassed("apiservice", pending)
	// Near miss: the upstream manifest, without --kubelet-insecure-tls.
	upstream := strings.Replace(string(manifest), "            - --kubelet-insecure-tls\n", "", 1)
	if upstream == string(manifest) {
		t.Fatal("the manifest has no « - --kubelet-insecure-tls » line to remove")
	}
	upstreamFile := filepath.Join(t.TempDir(), "upstream.yaml")
	if err := os.WriteFile(upstreamFile, []byte(upstream), 0o644); err != nil {
		t.Fatal(err)
	}
	r.do("kubectl apply -f " + upstreamFile)
	r.notPassed("install", failed, "aucun conteneur ne reçoit l’argument --kubelet-insecure-tls")
	for _, line := range r.step("install").Solution {
		r.do(strings.Replace(line, labFile, "cat '"+file+"' |", 1))
	}
	r.passes("install")

	// apiservice: exists, not Available, with the aggregator's reason.
	r.notPassed("apiservice", nil, "v1beta1.metrics.k8s.io")
	ev := r.runner.Evaluate(r.ctx, r.step("apiservice"))
	if text := reason(ev); !strings.Contains(text, "FailedDiscoveryCheck") && !strings.Contains(text, "MissingEndpoints") &&
		!strings.Contains(text, "ServiceNotFound") && !strings.Contains(text, "EndpointsNotFound") {
		t.Errorf("apiservice: %q shows no aggregator reason", text)
	}
	r.notPassed("top", pending)
	t.Log("apiservice Available, node-metrics, top: kind end-to-end only (metrics-server scraping real kubelets)")
}
