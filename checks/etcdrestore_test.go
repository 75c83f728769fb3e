package checks

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	dynfake "k8s.io/client-go/dynamic/fake"
	"k8s.io/client-go/kubernetes/fake"
	k8stesting "k8s.io/client-go/testing"
)

const restoreParams = `{"minRevision": 1000000000, "answer": {"resource": "configmaps", "namespace": "lab-etcd", "name": "marqueur", "jsonPath": "{.data.mot}"}}`

func etcdManifest(dataDir string) []byte {
	return []byte(`apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers: [{name: etcd, image: etcd}]
  volumes:
  - {name: etcd-certs, hostPath: {path: /etc/kubernetes/pki/etcd, type: DirectoryOrCreate}}
  - {name: etcd-data, hostPath: {path: ` + dataDir + `, type: DirectoryOrCreate}}
`)
}

// restoreEnv is a cluster whose etcd serves revision rev, its manifest on dataDir
// ("" for none readable), with the marker at resourceVersion markerRV (0: deleted).
func restoreEnv(rev string, dataDir string, markerRV string, answer string) *Env {
	kube := fake.NewSimpleClientset(node(cpNode, corev1.ConditionTrue))
	kube.PrependReactor("list", "namespaces", func(k8stesting.Action) (bool, runtime.Object, error) {
		return true, &corev1.NamespaceList{ListMeta: metav1.ListMeta{ResourceVersion: rev}}, nil
	})
	scheme := runtime.NewScheme()
	_ = corev1.AddToScheme(scheme)
	var objs []runtime.Object
	if markerRV != "" {
		objs = append(objs, &corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "lab-etcd", Name: "marqueur", ResourceVersion: markerRV},
			Data: map[string]string{"mot": "sauvegarde-avant-la-panne"}})
	}
	nodes := &fakeNodes{files: map[string][]byte{}}
	if dataDir != "" {
		nodes.files[cpNode+":/etc/kubernetes/manifests/etcd.yaml"] = etcdManifest(dataDir)
	}
	return &Env{Kube: kube, Dynamic: dynfake.NewSimpleDynamicClient(scheme, objs...), Nodes: nodes, Answer: answer, Now: fakeEnv().Now}
}

// TestEtcdRestore: the word counts only once etcd serves restored data (revision above
// the bump), from the marker that came back from the snapshot.
func TestEtcdRestore(t *testing.T) {
	const word = "sauvegarde-avant-la-panne"
	tests := []struct {
		name                       string
		rev, dir, markerRV, answer string
		want                       Status
		says                       string
	}{
		{"nothing done, no answer", "4200", "/var/lib/etcd", "812", "", Pending, "répertoire d’origine /var/lib/etcd"},
		{"the word read from the setup's marker", "4200", "/var/lib/etcd", "812", word, Failed, "le ConfigMap marqueur est là, mais etcd sert toujours ses anciennes données : la restauration n’a pas eu lieu"},
		{"the manifest on a copy of the old data", "4350", "/var/lib/etcd-copy", "812", word, Failed, "le manifeste pointe sur /var/lib/etcd-copy, mais etcd sert toujours ses anciennes données"},
		{"marker deleted, restore not served yet", "4400", "/var/lib/etcd/restore", "", word, Pending, "pointe sur /var/lib/etcd/restore"},
		{"restored, marker not back", "1000004100", "/var/lib/etcd/restore", "", word, Pending, "introuvable"},
		{"restored, marker recreated by hand", "1000004180", "/var/lib/etcd/restore", "1000004170", word, Failed, "recréé après la restauration"},
		{"restored, marker back, wrong word", "1000004100", "/var/lib/etcd/restore", "812", "panne", Failed, "n’est pas la bonne réponse"},
		{"restored, marker back, no word yet", "1000004100", "/var/lib/etcd/restore", "812", "", Pending, "répondez"},
		{"restored, marker back, the word", "1000004100", "/var/lib/etcd/restore", "812", word, Passed, "données restaurées"},
		{"restored in place (etcd stopped, old directory replaced)", "1000004100", "/var/lib/etcd", "812", word, Passed, ""},
		{"no manifest readable, old data", "4200", "", "812", word, Failed, "anciennes données"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expect(t, run(t, restoreEnv(tt.rev, tt.dir, tt.markerRV, tt.answer), "etcd-restore", restoreParams), tt.want, tt.says)
		})
	}
	for _, bad := range []string{`{"answer": {"resource": "configmaps", "name": "m", "jsonPath": "{.data}"}}`, `{"minRevision": 5, "answer": {"resource": "configmaps", "selector": "a=b", "jsonPath": "{.data}"}}`} {
		if _, err := Decode("etcd-restore", []byte(bad)); err == nil {
			t.Errorf("params %s accepted", bad)
		}
	}
}
