package labs

import (
	"context"
	"errors"
	"fmt"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	"kubetutor/i18n"
)

// SaveDir is where the runner keeps, on each node, what a reset puts back: SaveDir/LAB/
// files/PATH (a copy), SaveDir/LAB/dirs/PATH.tar and .list (an archive and the list of
// its entries).
const SaveDir = "/var/lib/kubetutor/saved"

// ErrNoNodeAccess: the lab has a recovery section and the runner cannot reach the nodes
// (a cluster kubetutor did not make).
var ErrNoNodeAccess = errors.New("the lab puts nodes back on reset, and this cluster's nodes cannot be reached")

// Timeouts of a recovery, in seconds: for a static pod to stop once its manifest is
// taken away, and to run again once it is back.
const (
	podStopSeconds  = 90
	podStartSeconds = 180
)

func (r *Runner) savePath(kind, p string) string { return path.Join(SaveDir, r.lab.ID, kind, p) }

// saveFile copies $2 to $1, unless $1 is there (a later start never overwrites the save)
// or $2 is not (nothing to put back: the reset says there was no save).
const saveFile = `set -e
[ -e "$1" ] && exit 0
[ -e "$2" ] || exit 0
mkdir -p "$(dirname "$1")"
cp -a "$2" "$1.tmp"
mv "$1.tmp" "$1"`

// saveDir archives directory $2 as $1.tar with the list of its entries in $1.list,
// unless saved already. GNU tar exits 1 when a file changed while read (a live etcd
// writes its WAL): the archive is kept, a fallback for entries that disappear.
const saveDir = `set -e
[ -e "$1.tar" ] && exit 0
[ -d "$2" ] || exit 0
mkdir -p "$(dirname "$1")"
ls -A "$2" > "$1.list.tmp"
tar -C "$2" -cf "$1.tar.tmp" . || [ $? -eq 1 ]
mv "$1.list.tmp" "$1.list"
mv "$1.tar.tmp" "$1.tar"`

// SaveRecovery saves on their nodes the files and directories the lab's reset puts back,
// those not saved yet. Start runs it before the setup, so before any step.
func (r *Runner) SaveRecovery(ctx context.Context) error {
	rec := r.Lab().Recovery
	if rec == nil || len(rec.Files)+len(rec.Dirs) == 0 {
		return nil
	}
	if r.env.Nodes == nil {
		return ErrNoNodeAccess
	}
	for _, f := range rec.Files {
		if out, err := r.env.Nodes.Exec(ctx, f.Node, "sh", "-c", saveFile, "sh", r.savePath("files", f.Path), f.Path); err != nil {
			return fmt.Errorf("saving %s on %s: %w: %s", f.Path, f.Node, err, strings.TrimSpace(string(out)))
		}
	}
	for _, d := range rec.Dirs {
		if out, err := r.env.Nodes.Exec(ctx, d.Node, "sh", "-c", saveDir, "sh", r.savePath("dirs", d.Path), d.Path); err != nil {
			return fmt.Errorf("saving %s on %s: %w: %s", d.Path, d.Node, err, strings.TrimSpace(string(out)))
		}
	}
	r.log.Info("recovery saved", "files", len(rec.Files), "dirs", len(rec.Dirs))
	return nil
}

// dirDiff prints the entries of directory $2 added since the save $1 (« + name ») and
// those removed (« - name »), or « ? » when there is no save.
const dirDiff = `[ -e "$1.list" ] || { echo "?"; exit 0; }
ls -A "$2" 2>/dev/null | sort > "$1.now"
sort "$1.list" > "$1.was"
comm -13 "$1.was" "$1.now" | sed 's/^/+ /'
comm -23 "$1.was" "$1.now" | sed 's/^/- /'
rm -f "$1.now" "$1.was"`

// fileChanged prints « changed » when $2 differs from its save $1, « ? » without a save.
const fileChanged = `[ -e "$1" ] || { echo "?"; exit 0; }
cmp -s "$1" "$2" || echo changed`

// The scripts below reach the node's containers with crictl, at kind's containerd socket.

