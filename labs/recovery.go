package labs

import (
	"path"
	"strings"
)

// Recovery is what `kubetutor lab reset` puts back on the nodes after a lab's
// destructive steps (a kubelet stopped, etcd's manifest edited). The runner saves the
// files and directories on their node when the lab starts, before any step, unless a
// save is there already; the reset puts them back and removes the save.
type Recovery struct {
	// Kubelets are the nodes whose kubelet the reset starts again.
	Kubelets []string
	// Files are put back as saved. A static pod's manifest (under
	// /etc/kubernetes/manifests) is taken away first and the reset waits for the pod to
	// stop, so that nothing runs on the directories being put back.
	Files []NodePath
	// Dirs lose the entries added to them since the save and get back those removed.
	Dirs []NodePath
	// Restart names static pods (kube-apiserver…) restarted once something was put back,
	// so they read the restored state afresh; their containers are stopped and the
	// kubelet starts them again.
	Restart []string
}

// NodePath is a path on a node.
type NodePath struct {
	Node string `yaml:"node"`
	Path string `yaml:"path"`
}

// rawRecovery is the recovery section as written.
type rawRecovery struct {
	Kubelets []string   `yaml:"kubelets"`
	Files    []NodePath `yaml:"files"`
	Dirs     []NodePath `yaml:"dirs"`
	Restart  []string   `yaml:"restart"`
}

// StaticPodDir is where the kubelet reads static pod manifests (kubeadm's layout).
const StaticPodDir = "/etc/kubernetes/manifests"

// bind returns the recovery with its node references bound to n.
func (r *Recovery) bind(n Nodes) *Recovery {
	out := &Recovery{Restart: r.Restart}
	for _, k := range r.Kubelets {
		out.Kubelets = append(out.Kubelets, n.Expand(k))
	}
	for _, f := range r.Files {
		out.Files = append(out.Files, NodePath{Node: n.Expand(f.Node), Path: f.Path})
	}
	for _, d := range r.Dirs {
		out.Dirs = append(out.Dirs, NodePath{Node: n.Expand(d.Node), Path: d.Path})
	}
	return out
}

// recovery validates the recovery section; the lab keeps it with references as
// written (Bind binds them).
func (v *validator) recovery(raw *rawRecovery, needs Needs) *Recovery {
	if raw == nil {
		return nil
	}
	if needs != NeedsNodeAccess {
		v.add(v.line("recovery"), "labs.problem.recovery.nodes", "Needs", NeedsNodeAccess)
	}
	node := func(s string, p ...any) {
		if _, ok := ParseNodeRef(s); !ok {
			v.add(v.line(append([]any{"recovery"}, p...)...), "labs.problem.recovery.node", "Node", s, "Known", KnownRefsHelp)
		}
	}
	abs := func(np NodePath, p ...any) {
		node(np.Node, append(p, "node")...)
		if !path.IsAbs(np.Path) || path.Clean(np.Path) != np.Path || np.Path == "/" {
			v.add(v.line(append([]any{"recovery"}, p...)...), "labs.problem.recovery.path", "Path", np.Path)
		}
	}
	for i, k := range raw.Kubelets {
		node(k, "kubelets", i)
	}
	for i, f := range raw.Files {
		abs(f, "files", i)
	}
	for i, d := range raw.Dirs {
		abs(d, "dirs", i)
	}
	for i, p := range raw.Restart {
		if !idPattern.MatchString(p) {
			v.add(v.line("recovery", "restart", i), "labs.problem.recovery.restart", "Pod", p)
		}
	}
	return &Recovery{Kubelets: raw.Kubelets, Files: raw.Files, Dirs: raw.Dirs, Restart: raw.Restart}
}

// isStaticPodManifest reports whether p is a manifest the kubelet runs.
func isStaticPodManifest(p string) bool {
	return path.Dir(p) == StaticPodDir && (strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".json"))
}
