package labs

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"testing"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"kubetutor/i18n"
)

// TestErrorDetail: a check that could not run because the cluster's API does not answer
// (its control-plane container stopped: client-go's « dial tcp …: connect: connection
// refused ») says so in the student's words and what to run, not Go's error; an API
// refusing while it starts says it resumes; anything else keeps its own text.
func TestErrorDetail(t *testing.T) {
	refused := fmt.Errorf("get NetworkPolicy prod/allow-web: %w", &url.Error{Op: "Get", URL: "https://127.0.0.1:35113/apis",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}})
	forbidden := apierrors.NewForbidden(schema.GroupResource{Group: "networking.k8s.io", Resource: "networkpolicies"}, "allow-web", errors.New("RBAC: not ready"))
	for _, tc := range []struct {
		name string
		err  error
		id   string
		fr   string
	}{
		{"refused", refused, "labs.error.unreachable", "l’API du cluster ne répond pas. Ses conteneurs ou Docker se sont arrêtés\u00a0? «\u00a0kubetutor cluster status\u00a0»"},
		{"no such host", &net.DNSError{Err: "no such host", Name: "kubetutor-control-plane"}, "labs.error.unreachable", "«\u00a0kubetutor cluster up\u00a0» le relance"},
		{"forbidden while starting", fmt.Errorf("get: %w", forbidden), "labs.error.starting", "la vérification reprend d’elle-même"},
		{"other", errors.New("unknown check \"x\""), "labs.error.other", "unknown check \"x\""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := ErrorDetail(tc.err)
			if m.ID != tc.id {
				t.Fatalf("%v: %s, want %s", tc.err, m.ID, tc.id)
			}
			fr, en := i18n.New(i18n.FR).Msg(m), i18n.New(i18n.EN).Msg(m)
			if !strings.Contains(fr, tc.fr) {
				t.Errorf("fr %q lacks %q", fr, tc.fr)
			}
			if tc.id == "labs.error.unreachable" && (strings.Contains(fr, "127.0.0.1") || !strings.Contains(en, "does not answer")) {
				t.Errorf("fr %q / en %q", fr, en)
			}
		})
	}
}
