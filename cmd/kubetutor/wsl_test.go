package main

import (
	"bytes"
	"strings"
	"testing"

	"kubetutor/i18n"
)

func TestWSLNotice(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want []string
	}{
		{"French by default", nil, nil, []string{"ne fonctionne pas directement sous Windows", "wsl --install -d Debian", "sha256sum -c"}},
		{"--lang en", []string{"lab", "--lang", "en"}, nil, []string{"does not run on Windows itself", "WSL integration"}},
		{"--lang=en", []string{"--lang=en"}, nil, []string{"the Windows Subsystem for Linux"}},
		{"LANG", []string{"read"}, map[string]string{"LANG": "en_US.UTF-8"}, []string{"In the Debian terminal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range []string{"KUBETUTOR_LANG", "LC_ALL", "LC_MESSAGES", "LANG"} {
				t.Setenv(k, tt.env[k])
			}
			var out bytes.Buffer
			if code := wslNotice(tt.args, &out); code != i18n.ExitFailure {
				t.Errorf("exit %d, want %d", code, i18n.ExitFailure)
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("notice lacks %q:\n%s", w, out.String())
				}
			}
		})
	}
}

func TestLinuxArch(t *testing.T) {
	for goarch, want := range map[string]string{"amd64": "amd64", "arm64": "arm64", "386": "amd64"} {
		if got := linuxArch(goarch); got != want {
			t.Errorf("linuxArch(%s) = %s, want %s", goarch, got, want)
		}
	}
}
