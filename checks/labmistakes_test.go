package checks

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"kubetutor/labs/shell"
)

// The common mistakes the chapter's labs detect, and the parameters they added.

func TestEtcdSnapshotDatedPath(t *testing.T) {
	t.Run("paths", func(t *testing.T) {
		saved := time.Local
		t.Cleanup(func() { time.Local = saved })
		late := time.Date(2026, 11, 27, 23, 30, 0, 0, time.UTC)
		p := &EtcdSnapshotParams{Path: "/var/lib/etcd/etcd-{date}.db"}
		time.Local = time.UTC
		if got := p.paths(late); !slices.Equal(got, []string{"/var/lib/etcd/etcd-2026-11-27.db"}) {
			t.Errorf("UTC paths = %q", got)
		}
		time.Local = time.FixedZone("UTC+2", 2*3600) // already tomorrow there
		if got := p.paths(late); !slices.Equal(got, []string{"/var/lib/etcd/etcd-2026-11-27.db", "/var/lib/etcd/etcd-2026-11-28.db"}) {
			t.Errorf("UTC+2 paths = %q", got)
		}
		fixed := &EtcdSnapshotParams{Path: "/var/lib/etcd/snap.db"}
		if got := fixed.paths(late); !slices.Equal(got, []string{"/var/lib/etcd/snap.db"}) {
			t.Errorf("fixed paths = %q", got)
		}
	})

	etcd := startEtcd(t)
	startRev := etcd.revision(t)
	etcd.fill(t, 10)
	snap := etcd.snapshot(t)
	const params = `{"path": "/var/lib/etcd/etcd-{date}.db"}`
	today := "/var/lib/etcd/etcd-" + testNow.UTC().Format(time.DateOnly) + ".db"
	yesterday := "/var/lib/etcd/etcd-" + testNow.UTC().AddDate(0, 0, -1).Format(time.DateOnly) + ".db"
	env := func(path string) *Env {
		nodes := &fakeNodes{files: map[string][]byte{}}
		if path != "" {
			nodes.files[cpNode+":"+path] = snap
		}
		e := etcdEnv(nodes)
		e.StartRevision = startRev
		e.ShellHistory = filepath.Join(t.TempDir(), "history.jsonl")
		e.LabStarted = testNow.Add(-time.Hour)
		return e
	}
	expect(t, run(t, env(today), "etcd-snapshot", params), Passed, today)
	expect(t, run(t, env(yesterday), "etcd-snapshot", params), Pending, "pas encore de fichier", today)
	expect(t, run(t, env(""), "etcd-snapshot", params), Pending, today)

	t.Run("etcdctl without --cacert", func(t *testing.T) {
		const noCA = "kubectl -n kube-system exec etcd-kubetutor-control-plane -- etcdctl snapshot save /var/lib/etcd/etcd-$(date +%F).db"
		const withCA = "kubectl -n kube-system exec etcd-kubetutor-control-plane -- etcdctl --cacert /etc/kubernetes/pki/etcd/ca.crt snapshot save /var/lib/etcd/x.db"
		tests := []struct {
			name   string
			hist   []shell.Record
			status Status
			text   []string
		}{
			{"failed without --cacert", []shell.Record{{Line: noCA, Exit: 1}}, Failed, []string{"sans --cacert", "etcdctl snapshot save"}},
			{"older mistake outside the lab", []shell.Record{{Line: noCA, Exit: 1, Time: testNow.Add(-2 * time.Hour)}}, Pending, []string{"pas encore de fichier"}},
			{"failed with --cacert", []shell.Record{{Line: withCA, Exit: 1}}, Pending, []string{"pas encore de fichier"}},
			{"failed with --cacert=", []shell.Record{{Line: "etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt snapshot save x.db", Exit: 1}}, Pending, nil},
			{"CA in the environment", []shell.Record{{Line: "ETCDCTL_CACERT=/etc/kubernetes/pki/etcd/ca.crt etcdctl snapshot save x.db", Exit: 1}}, Pending, nil},
			{"a later etcdctl succeeded", []shell.Record{{Line: noCA, Exit: 1}, {Line: "etcdctl --cacert ca.crt endpoint status", Exit: 0}}, Pending, nil},
			{"a later mistake counts", []shell.Record{{Line: "etcdctl --cacert ca.crt endpoint status", Exit: 0}, {Line: noCA, Exit: 1}}, Failed, []string{"sans --cacert"}},
			{"other failing commands", []shell.Record{{Line: "kubectl get pods -n nope", Exit: 1}}, Pending, nil},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e := env("")
				for i, r := range tt.hist {
					if r.Time.IsZero() {
						r.Time = testNow.Add(time.Duration(i-10) * time.Second)
					}
					if err := shell.Append(e.ShellHistory, r); err != nil {
						t.Fatal(err)
					}
				}
				expect(t, run(t, e, "etcd-snapshot", params), tt.status, tt.text...)
			})
		}
		t.Run("the file wins over an earlier mistake", func(t *testing.T) {
			e := env(today)
			if err := shell.Append(e.ShellHistory, shell.Record{Time: testNow.Add(-time.Minute), Line: noCA, Exit: 1}); err != nil {
				t.Fatal(err)
			}
			expect(t, run(t, e, "etcd-snapshot", params), Passed)
		})
	})
}

