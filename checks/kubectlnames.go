package checks

// kubectlNames maps the short and singular names kubectl accepts for the resources the
// labs ask about to their plural name, so that « kubectl get po » and « kubectl get cs »
// match a pattern written with « pods » and « componentstatuses ».
var kubectlNames = map[string]string{
	"po": "pods", "pod": "pods",
	"no": "nodes", "node": "nodes",
	"ns": "namespaces", "namespace": "namespaces",
	"svc": "services", "service": "services",
	"cm": "configmaps", "configmap": "configmaps",
	"cs": "componentstatuses", "componentstatus": "componentstatuses",
	"ds": "daemonsets", "daemonset": "daemonsets",
	"deploy": "deployments", "deployment": "deployments",
	"rs": "replicasets", "replicaset": "replicasets",
	"netpol": "networkpolicies", "networkpolicy": "networkpolicies",
	"hpa": "horizontalpodautoscalers", "horizontalpodautoscaler": "horizontalpodautoscalers",
	"ep": "endpoints", "ev": "events", "event": "events",
	"apiservice": "apiservices",
}

// sameWord reports whether a word typed for program is the word a pattern wants: equal,
// or for kubectl the same resource under a short or singular name.
func sameWord(program, typed, want string) bool {
	if typed == want {
		return true
	}
	if program != "kubectl" {
		return false
	}
	canon := func(w string) string {
		if c, ok := kubectlNames[w]; ok {
			return c
		}
		return w
	}
	return canon(typed) == canon(want)
}
