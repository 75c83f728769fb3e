package labs

import (
	"errors"
	"net"
	"syscall"

	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"kubetutor/i18n"
)

// ErrorDetail says why a check could not run, in the student's words: the cluster's API
// does not answer (its node containers or Docker stopped: what to run), the API is
// starting again (it refuses requests until its authorizer is ready), or else the
// error's own text. The lab screen and lab check show it; the error itself goes to the
// log.
func ErrorDetail(err error) i18n.Message {
	var op *net.OpError
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET),
		errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH),
		errors.As(err, &dns), errors.As(err, &op):
		return i18n.M("labs.error.unreachable")
	case apierrors.IsForbidden(err) || apierrors.IsServiceUnavailable(err) || apierrors.IsTimeout(err) ||
		apierrors.IsServerTimeout(err) || apierrors.IsTooManyRequests(err):
		return i18n.M("labs.error.starting", "Detail", err.Error())
	}
	return i18n.M("labs.error.other", "Detail", err.Error())
}
