// Package testenv runs a real Kubernetes control plane for integration tests, without
// Docker: etcd, kube-apiserver, kube-controller-manager and kube-scheduler built from
// source by `make testbin`, with kwok playing the kubelets of fake nodes.
//
// A test starts its own environment with Start, or shares one per package with Main and
// Shared:
//
//	func TestMain(m *testing.M) { testenv.Main(m, testenv.Options{}) }
//
//	func TestIntegrationSomething(t *testing.T) {
//		env := testenv.Shared(t)
//		out, err := env.Kubectl(t.Context(), "get", "nodes")
//		...
//	}
//
// The nodes are named like kind's (kubetutor-control-plane, kubetutor-worker,
// kubetutor-worker2). NodeAccess gives the checks' node-access interface: stopping a
// node's kubelet stops its kwok heartbeat, and each node has a local root directory that
// stands in for its file system (see NodeAccess for the contract).
//
// When the binaries are missing, Start and Shared skip the test with a message saying to
// run `make testbin`. The binaries are looked up in $KUBETUTOR_TESTBIN (the Makefile
// exports it for `go test`), else in the cache path the Makefile uses.
package testenv
