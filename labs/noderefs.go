package labs

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// Node references. A lab never writes the node names of one cluster: its texts
// (instructions, hints, solutions, wait reasons) and check params name nodes by role,
// {{node:control-plane}}, {{node:worker}} (the first worker), {{node:worker2}} (the
// second)… A static pod is named after its node, so etcd's pod is
// etcd-{{node:control-plane}}. Load binds references to the names kind gives the tutor's
// own cluster (DefaultCluster: what the student sees before the cluster exists); a Runner
// binds them again to the nodes of the cluster it runs on (Runner.Bind).

// DefaultCluster is the name of the tutor's own cluster (labs/cluster.DefaultName),
// whose kind node names references take until a runner binds them to a real cluster.
const DefaultCluster = "kubetutor"

// The roles a reference names.
const (
	RoleControlPlane = "control-plane"
	RoleWorker       = "worker"
)

// NodeRef is a node named by role: the Index-th node (from 1) of Role, in the order kind
// names them (control-plane, control-plane2…; worker, worker2…).
type NodeRef struct {
	Role  string
	Index int
}

// String is the reference as written after « node: » (worker2, control-plane).
func (r NodeRef) String() string {
	if r.Index <= 1 {
		return r.Role
	}
	return r.Role + strconv.Itoa(r.Index)
}

// refCandidate matches what looks like a reference: « {{ » then a word and a colon, or
// the word node. Other double braces (a kubectl go-template, {{.metadata.name}}) are left
// alone.
var refCandidate = regexp.MustCompile(`\{\{\s*(?i:node\b[^{}]*|[a-z][a-z0-9_-]*\s*:[^{}]*)\}\}`)

// refForm is the one way to write a reference.
var refForm = regexp.MustCompile(`^\{\{node:(control-plane|worker)([1-9][0-9]?)?\}\}$`)

// ParseNodeRef parses one reference, « {{node:worker2}} ».
func ParseNodeRef(s string) (NodeRef, bool) {
	m := refForm.FindStringSubmatch(s)
	if m == nil {
		return NodeRef{}, false
	}
	ref := NodeRef{Role: m[1], Index: 1}
	if m[2] != "" {
		ref.Index, _ = strconv.Atoi(m[2])
	}
	if ref.Index == 1 && m[2] != "" { // worker1 is spelled worker, as kind names it
		return NodeRef{}, false
	}
	return ref, true
}

// UnknownRefs returns the references of s that are not well formed, in order.
func UnknownRefs(s string) []string {
	var bad []string
	for _, c := range refCandidate.FindAllString(s, -1) {
		if _, ok := ParseNodeRef(c); !ok {
			bad = append(bad, c)
		}
	}
	return bad
}

// KnownRefsHelp lists the forms of references, for error messages.
const KnownRefsHelp = "{{node:control-plane}}, {{node:worker}}, {{node:worker2}}, {{node:worker3}}…"

// Nodes are the nodes of one cluster by role, what references bind to.
type Nodes struct {
	// ControlPlane and Workers are node names, in kind's order.
	ControlPlane, Workers []string
	// Cluster, when set, names the nodes a reference asks for and the cluster lacks as kind
	// would (cluster-worker3): a check about such a node then says it does not exist.
	Cluster string
}

// KindNodes are the nodes kind makes for a cluster named cluster.
func KindNodes(cluster string) Nodes { return Nodes{Cluster: cluster} }

// Name is the node ref names. A node the cluster lacks gets kind's name for it, or
// the reference itself (« worker2 ») when the cluster's naming is unknown: no node
// has that name, and checks say so.
func (n Nodes) Name(ref NodeRef) string {
	list := n.Workers
	if ref.Role == RoleControlPlane {
		list = n.ControlPlane
	}
	if i := ref.Index - 1; i >= 0 && i < len(list) {
		return list[i]
	}
	if n.Cluster != "" {
		return n.Cluster + "-" + ref.String()
	}
	return ref.String()
}

// Expand replaces every well-formed reference of s by its node's name.
func (n Nodes) Expand(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return refCandidate.ReplaceAllStringFunc(s, func(c string) string {
		if ref, ok := ParseNodeRef(c); ok {
			return n.Name(ref)
		}
		return c
	})
}

// ExpandText replaces references in every language of t.
func (n Nodes) ExpandText(t Text) Text {
	if t == nil {
		return nil
	}
	out := make(Text, len(t))
	for k, v := range t {
		out[k] = n.Expand(v)
	}
	return out
}

// controlPlaneLabels mark a control-plane node (kubeadm's label, and its older name).
var controlPlaneLabels = []string{"node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master"}

// ClusterNodes reads the cluster's nodes through the API: control-plane nodes are those
// with kubeadm's role label, workers the others, each in kind's order (names compared
// with their numbers as numbers: worker, worker2, worker10). The cluster's name is
// inferred from a control-plane node named like kind's (NAME-control-plane).
func ClusterNodes(ctx context.Context, kube kubernetes.Interface) (Nodes, error) {
	list, err := kube.CoreV1().Nodes().List(ctx, metav1.ListOptions{})
	if err != nil {
		return Nodes{}, fmt.Errorf("list the cluster's nodes: %w", err)
	}
	return nodesOf(list.Items), nil
}

func nodesOf(items []corev1.Node) Nodes {
	var n Nodes
	for i := range items {
		if isControlPlane(&items[i]) {
			n.ControlPlane = append(n.ControlPlane, items[i].Name)
		} else {
			n.Workers = append(n.Workers, items[i].Name)
		}
	}
	sort.Slice(n.ControlPlane, func(i, j int) bool { return naturalLess(n.ControlPlane[i], n.ControlPlane[j]) })
	sort.Slice(n.Workers, func(i, j int) bool { return naturalLess(n.Workers[i], n.Workers[j]) })
	if len(n.ControlPlane) > 0 {
		if name, ok := strings.CutSuffix(n.ControlPlane[0], "-"+RoleControlPlane); ok {
			n.Cluster = name
		}
	}
	return n
}

func isControlPlane(n *corev1.Node) bool {
	for _, l := range controlPlaneLabels {
		if _, ok := n.Labels[l]; ok {
			return true
		}
	}
	return false
}

// naturalLess compares names with their runs of digits as numbers.
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ca, ra := chunk(a)
		cb, rb := chunk(b)
		if ca != cb {
			na, ea := strconv.Atoi(ca)
			nb, eb := strconv.Atoi(cb)
			if ea == nil && eb == nil && na != nb {
				return na < nb
			}
			return ca < cb
		}
		a, b = ra, rb
	}
	return len(a) < len(b)
}

// chunk splits s after its first run of digits or of other characters.
func chunk(s string) (string, string) {
	digit := s[0] >= '0' && s[0] <= '9'
	i := 1
	for i < len(s) && (s[i] >= '0' && s[i] <= '9') == digit {
		i++
	}
	return s[:i], s[i:]
}
