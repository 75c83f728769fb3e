package mapstate

import (
	"sort"
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
)

// Timings of the map's judgement.
const (
	// DefaultGracePeriod is how long a node may stay silent (no lease renewal) before the
	// map marks it down while nothing of the cluster says otherwise: Kubernetes' default
	// node-monitor-grace-period since 1.32. The cluster's own value replaces it (see
	// Grace).
	DefaultGracePeriod = gracePeriodSince132
	// RestartWindow is how long a container that restarted counts as restarting.
	RestartWindow = 30 * time.Second
	// FlowWindow is how long flows stay in a snapshot.
	FlowWindow = 3 * time.Second
	// maxFlows bounds the flows kept between snapshots.
	maxFlows = 256
)

// Namespaces of the control plane's objects.
const (
	SystemNamespace    = "kube-system"
	NodeLeaseNamespace = "kube-node-lease"
)

// Tracker holds the map's state and applies changes to it, one at a time. It is safe for
// concurrent use: informers call the Set and Delete methods, the screen calls Snapshot.
type Tracker struct {
	mu     sync.Mutex
	synced bool
	// graceGiven is the caller's grace period (0: read it from the cluster), graceFlag
	// the controller-manager's flag (0: not seen), version the API server's version.
	graceGiven, graceFlag time.Duration
	version               string
	nodes                 map[string]*nodeRec
	// leases are the node leases' renew times, by node name.
	leases map[string]time.Time
	// leaders are kube-system's leader-election leases (kube-scheduler...), by name.
	leaders map[string]leaderRec
	pods    map[string]PodInfo
	api     API
	flows   []Flow
	// writers are the kubectl entries of the objects' managedFields, by object key.
	writers map[string]writerRec
}

type nodeRec struct {
	controlPlane bool
	ready        corev1.ConditionStatus // "" when the node has no Ready condition
	runtime      string
}

type leaderRec struct {
	renew    time.Time
	duration time.Duration
}

// NewTracker returns an empty tracker that marks a node down after grace without a
// heartbeat; with a zero grace it reads the period from the cluster (the
// controller-manager's flag, else the default of the API server's version, else
// DefaultGracePeriod).
func NewTracker(grace time.Duration) *Tracker {
	return &Tracker{
		graceGiven: max(grace, 0), nodes: map[string]*nodeRec{}, leases: map[string]time.Time{},
		leaders: map[string]leaderRec{}, pods: map[string]PodInfo{}, writers: map[string]writerRec{},
	}
}

// GracePeriod is the silence after which a node is marked down, and where it comes from.
func (t *Tracker) GracePeriod() Grace {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.graceNow()
}

// MarkSynced says the informers have listed everything: from now on a new pod is a flow.
func (t *Tracker) MarkSynced() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.synced = true
}

// SetNode records a node as the API has it at at.
func (t *Tracker) SetNode(n *corev1.Node, at time.Time) {
	rec := &nodeRec{runtime: n.Status.NodeInfo.ContainerRuntimeVersion}
	_, rec.controlPlane = n.Labels["node-role.kubernetes.io/control-plane"]
	if !rec.controlPlane {
		_, rec.controlPlane = n.Labels["node-role.kubernetes.io/master"]
	}
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady {
			rec.ready = c.Status
		}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.nodes[n.Name] = rec
	t.written(objectKey("nodes", "", n.Name), n.ManagedFields, at, t.synced)
}

// DeleteNode forgets a node.
func (t *Tracker) DeleteNode(name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.nodes, name)
	delete(t.leases, name)
	delete(t.writers, objectKey("nodes", "", name))
}