func TestWorkloadContainerArgs(t *testing.T) {
	ms := func(command, args []string) *appsv1.Deployment {
		d := deployment("kube-system", "metrics-server", 1, 1)
		d.Spec.Template.Spec.Containers = []corev1.Container{
			{Name: "sidecar", Args: []string{"--other"}},
			{Name: "metrics-server", Command: command, Args: args},
		}
		return d
	}
	const params = `{"namespace": "kube-system", "name": "metrics-server", "containerArgs": ["--kubelet-insecure-tls", "--secure-port=10250"]}`
	tests := []struct {
		name          string
		command, args []string
		status        Status
		text          []string
	}{
		{"in args", nil, []string{"--secure-port=10250", "--kubelet-insecure-tls"}, Passed, nil},
		{"with a value", nil, []string{"--secure-port=10250", "--kubelet-insecure-tls=true"}, Passed, nil},
		{"in command", []string{"/metrics-server", "--kubelet-insecure-tls"}, []string{"--secure-port=10250"}, Passed, nil},
		{"missing, though available", nil, []string{"--secure-port=10250"}, Failed, []string{"Deployment metrics-server", "aucun conteneur ne reçoit l’argument --kubelet-insecure-tls"}},
		{"a longer flag is not it", nil, []string{"--secure-port=10250", "--kubelet-insecure-tls-x"}, Failed, []string{"--kubelet-insecure-tls"}},
		{"exact value required", nil, []string{"--kubelet-insecure-tls", "--secure-port=4443"}, Failed, []string{"--secure-port=10250"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, fakeEnv(ms(tt.command, tt.args)), "workload", params), tt.status, tt.text...)
		})
	}
	t.Run("missing arg on a DaemonSet", func(t *testing.T) {
		ds := &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Namespace: "kube-system", Name: "agent"},
			Status: appsv1.DaemonSetStatus{DesiredNumberScheduled: 2, NumberAvailable: 2}}
		ds.Spec.Template.Spec.Containers = []corev1.Container{{Name: "agent"}}
		expect(t, run(t, fakeEnv(ds), "workload", `{"kind": "DaemonSet", "namespace": "kube-system", "name": "agent", "containerArgs": ["--v=2"]}`), Failed, "DaemonSet agent", "--v=2")
	})
}