// waitPod waits (at most $3 s) until static pod $1 has no running container ($2 = gone)
// or one ($2 = running). Without crictl (not a kind node) there is nothing to wait for.
const waitPod = `command -v crictl >/dev/null 2>&1 || exit 0
i=0
while :; do
  ids=$(crictl --runtime-endpoint unix:///run/containerd/containerd.sock ps -q --label "io.kubernetes.pod.name=$1" 2>/dev/null)
  if [ "$2" = gone ] && [ -z "$ids" ]; then exit 0; fi
  if [ "$2" = running ] && [ -n "$ids" ]; then exit 0; fi
  i=$((i + 1)); [ $i -gt "$3" ] && { echo "static pod $1 not $2 after $3 s"; exit 1; }
  sleep 1
done`

// moveAway moves file $2 to $1 (when there), out of the kubelet's sight.
const moveAway = `[ ! -e "$2" ] || { mkdir -p "$(dirname "$1")" && mv "$2" "$1"; }`

// fixDir removes from directory $2 the entries added since the save $1 (arguments from
// the fourth on) and extracts the removed ones ($3, space separated) from the archive.
const fixDir = `set -e
save=$1 dir=$2 removed=$3; shift 3
mkdir -p "$dir"
for e in "$@"; do rm -rf -- "$dir/$e"; done
for e in $removed; do tar -C "$dir" -xpf "$save.tar" "./$e"; done`

// restartPod stops the running containers of static pod $1; the kubelet starts them again.
const restartPod = `command -v crictl >/dev/null 2>&1 || exit 0
cri="--runtime-endpoint unix:///run/containerd/containerd.sock"
for id in $(crictl $cri ps -q --label "io.kubernetes.pod.name=$1"); do crictl $cri stop "$id" >/dev/null; done`

// RecoverNodes puts the nodes back as the lab found them, after its destructive steps:
// kubelets started; then, when a saved file changed or a saved directory lost or gained
// entries, the static pods of the saved manifests are stopped (their manifests taken
// away), the directories put back, the files put back, the pods waited for, and the
// Restart pods restarted. report receives each thing done, localized. The saves are
// removed at the end, so the next start saves afresh.
func (r *Runner) RecoverNodes(ctx context.Context, report func(i18n.Message)) error {
	rec := r.Lab().Recovery
	if rec == nil {
		return nil
	}
	if report == nil {
		report = func(i18n.Message) {}
	}
	na := r.env.Nodes
	if na == nil {
		return ErrNoNodeAccess
	}
	for _, n := range rec.Kubelets {
		if err := na.StartKubelet(ctx, n); err != nil {
			return fmt.Errorf("starting the kubelet of %s: %w", n, err)
		}
		report(i18n.M("labs.reset.kubelet", "Node", n))
	}
	var changed []NodePath
	for _, f := range rec.Files {
		out, err := na.Exec(ctx, f.Node, "sh", "-c", fileChanged, "sh", r.savePath("files", f.Path), f.Path)
		if err != nil {
			return fmt.Errorf("comparing %s on %s with its save: %w: %s", f.Path, f.Node, err, out)
		}
		switch strings.TrimSpace(string(out)) {
		case "?":
			report(i18n.M("labs.reset.nosave", "Path", f.Path, "Node", f.Node))
		case "changed":
			changed = append(changed, f)
		}
	}
	type dirFix struct {
		NodePath
		added, removed []string
	}
	var fixes []dirFix
	for _, d := range rec.Dirs {
		out, err := na.Exec(ctx, d.Node, "sh", "-c", dirDiff, "sh", r.savePath("dirs", d.Path), d.Path)
		if err != nil {
			return fmt.Errorf("comparing %s on %s with its save: %w: %s", d.Path, d.Node, err, out)
		}
		fix := dirFix{NodePath: d}
		for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			switch {
			case line == "?":
				report(i18n.M("labs.reset.nosave", "Path", d.Path, "Node", d.Node))
			case strings.HasPrefix(line, "+ "):
				fix.added = append(fix.added, line[2:])
			case strings.HasPrefix(line, "- "):
				fix.removed = append(fix.removed, line[2:])
			}
		}
		if len(fix.added)+len(fix.removed) > 0 {
			fixes = append(fixes, fix)
		}
	}
	if len(changed)+len(fixes) == 0 {
		return r.dropSaves(ctx, rec)
	}
	// Stop what runs on the saved state: every static pod among the saved files.
	var pods []NodePath // manifests taken away, to wait for and put back
	for _, f := range rec.Files {
		if !isStaticPodManifest(f.Path) {
			continue
		}
		name, err := r.staticPodName(ctx, f)
		if err != nil {
			return err
		}
		if out, err := na.Exec(ctx, f.Node, "sh", "-c", moveAway, "sh", r.savePath("moved", f.Path), f.Path); err != nil {
			return fmt.Errorf("taking %s away on %s: %w: %s", f.Path, f.Node, err, out)
		}
		if out, err := na.Exec(ctx, f.Node, "sh", "-c", waitPod, "sh", name, "gone", fmt.Sprint(podStopSeconds)); err != nil {
			return fmt.Errorf("stopping %s: %w: %s", name, err, out)
		}
		report(i18n.M("labs.reset.stopped", "Pod", name))
		pods = append(pods, NodePath{Node: f.Node, Path: name})
	}
	for _, fx := range fixes {
		args := append([]string{"sh", "-c", fixDir, "sh", r.savePath("dirs", fx.Path), fx.Path, strings.Join(fx.removed, " ")}, fx.added...)
		if out, err := na.Exec(ctx, fx.Node, args...); err != nil {
			return fmt.Errorf("putting %s back on %s: %w: %s", fx.Path, fx.Node, err, out)
		}
		report(i18n.M("labs.reset.dir", "Path", fx.Path, "Node", fx.Node,
			"Removed", orNone(fx.added), "Restored", orNone(fx.removed)))
	}
	for _, f := range rec.Files {
		if out, err := na.Exec(ctx, f.Node, "sh", "-c", `[ ! -e "$1" ] || cp -a "$1" "$2"`, "sh", r.savePath("files", f.Path), f.Path); err != nil {
			return fmt.Errorf("putting %s back on %s: %w: %s", f.Path, f.Node, err, out)
		}
		report(i18n.M("labs.reset.file", "Path", f.Path, "Node", f.Node))
	}
	for _, p := range pods {
		if out, err := na.Exec(ctx, p.Node, "sh", "-c", waitPod, "sh", p.Path, "running", fmt.Sprint(podStartSeconds)); err != nil {
			return fmt.Errorf("starting %s: %w: %s", p.Path, err, out)
		}
		report(i18n.M("labs.reset.running", "Pod", p.Path))
	}
	for _, name := range rec.Restart {
		for _, n := range nodesOfFiles(rec) {
			pod := name + "-" + n
			if out, err := na.Exec(ctx, n, "sh", "-c", restartPod, "sh", pod); err != nil {
				return fmt.Errorf("restarting %s: %w: %s", pod, err, out)
			}
			report(i18n.M("labs.reset.restarted", "Pod", pod))
		}
	}
	return r.dropSaves(ctx, rec)
}