// SetLease records a node's heartbeat (a lease of kube-node-lease) or a control-plane
// component's leader lease (kube-system); a renewal is a heartbeat flow.
func (t *Tracker) SetLease(l *coordinationv1.Lease, at time.Time) {
	if l.Spec.RenewTime == nil {
		return
	}
	renew := l.Spec.RenewTime.Time
	t.mu.Lock()
	defer t.mu.Unlock()
	switch l.Namespace {
	case NodeLeaseNamespace:
		prev, seen := t.leases[l.Name]
		t.leases[l.Name] = renew
		if seen && renew.After(prev) {
			t.flow(Flow{Kind: FlowHeartbeat, Node: l.Name, At: at})
		}
	case SystemNamespace:
		d := 15 * time.Second
		if l.Spec.LeaseDurationSeconds != nil {
			d = time.Duration(*l.Spec.LeaseDurationSeconds) * time.Second
		}
		t.leaders[l.Name] = leaderRec{renew: renew, duration: d}
	}
}

// DeleteLease forgets a lease.
func (t *Tracker) DeleteLease(namespace, name string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if namespace == NodeLeaseNamespace {
		delete(t.leases, name)
	} else {
		delete(t.leaders, name)
	}
}

// SetPod records a pod; a pod bound to a node since the last change is a scheduling
// flow, a new one (after the first listing) a write.
func (t *Tracker) SetPod(p *corev1.Pod, at time.Time) {
	info := podInfo(p)
	t.mu.Lock()
	defer t.mu.Unlock()
	old, seen := t.pods[info.Key()]
	t.pods[info.Key()] = info
	if componentOf(info) == ControllerManager {
		t.setControllerManager(p)
	}
	t.written(objectKey("pods", p.Namespace, p.Name), p.ManagedFields, at, t.synced)
	if !seen && t.synced {
		t.flow(Flow{Kind: FlowWrite, Pod: info.Key(), At: at})
	}
	if info.Node != "" && !info.Static && ((seen && old.Node == "") || (!seen && t.synced)) {
		t.flow(Flow{Kind: FlowScheduled, Node: info.Node, Pod: info.Key(), At: at})
	}
}

// DeletePod forgets a pod; after the first listing it is a write.
func (t *Tracker) DeletePod(namespace, name string, at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	key := namespace + "/" + name
	if _, ok := t.pods[key]; !ok {
		return
	}
	delete(t.pods, key)
	delete(t.writers, objectKey("pods", namespace, name))
	if t.synced {
		t.flow(Flow{Kind: FlowWrite, Pod: key, At: at})
	}
}

// SetReadyz records one answer of the API server's /readyz?verbose (checks), or a
// failure to reach it (err). An answer that says « not ready » is an answer: the API
// server is reachable.
func (t *Tracker) SetReadyz(checks []Check, err error, at time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.api.Known = true
	if err != nil {
		if t.api.Reachable || t.api.Since.IsZero() {
			t.api.Since = at
		}
		t.api.Reachable, t.api.Err = false, err.Error()
		return
	}
	t.api.Reachable, t.api.Since, t.api.Err, t.api.Checks = true, time.Time{}, "", checks
}

// flow appends f, dropping the oldest beyond maxFlows. The caller holds mu.
func (t *Tracker) flow(f Flow) {
	if len(t.flows) >= maxFlows {
		t.flows = append(t.flows[:0], t.flows[len(t.flows)-maxFlows/2:]...)
	}
	t.flows = append(t.flows, f)
}

