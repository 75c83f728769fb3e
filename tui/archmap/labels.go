package archmap

import (
	"fmt"
	"strings"
	"time"

	"kubetutor/i18n"
	"kubetutor/internal/mapstate"
)

// healthKeys are the catalog keys of the healths' words.
var healthKeys = map[mapstate.Health]string{
	mapstate.Up: "map.health.up", mapstate.Starting: "map.health.starting", mapstate.Down: "map.health.down",
	mapstate.Unknown: "map.health.unknown", mapstate.Absent: "map.health.absent",
}

// reasonKeys are the catalog keys of the reasons.
var reasonKeys = map[string]string{
	mapstate.ReasonNotReady: "map.reason.notready", mapstate.ReasonNodeUnknown: "map.reason.nodeunknown",
	mapstate.ReasonSilent: "map.reason.silent", mapstate.ReasonRestarting: "map.reason.restarting",
	mapstate.ReasonWaiting: "map.reason.waiting", mapstate.ReasonPending: "map.reason.pending",
	mapstate.ReasonFailed: "map.reason.failed", mapstate.ReasonTerminating: "map.reason.terminating",
	mapstate.ReasonNotReadyPod: "map.reason.podnotready", mapstate.ReasonReadyz: "map.reason.readyz",
	mapstate.ReasonNoLeader: "map.reason.noleader", mapstate.ReasonUnreachable: "map.reason.unreachable",
	mapstate.ReasonNotSeen: "map.reason.notseen", mapstate.ReasonAbsentOnKind: "map.reason.absentonkind",
}

// Sections are the chapter's sections that explain each kind of box.
var Sections = map[mapstate.Kind]string{
	mapstate.APIServer:              "00-02-01-kube-apiserver",
	mapstate.Etcd:                   "00-02-02-etcd",
	mapstate.Scheduler:              "00-02-03-kube-scheduler",
	mapstate.ControllerManager:      "00-02-04-kube-controller-manager",
	mapstate.CloudControllerManager: "00-02-05-cloud-controller-manager",
	mapstate.Kubelet:                "00-03-noeuds",
	mapstate.KubeProxy:              "00-04-02-kube-proxy",
	mapstate.CNI:                    "00-04-01-principes",
	mapstate.Runtime:                "00-03-noeuds",
	kindKubectl:                     "00-02-01-kube-apiserver",
	kindPod:                         "00-01-concepts",
}

// Pseudo-kinds of the boxes that are no component.
const (
	kindKubectl mapstate.Kind = "kubectl"
	kindPod     mapstate.Kind = "pod"
)

// kindName is the name a box shows for k.
func kindName(tr *i18n.Translator, k mapstate.Kind) string {
	switch k {
	case mapstate.CNI:
		return tr.T("map.kind.cni")
	case mapstate.Runtime:
		return tr.T("map.kind.runtime")
	}
	return string(k)
}

// seconds renders a duration as whole seconds, or minutes beyond two minutes.
func seconds(tr *i18n.Translator, d time.Duration) string {
	if d >= 2*time.Minute {
		return tr.T("map.minutes", map[string]any{"M": int(d / time.Minute)})
	}
	return tr.T("map.seconds", map[string]any{"S": int(d / time.Second)})
}

// status is the word (and reason) of a component's health.
func status(tr *i18n.Translator, c mapstate.Component) string {
	word := tr.T(healthKeys[c.Health])
	if c.Reason == "" || c.Health == mapstate.Up {
		return word
	}
	return reason(tr, c.Reason, c.Pod, 0)
}

// reason renders a reason; silent is the silence of a node.
func reason(tr *i18n.Translator, r string, p *mapstate.PodInfo, silent time.Duration) string {
	key, ok := reasonKeys[r]
	if !ok {
		return r
	}
	word := ""
	if p != nil {
		word = p.Reason
	}
	return tr.T(key, map[string]any{"Word": word, "Since": seconds(tr, silent)})
}

// nodeStatus is a node's status line.
func nodeStatus(tr *i18n.Translator, n mapstate.Node) string {
	switch {
	case n.Health == mapstate.Up:
		return "Ready"
	case n.Reason == mapstate.ReasonSilent:
		return reason(tr, n.Reason, nil, n.Silent)
	case n.Reason != "":
		s := reason(tr, n.Reason, nil, 0)
		if !n.LastHeartbeat.IsZero() && n.Reason != mapstate.ReasonUnreachable {
			s += " · " + tr.T("map.node.heartbeat", map[string]any{"Since": seconds(tr, n.Silent)})
		}
		return s
	}
	return tr.T(healthKeys[n.Health])
}

// runtimeName shortens a CRI version (containerd://2.1.4 → containerd 2.1.4).
func runtimeName(v string) string {
	name, ver, ok := strings.Cut(v, "://")
	if !ok {
		return v
	}
	return fmt.Sprintf("%s %s", name, ver)
}