// dropSaves removes the lab's saves from the nodes.
func (r *Runner) dropSaves(ctx context.Context, rec *Recovery) error {
	for _, n := range nodesOfFiles(rec) {
		if out, err := r.env.Nodes.Exec(ctx, n, "rm", "-rf", path.Join(SaveDir, r.lab.ID)); err != nil {
			return fmt.Errorf("removing the lab's save on %s: %w: %s", n, err, out)
		}
	}
	return nil
}

// staticPodName is the name of the pod the kubelet makes from manifest f: its
// metadata.name, a dash, the node's name.
func (r *Runner) staticPodName(ctx context.Context, f NodePath) (string, error) {
	data, err := r.env.Nodes.ReadFile(ctx, f.Node, r.savePath("files", f.Path))
	if err != nil {
		return "", fmt.Errorf("reading the saved %s: %w", f.Path, err)
	}
	var m struct {
		Metadata struct {
			Name string `yaml:"name"`
		} `yaml:"metadata"`
	}
	if err := yaml.Unmarshal(data, &m); err != nil || m.Metadata.Name == "" {
		return "", fmt.Errorf("the saved %s names no pod (%v)", f.Path, err)
	}
	return m.Metadata.Name + "-" + f.Node, nil
}

// nodesOfFiles lists, once each, the nodes that hold the recovery's files and dirs.
func nodesOfFiles(rec *Recovery) []string {
	var nodes []string
	for _, np := range append(append([]NodePath{}, rec.Files...), rec.Dirs...) {
		nodes = append(nodes, np.Node)
	}
	return dedupe(nodes)
}

func orNone(list []string) string {
	if len(list) == 0 {
		return "—"
	}
	return strings.Join(list, ", ")
}