// Snapshot computes the map's state at now.
func (t *Tracker) Snapshot(now time.Time) State {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := State{Live: true, Synced: t.synced, At: now, API: t.api, Grace: t.graceNow()}
	s.API.Checks = append([]Check(nil), t.api.Checks...)
	if !s.API.Reachable && !s.API.Since.IsZero() {
		s.API.Down = now.Sub(s.API.Since)
	}
	byNode := map[string][]PodInfo{}
	system := map[string][]PodInfo{} // kube-system pods by node
	var cp []PodInfo
	for _, p := range t.pods {
		switch {
		case p.Namespace != SystemNamespace && p.Node == "":
			s.Pending = append(s.Pending, p)
		case p.Namespace != SystemNamespace:
			byNode[p.Node] = append(byNode[p.Node], p)
		case componentOf(p) != "":
			cp = append(cp, p)
		default:
			system[p.Node] = append(system[p.Node], p)
		}
	}
	sortPods(s.Pending)
	names := make([]string, 0, len(t.nodes))
	for name := range t.nodes {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := t.nodes[names[i]], t.nodes[names[j]]
		if a.controlPlane != b.controlPlane {
			return a.controlPlane
		}
		return naturalLess(names[i], names[j])
	})
	nodeHealth := map[string]Health{}
	for _, name := range names {
		n := t.node(name, now, s.Grace.Period, system[name])
		pods := byNode[name]
		sortPods(pods)
		n.Pods = pods
		nodeHealth[name] = n.Health
		s.Nodes = append(s.Nodes, n)
	}
	s.ControlPlane = t.controlPlane(now, cp, nodeHealth)
	for _, f := range t.flows {
		if now.Sub(f.At) <= FlowWindow && !f.At.After(now) {
			s.Flows = append(s.Flows, f)
		}
	}
	if s.API.Known && !s.API.Reachable {
		blind(&s)
	}
	return s
}

// blind turns everything but the API server into Unknown: what was seen before the API
// stopped answering is not shown as up (never stale green).
func blind(s *State) {
	for i := range s.ControlPlane {
		c := &s.ControlPlane[i]
		if c.Kind == APIServer {
			c.Health, c.Reason = Down, ReasonUnreachable
		} else if c.Health != Absent {
			c.Health, c.Reason = Unknown, ""
		}
	}
	for i := range s.Nodes {
		n := &s.Nodes[i]
		n.Health, n.Reason = Unknown, ""
		for j := range n.Components {
			n.Components[j].Health, n.Components[j].Reason = Unknown, ""
		}
	}
}

// node computes one node's state from its record, lease and kube-system pods (silent
// beyond grace: down). The caller holds mu.
func (t *Tracker) node(name string, now time.Time, grace time.Duration, system []PodInfo) Node {
	rec := t.nodes[name]
	n := Node{Name: name, ControlPlane: rec.controlPlane}
	if hb, ok := t.leases[name]; ok {
		n.LastHeartbeat, n.Silent = hb, max(now.Sub(hb), 0)
	}
	switch {
	case !n.LastHeartbeat.IsZero() && n.Silent > grace:
		n.Health, n.Reason = Down, ReasonSilent
	case rec.ready == corev1.ConditionTrue:
		n.Health = Up
	case rec.ready == corev1.ConditionFalse:
		n.Health, n.Reason = Down, ReasonNotReady
	case rec.ready == corev1.ConditionUnknown:
		n.Health, n.Reason = Down, ReasonNodeUnknown
	default:
		n.Health, n.Reason = Unknown, ReasonNotSeen
	}
	kubelet := Component{Kind: Kubelet, Node: name, Health: n.Health, Reason: n.Reason}
	runtime := Component{Kind: Runtime, Node: name, Health: Unknown, Detail: rec.runtime}
	if n.Health == Up {
		runtime.Health = Up
	}
	proxy := Component{Kind: KubeProxy, Node: name, Health: Unknown, Reason: ReasonNotSeen}
	cni := Component{Kind: CNI, Node: name, Health: Unknown, Reason: ReasonNotSeen}
	for _, p := range system {
		switch {
		case isKubeProxy(p):
			proxy = podComponent(KubeProxy, p, now, n.Health)
		case cniName(p) != "":
			cni = podComponent(CNI, p, now, n.Health)
			cni.Detail = cniName(p)
		}
	}
	n.Components = []Component{kubelet, proxy, cni, runtime}
	return n
}

