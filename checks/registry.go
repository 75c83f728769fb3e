package checks

import "sort"

// registry maps each check id that lab YAML may name to its implementation. Adding a
// check means adding a line here; nothing registers itself.
var registry = map[string]Check{
	"nodes-ready":    define(runNodesReady, nodeDeps[NodesReadyParams]),
	"node-state":     define(runNodeState, nodeStateDeps),
	"pods-running":   define(runPods, podsDeps),
	"workload":       define(runWorkload, workloadDeps),
	"apiservice":     define(runAPIService, apiServiceDeps),
	"metrics-api":    define(runMetrics, metricsDeps),
	"hpa":            define(runHPA, hpaDeps),
	"network-policy": define(runNetworkPolicy, netpolDeps),
	"shell-command":  define(runCommand, commandDeps),
	"answer":         define(runAnswer, answerDeps),
	"etcd-snapshot":  define(runEtcdSnapshot, etcdSnapshotDeps),
	"etcd-defrag":    define(runEtcdDefrag, etcdDefragDeps),
	"etcd-restore":   define(runEtcdRestore, etcdRestoreDeps),
}

// IDs returns the registered check ids, sorted.
func IDs() []string {
	ids := make([]string, 0, len(registry))
	for id := range registry {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// NeedsNodeAccess reports whether check id reaches inside nodes.
func NeedsNodeAccess(id string) bool {
	return id == "etcd-snapshot" || id == "etcd-defrag" || id == "etcd-restore"
}

// TakesAnswer reports whether check id grades an answer the student types (a question
// step): the answer check, and the etcd restore whose last part is a question.
func TakesAnswer(id string) bool {
	return id == "answer" || id == "etcd-restore"
}
