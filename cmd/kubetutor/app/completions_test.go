package app

import (
	"strings"
	"testing"
)

// The shell completes chapter ids, section ids and numbers, lab ids, step ids and lab
// files (cobra's __complete is what the generated scripts call).
func TestShellCompletion(t *testing.T) {
	for _, tt := range []struct {
		args       []string
		want, lose []string
	}{
		{[]string{"read", ""}, []string{"00\tArchitecture de Kubernetes"}, nil},
		{[]string{"quiz", ""}, []string{"00\t"}, nil},
		{[]string{"read", "00", "--section", ""}, []string{"00-02-02-etcd\t", "2.2\t"}, nil},
		{[]string{"quiz", "00", "--section", ""}, []string{"00-02-02-etcd\t"}, nil},
		{[]string{"progress", "reset", "--chapter", ""}, []string{"00\t"}, nil},
		{[]string{"lab", "open", ""}, []string{"nodes-ready\t", "metrics\t"}, nil},
		{[]string{"lab", "check", ""}, []string{"inspect\t"}, nil},
		{[]string{"lab", "check", "inspect", "--step", ""}, []string{"componentstatuses", "readyz"}, []string{"all-ready"}},
		{[]string{"lab", "file", ""}, []string{"metrics\t"}, nil},
		{[]string{"lab", "file", "metrics", ""}, []string{"metrics-server.yaml"}, []string{"lab.yaml"}},
	} {
		code, out, errOut := run(t, append([]string{"__complete"}, tt.args...)...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", tt.args, code, errOut)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: completions lack %q:\n%s", tt.args, w, out)
			}
		}
		for _, l := range tt.lose {
			if strings.Contains(out, l) {
				t.Errorf("%v: completions offer %q:\n%s", tt.args, l, out)
			}
		}
		if !strings.Contains(out, ":4") { // no file names mixed in
			t.Errorf("%v: file completion not turned off:\n%s", tt.args, out)
		}
	}
}
