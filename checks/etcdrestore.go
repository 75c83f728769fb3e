package checks

import (
	"context"
	"fmt"
	"path"
	"strconv"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"sigs.k8s.io/yaml"

	"kubetutor/i18n"
)

// EtcdRestoreParams grades an etcd restore, then a question read on the restored data.
// The evidence is what etcd serves: after « etcdutl snapshot restore --bump-revision N »
// the cluster's revision is above N, which no amount of kubectl can reach in a lab's time;
// an etcd still on its old data, or on a copy of it, stays below. The object the answer
// is read from must come from the snapshot: its resourceVersion is below N, where an
// object recreated by hand after the restore gets one above. Only then is the answer
// graded. The static pod's manifest is read on the node to say what is missing.
type EtcdRestoreParams struct {
	// Node is the control-plane node (default: the first one).
	Node string `json:"node,omitempty"`
	// Manifest is etcd's static pod manifest on the node and Volume its data volume;
	// DataDir the data directory etcd ran on before the lab.
	Manifest string `json:"manifest,omitempty"`
	Volume   string `json:"volume,omitempty"`
	DataDir  string `json:"dataDir,omitempty"`
	// MinRevision is the --bump-revision the step asks for.
	MinRevision int64 `json:"minRevision"`
	// Answer is the question on the restored object (a named object).
	Answer *AnswerParams `json:"answer"`
}

// Validate fills the kubeadm defaults and checks the answer.
func (p *EtcdRestoreParams) Validate() error {
	if p.Manifest == "" {
		p.Manifest = "/etc/kubernetes/manifests/etcd.yaml"
	}
	if p.Volume == "" {
		p.Volume = "etcd-data"
	}
	if p.DataDir == "" {
		p.DataDir = "/var/lib/etcd"
	}
	if p.MinRevision <= 0 {
		return fmt.Errorf("minRevision is required (the --bump-revision the step asks for)")
	}
	if p.Answer == nil || p.Answer.Name == "" {
		return fmt.Errorf("answer with a named object is required")
	}
	return p.Answer.Validate()
}

func etcdRestoreDeps(p *EtcdRestoreParams) []Dependency {
	return append(answerDeps(p.Answer), Dependency{ShellHistory: true})
}

func runEtcdRestore(ctx context.Context, env *Env, p *EtcdRestoreParams) (Result, error) {
	rev, err := servedRevision(ctx, env)
	if err != nil {
		return Result{}, err
	}
	objs, err := answerObjects(ctx, env, p.Answer)
	if err != nil {
		return Result{}, err
	}
	revEv := i18n.M("checks.etcd.restore.revision", "Revision", rev, "Min", p.MinRevision)
	if rev < p.MinRevision {
		what := i18n.M("checks.etcd.restore.olddata", "Revision", rev, "Min", p.MinRevision)
		if dir := manifestDataDir(ctx, env, p); dir != "" {
			if path.Clean(dir) == path.Clean(p.DataDir) {
				what = i18n.M("checks.etcd.restore.samedir", "Dir", dir, "Volume", p.Volume, "Manifest", p.Manifest)
			} else {
				what = i18n.M("checks.etcd.restore.notserved", "Dir", dir, "Revision", rev, "Min", p.MinRevision)
			}
		}
		if len(objs) > 0 && env.Answer != "" {
			// The cheap way: the word read from the object the setup made.
			return Fail(i18n.M("checks.etcd.restore.cheat", "Name", p.Answer.Name), what, revEv), nil
		}
		return Wait(what, revEv), nil
	}
	if len(objs) == 0 {
		return Wait(i18n.M("checks.answer.missing", "Resource", p.Answer.Resource, "Name", p.Answer.Name, "Namespace", p.Answer.Namespace), revEv), nil
	}
	if orv, _ := strconv.ParseInt(objs[0].GetResourceVersion(), 10, 64); orv >= p.MinRevision {
		return Fail(i18n.M("checks.etcd.restore.recreated", "Name", p.Answer.Name, "RV", orv), revEv), nil
	}
	res, err := runAnswer(ctx, env, p.Answer)
	if err != nil {
		return Result{}, err
	}
	res.Evidence = append(res.Evidence, i18n.M("checks.etcd.restore.ok", "Revision", rev))
	return res, nil
}

// servedRevision is the revision etcd serves now: the resourceVersion of a list read
// from etcd (a list without a resourceVersion is a quorum read).
func servedRevision(ctx context.Context, env *Env) (int64, error) {
	list, err := env.Kube.CoreV1().Namespaces().List(ctx, metav1.ListOptions{Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("read the revision etcd serves: %w", err)
	}
	rev, _ := strconv.ParseInt(list.ResourceVersion, 10, 64)
	return rev, nil
}

// manifestDataDir returns the hostPath of the data volume in etcd's manifest on the
// node, or "" when it cannot be read (no node access, no such file or volume).
func manifestDataDir(ctx context.Context, env *Env, p *EtcdRestoreParams) string {
	if env.Nodes == nil {
		return ""
	}
	node, err := controlPlaneNode(ctx, env, p.Node)
	if err != nil {
		return ""
	}
	data, err := env.Nodes.ReadFile(ctx, node, p.Manifest)
	if err != nil {
		return ""
	}
	var pod corev1.Pod
	if yaml.Unmarshal(data, &pod) != nil {
		return ""
	}
	for _, v := range pod.Spec.Volumes {
		if v.Name == p.Volume && v.HostPath != nil {
			return v.HostPath.Path
		}
	}
	return ""
}