// controlPlane computes the control plane's components. The caller holds mu.
func (t *Tracker) controlPlane(now time.Time, pods []PodInfo, nodeHealth map[string]Health) []Component {
	byKind := map[Kind]PodInfo{}
	for _, p := range pods {
		k := componentOf(p)
		if old, ok := byKind[k]; !ok || old.Created.Before(p.Created) {
			byKind[k] = p
		}
	}
	failed := map[string]bool{}
	for _, c := range t.api.Checks {
		if !c.OK {
			failed[c.Name] = true
		}
	}
	out := make([]Component, 0, len(ControlPlaneKinds))
	for _, k := range ControlPlaneKinds {
		c := Component{Kind: k, Health: Unknown, Reason: ReasonNotSeen}
		if p, ok := byKind[k]; ok {
			nh, known := nodeHealth[p.Node]
			if !known {
				nh = Up // a component running outside the cluster's nodes
			}
			c = podComponent(k, p, now, nh)
		}
		switch k {
		case APIServer:
			c.Checks = append([]Check(nil), t.api.Checks...)
			switch {
			case !t.api.Known:
			case len(failed) > 0 && c.Health != Down:
				c.Health, c.Reason = Starting, ReasonReadyz
			case c.Pod == nil:
				c.Health, c.Reason = Up, ""
			}
		case Etcd:
			for _, ch := range t.api.Checks {
				if ch.Name == "etcd" || ch.Name == "etcd-readiness" {
					c.Checks = append(c.Checks, ch)
				}
			}
			switch {
			case failed["etcd"] || failed["etcd-readiness"]:
				c.Health, c.Reason = Down, ReasonReadyz
			case c.Pod == nil && len(c.Checks) > 0:
				c.Health, c.Reason = Up, ""
			}
		case Scheduler, ControllerManager, CloudControllerManager:
			l, ok := t.leaders[string(k)]
			switch {
			case ok && now.Sub(l.renew) > l.duration:
				c.Health, c.Reason = Down, ReasonNoLeader
			case ok && c.Pod == nil:
				c.Health, c.Reason = Up, ""
			case !ok && c.Pod == nil && k == CloudControllerManager:
				c.Health, c.Reason = Absent, ReasonAbsentOnKind
			}
		}
		out = append(out, c)
	}
	return out
}

// podComponent is a component run by pod p on a node of health nodeHealth: a pod on a
// node that is not up is Unknown, its last status being stale.
func podComponent(k Kind, p PodInfo, now time.Time, nodeHealth Health) Component {
	c := Component{Kind: k, Node: p.Node, Pod: &p}
	c.Health, c.Reason = PodHealth(p, now)
	if nodeHealth != Up && p.Node != "" {
		c.Health, c.Reason = Unknown, "" // its node is not up: its last status is stale
	}
	return c
}

// PodHealth judges a pod at now.
func PodHealth(p PodInfo, now time.Time) (Health, string) {
	switch {
	case p.Terminating:
		return Down, ReasonTerminating
	case p.Phase == corev1.PodFailed || p.Phase == corev1.PodSucceeded:
		return Down, ReasonFailed
	case p.Reason == "CrashLoopBackOff" || p.Reason == "ImagePullBackOff" || p.Reason == "ErrImagePull":
		return Down, ReasonWaiting
	case !p.LastRestart.IsZero() && now.Sub(p.LastRestart) < RestartWindow:
		return Starting, ReasonRestarting
	case p.Phase == corev1.PodPending || p.Phase == "":
		return Starting, ReasonPending
	case p.Reason != "":
		return Starting, ReasonWaiting
	case !p.Ready:
		return Starting, ReasonNotReadyPod
	}
	return Up, ""
}

func sortPods(pods []PodInfo) {
	sort.Slice(pods, func(i, j int) bool {
		if pods[i].Namespace != pods[j].Namespace {
			return pods[i].Namespace < pods[j].Namespace
		}
		return naturalLess(pods[i].Name, pods[j].Name)
	})
}

// naturalLess orders strings with their digit runs compared as numbers (worker2 before
// worker10).
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := digits(a), digits(b)
		if da > 0 && db > 0 {
			na, nb := a[:da], b[:db]
			for len(na) > 1 && na[0] == '0' {
				na = na[1:]
			}
			for len(nb) > 1 && nb[0] == '0' {
				nb = nb[1:]
			}
			if len(na) != len(nb) {
				return len(na) < len(nb)
			}
			if na != nb {
				return na < nb
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digits(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
