package checks

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// TargetParams names the Service a command must reach (wget, curl…): one of its
// positional words must be a URL or a host naming it — NAME.NAMESPACE,
// NAME.NAMESPACE.svc, NAME.NAMESPACE.svc.cluster.local or its cluster IP, with or without
// « http:// », a trailing « / » and the port (the Service's port is the default).
type TargetParams struct {
	Namespace string `json:"namespace"`
	Service   string `json:"service"`
	// Port is the Service port the command must use (default 80, http's).
	Port int32 `json:"port,omitempty"`
}

func (t *TargetParams) validate() error {
	if t.Namespace == "" || t.Service == "" {
		return fmt.Errorf("target needs namespace and service")
	}
	if t.Port == 0 {
		t.Port = 80
	}
	return nil
}

// String renders the target as the shortest URL that names it.
func (t *TargetParams) String() string {
	if t.Port == 80 {
		return "http://" + t.Service + "." + t.Namespace
	}
	return fmt.Sprintf("http://%s.%s:%d", t.Service, t.Namespace, t.Port)
}

// names reports whether word names the target; ips are the Service's cluster IPs.
func (t *TargetParams) names(word string, ips []string) bool {
	w := strings.ToLower(word)
	defPort := "80"
	switch {
	case strings.HasPrefix(w, "http://"):
		w = w[len("http://"):]
	case strings.HasPrefix(w, "https://"):
		w, defPort = w[len("https://"):], "443"
	case strings.Contains(w, "://"):
		return false
	}
	if i := strings.IndexAny(w, "/?#"); i >= 0 {
		if rest := w[i:]; rest != "/" {
			return false // another page than the Service's root
		}
		w = w[:i]
	}
	host, port := w, defPort
	if h, p, err := net.SplitHostPort(w); err == nil {
		host, port = h, p
	}
	if port != strconv.Itoa(int(t.Port)) {
		return false
	}
	host = strings.TrimSuffix(host, ".")
	base := t.Service + "." + t.Namespace
	for _, n := range []string{base, base + ".svc", base + ".svc.cluster.local"} {
		if host == n {
			return true
		}
	}
	for _, ip := range ips {
		if host == ip {
			return true
		}
	}
	return false
}

// targetState reads the target Service: its cluster IPs, and how many of its endpoints
// are ready (a connection refused by a policy proves something only when there is a
// ready pod behind the Service).
func targetState(ctx context.Context, env *Env, t *TargetParams) (ips []string, ready int, err error) {
	svc, err := env.Kube.CoreV1().Services(t.Namespace).Get(ctx, t.Service, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("get Service %s/%s: %w", t.Namespace, t.Service, err)
	}
	for _, ip := range svc.Spec.ClusterIPs {
		if ip != "" && ip != corev1.ClusterIPNone {
			ips = append(ips, ip)
		}
	}
	slices, err := env.Kube.DiscoveryV1().EndpointSlices(t.Namespace).List(ctx, metav1.ListOptions{LabelSelector: discoveryv1.LabelServiceName + "=" + t.Service})
	if err != nil {
		return nil, 0, fmt.Errorf("list EndpointSlices of %s/%s: %w", t.Namespace, t.Service, err)
	}
	for _, s := range slices.Items {
		if s.Labels[discoveryv1.LabelServiceName] != t.Service { // fake clients ignore selectors
			continue
		}
		for _, ep := range s.Endpoints {
			if ep.Conditions.Ready == nil || *ep.Conditions.Ready {
				ready++
			}
		}
	}
	return ips, ready, nil
}
