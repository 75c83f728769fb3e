package app

import (
	"strings"
	"testing"

	"kubetutor/assets"
)

func TestLabFile(t *testing.T) {
	want, err := assets.FS.ReadFile("labs/metrics/metrics-server.yaml")
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, t.TempDir(), "", "lab", "file", "metrics", "metrics-server.yaml")
	if code != 0 || out != string(want) {
		t.Errorf("exit %d, stderr %q; stdout is not the shipped manifest (%d bytes, want %d)", code, errOut, len(out), len(want))
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"metrics"}, 2, "takes a lab and a file"},
		{"too many", []string{"metrics", "a", "b"}, 2, "takes a lab and a file"},
		{"unknown lab", []string{"nope", "x.yaml"}, 2, `unknown lab “nope”`},
		{"unknown file", []string{"metrics", "nope.yaml"}, 1, "lab metrics has no file nope.yaml"},
		{"lab.yaml is not a lab file", []string{"metrics", "lab.yaml"}, 1, "lab metrics has no file lab.yaml"},
		{"no way out of the lab", []string{"metrics", "../etcd/setup.yaml"}, 1, "has no file ../etcd/setup.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, t.TempDir(), "", append([]string{"lab", "file"}, append(tt.args, "--lang", "en")...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d and %q", code, out, errOut, tt.code, tt.want)
			}
		})
	}
}