func TestNetworkPolicyWrongNamespace(t *testing.T) {
	np := func(ns, name string) *networkingv1.NetworkPolicy {
		return &networkingv1.NetworkPolicy{
			ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name},
			Spec: networkingv1.NetworkPolicySpec{
				PodSelector: metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
				PolicyTypes: []networkingv1.PolicyType{networkingv1.PolicyTypeIngress},
			},
		}
	}
	const named = `{"namespace": "web", "name": "allow-web", "selects": {"app": "web"}}`
	const anyName = `{"namespace": "web", "selects": {"app": "web"}}`
	tests := []struct {
		name, params string
		objs         []runtimeObject
		status       Status
		text         []string
	}{
		{"applied in default", named, []runtimeObject{np("default", "allow-web")}, Failed,
			[]string{"la NetworkPolicy allow-web est dans le namespace default, pas dans web", "-n web"}},
		{"in its namespace", named, []runtimeObject{np("web", "allow-web"), np("default", "allow-web")}, Passed, nil},
		{"another name elsewhere", named, []runtimeObject{np("default", "deny-all")}, Pending, []string{"aucune NetworkPolicy"}},
		{"no name, no hint", anyName, []runtimeObject{np("default", "allow-web")}, Pending, []string{"aucune NetworkPolicy"}},
		{"nothing anywhere", named, nil, Pending, []string{"aucune NetworkPolicy"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, fakeEnv(tt.objs...), "network-policy", tt.params), tt.status, tt.text...)
		})
	}
	t.Run("a namespace peer is named in the evidence", func(t *testing.T) {
		pol := np("web", "allow-web")
		pol.Spec.Ingress = []networkingv1.NetworkPolicyIngressRule{{From: []networkingv1.NetworkPolicyPeer{
			{PodSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"stage": "front"}}}}}}
		params := `{"namespace": "web", "name": "allow-web", "ingressFrom": {"namespaceLabels": {"stage": "front"}}}`
		expect(t, run(t, fakeEnv(pol), "network-policy", params), Failed, "no ingress rule admits namespaces stage=front")
		both := `{"namespace": "web", "ingressFrom": {"podLabels": {"app": "api"}, "namespaceLabels": {"stage": "front"}}}`
		expect(t, run(t, fakeEnv(pol), "network-policy", both), Failed, "admits pods app=api in namespaces stage=front")
	})
	t.Run("a named policy watches every namespace", func(t *testing.T) {
		for params, wantNS := range map[string]string{named: "", anyName: "web"} {
			p, err := Decode("network-policy", []byte(params))
			if err != nil {
				t.Fatal(err)
			}
			c, _ := Lookup("network-policy")
			deps := c.Dependencies(p)
			if len(deps) != 1 || deps[0].Namespace != wantNS {
				t.Errorf("%s: deps %+v, want namespace %q", params, deps, wantNS)
			}
		}
	})
}

func TestShellCommandExpectFailure(t *testing.T) {
	hist := filepath.Join(t.TempDir(), "history.jsonl")
	env := fakeEnv()
	env.ShellHistory = hist
	env.LabStarted = testNow.Add(-time.Hour)
	const params = `{"program": "kubectl", "subcommands": ["exec"], "args": ["wget"], "expectFailure": true}`
	add := func(ago time.Duration, line string, exit int) {
		if err := shell.Append(hist, shell.Record{Time: testNow.Add(-ago), Line: line, Exit: exit}); err != nil {
			t.Fatal(err)
		}
	}
	expect(t, run(t, env, "shell-command", params), Pending, "kubectl exec wget")
	add(50*time.Second, "kubectl -n other exec client -- wget -qO- -T 3 http://web.web", 0)
	expect(t, run(t, env, "shell-command", params), Failed, "a réussi alors qu’elle devait être refusée")
	add(40*time.Second, "kubectl get pods", 1) // not the command
	expect(t, run(t, env, "shell-command", params), Failed)
	add(30*time.Second, "kubectl -n other exec client -- wget -qO- -T 3 http://web.web", 1)
	expect(t, run(t, env, "shell-command", params), Passed, "a échoué comme attendu (code 1)")

	if _, err := Decode("shell-command", []byte(`{"program": "kubectl", "allowFailure": true, "expectFailure": true}`)); err == nil {
		t.Error("allowFailure with expectFailure accepted")
	}
}
